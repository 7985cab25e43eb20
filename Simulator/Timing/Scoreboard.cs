using System.Runtime.CompilerServices;

namespace M7Sim.Timing;

/// <summary>
/// Layout of the integer scoreboard: one row of <see cref="Roles"/> entries per register R0-R15, the
/// flags (16), an always-ready dummy (17) that unused operand slots of <see cref="InstTiming"/> read,
/// and a sink (18) that instructions without a destination write, so neither needs a branch. Entry [reg * Roles + role] is the earliest issue cycle of a consumer reading the register
/// in that <see cref="OperandRole"/>, and the cause to charge if it waits: both are written once per
/// result, so reading an operand is one load.
/// </summary>
internal static class Scoreboard
{
    public const int Roles = 8;
    public const int Flags = 16;
    public const int Dummy = 17;
    public const int Sink = 18;
    public const int Entries = (Sink + 1) * Roles;
}

/// <summary>Per (register, read role) earliest issue cycle (see <see cref="Scoreboard"/>). Inline so the scoreboard lives in the timing struct.</summary>
[InlineArray(Scoreboard.Entries)]
internal struct RegNeeds
{
    private long _element;
}

/// <summary>Per (register, read role) stall cause, indexed like <see cref="RegNeeds"/>.</summary>
[InlineArray(Scoreboard.Entries)]
internal struct RegCauses
{
    private StallCause _element;
}

/// <summary>Per single-precision FP register (S0-S31; D16-D31 halves at 32-63) ready times.</summary>
[InlineArray(64)]
internal struct FpTimes
{
    private long _element;
}

/// <summary>Counters kept inline in the timing struct (copied into <see cref="TimingCounters"/> when read).</summary>
[InlineArray(TimingCounters.CauseCount)]
internal struct CauseCounts
{
    private ulong _element;
}

/// <summary>Instructions per timing class, kept inline like <see cref="CauseCounts"/>.</summary>
[InlineArray((int)TimingClass.Nop + 1)]
internal struct ClassCounts
{
    private ulong _element;
}

/// <summary>Data accesses of one bus region, with the region's memory kind beside them (one lookup per access).</summary>
internal struct RegionCounts
{
    public ulong Reads, ReadBytes, Writes, WriteBytes;
    public MemKind Kind;
}
