namespace M7Sim.Timing;

/// <summary>Why an instruction issued later than the earliest in-order slot it could have taken.</summary>
public enum StallCause : byte
{
    None,
    /// <summary>Waiting for a load result (word load 1 cycle, byte/half 2).</summary>
    LoadUse,
    /// <summary>Waiting for a multiply/MAC result (latency 2, 4 to an address).</summary>
    MulDependency,
    /// <summary>An operand read one stage early (shifted, extracted, address) was not ready although a normal read would have been.</summary>
    EarlyOperand,
    /// <summary>Waiting for another integer result or for the flags.</summary>
    Dependency,
    /// <summary>Waiting for a floating-point result, or the FP pipe locked by VDIV/VSQRT or a preceding FP MAC.</summary>
    FpDependency,
    BranchMispredict,
    /// <summary>A direct branch missing in the BTAC, statically predicted taken and redirected at decode.</summary>
    BranchRedirect,
    /// <summary>Instruction or data access waiting on flash wait states (ITCM path without an ART hit, uncached AXI flash).</summary>
    FlashWait,
    /// <summary>L1 I- or D-cache miss (line fill over AXIM), or an uncached AXIM SRAM/peripheral access.</summary>
    CacheMiss,
    /// <summary>Two loads to the same DTCM/D-cache bank could not pair.</summary>
    BankConflict,
    UnalignedAccess,
    Divide,
    /// <summary>The store buffer was full (or drained by DSB/DMB).</summary>
    StoreBuffer,
    /// <summary>Pairing refused by an issue rule or a shared unit (older-slot-only, single issue, MAC+store, two DSP ops, ...).</summary>
    Structural,
    /// <summary>Serialising system instructions (MSR/MRS/barriers), blocking the pipeline.</summary>
    System,
    /// <summary>Exception entry (stacking, vector fetch) and exception return (unstacking).</summary>
    Exception,
}

/// <summary>
/// Counters kept by the Cortex-M7 model. Stall cycles are issue delays: for each instruction, the
/// cycles between the earliest in-order slot (the younger slot beside its predecessor when that was
/// free, else the next cycle) and the cycle it issued, charged to the binding constraint; pipeline
/// stalls after an instruction (cache miss, mispredict) are charged once, to their own cause.
/// </summary>
public sealed class TimingCounters
{
    public const int CauseCount = (int)StallCause.Exception + 1;

    internal TimingCounters(int regionCount)
    {
        RegionReads = new ulong[regionCount];
        RegionWrites = new ulong[regionCount];
        RegionReadBytes = new ulong[regionCount];
        RegionWriteBytes = new ulong[regionCount];
    }

    /// <summary>Instructions issued, including those predicated false (they occupy their slots).</summary>
    public ulong Instructions { get; internal set; }
    /// <summary>Instructions that issued in the younger slot beside an older one.</summary>
    public ulong DualIssuedPairs { get; internal set; }
    /// <summary>Instructions skipped by a failed IT condition.</summary>
    public ulong PredicatedFalse { get; internal set; }
    /// <summary>Issue cycles of multi-cycle loads and stores (LDM/STM/PUSH/POP, LDRD/STRD, VLDM/VSTM, TBB/TBH) beyond their first.</summary>
    public ulong ExtraLoadStoreCycles { get; internal set; }
    /// <summary>Issue cycles of other multi-cycle instructions beyond their first.</summary>
    public ulong ExtraMultiCycleCycles { get; internal set; }

    public readonly ulong[] StallCycles = new ulong[CauseCount];
    public readonly ulong[] ByClass = new ulong[(int)TimingClass.Nop + 1];

    /// <summary>Data accesses and bytes by bus region index (Machine.RegionNames gives the names).</summary>
    public readonly ulong[] RegionReads, RegionWrites, RegionReadBytes, RegionWriteBytes;

    public ulong Branches { get; internal set; }
    public ulong BranchesTaken { get; internal set; }
    public ulong Mispredicts { get; internal set; }
    /// <summary>Exception entries and returns seen (IPSR changes).</summary>
    public ulong Exceptions { get; internal set; }
    public ulong DecodeRedirects { get; internal set; }

    public ulong ICacheHits { get; internal set; }
    public ulong ICacheMisses { get; internal set; }
    public ulong DCacheHits { get; internal set; }
    public ulong DCacheMisses { get; internal set; }
    public ulong DCacheWritebacks { get; internal set; }
    public ulong ArtHits { get; internal set; }
    public ulong ArtMisses { get; internal set; }
    /// <summary>Reads of the flash array (256-bit lines on the ITCM/ART path, AXI beats otherwise).</summary>
    public ulong FlashReads { get; internal set; }
    /// <summary>Instruction fetches that reached memory other than the TCMs (cache or ART misses, uncached blocks).</summary>
    public ulong FetchBlocks { get; internal set; }

    /// <summary>Share of instructions that issued as one of a dual-issued pair.</summary>
    public double DualIssueRate => Instructions == 0 ? 0 : 2.0 * DualIssuedPairs / Instructions;

    public ulong TotalStallCycles
    {
        get { ulong s = 0; foreach (var v in StallCycles) s += v; return s; }
    }

    public ulong Stall(StallCause cause) => StallCycles[(int)cause];

    internal void Clear()
    {
        Instructions = DualIssuedPairs = PredicatedFalse = 0;
        Array.Clear(StallCycles); Array.Clear(ByClass);
        Array.Clear(RegionReads); Array.Clear(RegionWrites); Array.Clear(RegionReadBytes); Array.Clear(RegionWriteBytes);
        Branches = BranchesTaken = Mispredicts = DecodeRedirects = Exceptions = 0;
        ICacheHits = ICacheMisses = DCacheHits = DCacheMisses = DCacheWritebacks = ArtHits = ArtMisses = FlashReads = FetchBlocks = 0;
    }
}
