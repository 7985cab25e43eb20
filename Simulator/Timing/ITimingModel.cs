using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Timing;

/// <summary>
/// A timing model consumes each retired instruction and the events it produced (the bus's access
/// list, the branch outcome in cpu.Pc/NextPc) and advances the cycle count. Implemented by structs
/// so the run loop is specialised per model and the functional model costs nothing.
/// </summary>
internal interface ITimingModel
{
    /// <summary>Cycles elapsed since reset.</summary>
    ulong Cycles { get; }

    /// <summary>Called once per instruction after it executed (or was skipped by its condition).</summary>
    void Retire(Cpu c, ref DecodedInst d, bool executed);

    /// <summary>Adds cycles spent outside instructions (exception entry/return, sleeping).</summary>
    void AddCycles(ulong cycles);
}

/// <summary>Functional mode: one cycle per instruction.</summary>
internal struct FunctionalTiming : ITimingModel
{
    private ulong _cycles;
    public readonly ulong Cycles => _cycles;
    public void Retire(Cpu c, ref DecodedInst d, bool executed) => _cycles++;
    public void AddCycles(ulong cycles) => _cycles += cycles;
}
