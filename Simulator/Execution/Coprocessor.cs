using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>
/// Generic coprocessor instructions (CDP/CDP2, MCR/MCR2, MRC/MRC2, MCRR/MCRR2, MRRC/MRRC2, LDC/LDC2,
/// STC/STC2; Armv7-M A5.3.18) for coprocessors other than CP10/CP11. The Cortex-M7 implements no such
/// coprocessor (CPACR.CP0-CP7 are RAZ/WI), so every one of them takes a UsageFault with CFSR.NOCP
/// (Armv7-M B1.5.14 "coprocessor access ... to a coprocessor that is not present"), not UNDEFINSTR.
/// </summary>
internal static class Coprocessor
{
    public static void NotPresent(Cpu c, ref DecodedInst d) => c.Raise(FaultKind.NoCoprocessor, c.Pc);
}
