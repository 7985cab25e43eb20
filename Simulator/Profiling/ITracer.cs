using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Profiling;

/// <summary>
/// Observes every retired instruction (after the timing model). Implemented by structs so the run
/// loop is specialised per tracer and <see cref="NoTracer"/> costs nothing.
/// </summary>
internal interface ITracer
{
    /// <summary>Called after the instruction at <paramref name="pc"/> executed (or was skipped by its condition); c.NextPc is where control goes.</summary>
    void Retire(Cpu c, ref DecodedInst d, uint pc, bool executed);

    /// <summary>Checked before each instruction (so after the previous <see cref="Retire"/> and any exception entry): true ends the run with StopReason.DebugHalt before that instruction (breakpoints, watchpoints, single steps). Must be false when the run starts, so resuming at a breakpoint executes that instruction.</summary>
    bool StopRequested { get; }
}

/// <summary>No observation: plain runs.</summary>
internal struct NoTracer : ITracer
{
    public readonly void Retire(Cpu c, ref DecodedInst d, uint pc, bool executed) { }
    public readonly bool StopRequested => false;
}

/// <summary>Forwards to a <see cref="Profiler"/>.</summary>
internal readonly struct ProfilingTracer(Profiler profiler) : ITracer
{
    public void Retire(Cpu c, ref DecodedInst d, uint pc, bool executed) => profiler.Retire(c, ref d, pc, executed);
    public bool StopRequested => false;
}
