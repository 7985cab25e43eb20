using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>System instructions (A5.3.4 miscellaneous control, hints, SVC, BKPT, UDF) and UNDEFINED.</summary>
internal static class SystemOps
{
    /// <summary>UDF and every UNDEFINED/UNPREDICTABLE encoding: UsageFault UNDEFINSTR.</summary>
    public static void Undefined(Cpu c, ref DecodedInst d) => c.Raise(FaultKind.Undefined, c.Pc);
}
