using System.Runtime.CompilerServices;
using M7Sim.Memory;

namespace M7Sim.Timing;

/// <summary>How the timing model treats a bus region.</summary>
internal enum MemKind : byte
{
    /// <summary>ITCM/DTCM RAM: zero wait states, never cached (timing facts 5.2).</summary>
    Tcm,
    /// <summary>Flash through the ITCM interface: wait states, ART accelerator and prefetch (facts 5.2).</summary>
    FlashItcm,
    /// <summary>Flash through AXIM: L1-cacheable (write-through by default), no ART.</summary>
    AxiFlash,
    /// <summary>RAM through AXIM (SRAM1/SRAM2, external): L1-cacheable.</summary>
    AxiRam,
    /// <summary>Peripherals (AHBP) and unmapped addresses: device memory, never cached.</summary>
    Device,
    /// <summary>The private peripheral bus (SCS).</summary>
    Ppb,
}

/// <summary>
/// Memory-system timing: flash wait states from FLASH_ACR (or the board clock), the ART accelerator and
/// flash prefetch on the ITCM path, L1 I/D caches on AXIM gated by CCR.IC/CCR.DC, and fixed bus
/// latencies from the board file. Answers "when is this fetch block available" and "how long does this
/// data access stall".
/// </summary>
internal sealed class MemoryTiming
{
    private readonly BoardMemoryTiming _board;
    private readonly Func<uint> _ccr;
    private readonly IMmio? _flashInterface;
    private readonly TimingCounters _ctr;

    /// <summary>Kind and write-back (vs write-through) policy per bus region index.</summary>
    public readonly MemKind[] Kinds;
    private readonly bool[] _writeBack;

    public readonly SetAssociativeCache? ICache, DCache, Art;

    // Flash state: one line read at a time; with PRFTEN the next line is read right after.
    private long _flashBusyUntil = long.MinValue;
    private uint _prefetchLine = uint.MaxValue;
    private long _prefetchAvail;

    public MemoryTiming(Bus bus, BoardMemoryTiming board, Func<uint> ccr, TimingCounters counters)
    {
        _board = board;
        _ccr = ccr;
        _ctr = counters;
        int n = bus.Regions.Count;
        Kinds = new MemKind[n];
        _writeBack = new bool[n];
        for (int i = 0; i < n; i++)
        {
            var r = bus.Regions[i];
            Kinds[i] = r.Interface switch
            {
                BusInterface.Itcm or BusInterface.Dtcm => r.Kind == RegionKind.Flash ? MemKind.FlashItcm : MemKind.Tcm,
                BusInterface.Axim => r.Kind == RegionKind.Flash ? MemKind.AxiFlash : r.Kind == RegionKind.Mmio ? MemKind.Device : MemKind.AxiRam,
                BusInterface.Ppb => MemKind.Ppb,
                _ => MemKind.Device,
            };
            _writeBack[i] = DefaultWriteBack(r.Base);
            if (board.AcrPeripheral is { } acr && r.Name == acr) _flashInterface = r.Device;
        }
        if (board.ICacheBytes > 0) ICache = new SetAssociativeCache(board.ICacheBytes, board.ICacheWays, board.ICacheLine);
        if (board.DCacheBytes > 0) DCache = new SetAssociativeCache(board.DCacheBytes, board.DCacheWays, board.DCacheLine);
        if (board.ArtLines > 0) Art = new SetAssociativeCache(board.ArtLines * board.ArtLineBytes, board.ArtLines, board.ArtLineBytes);
    }

    /// <summary>Default memory map attributes without an MPU (timing facts 4, DUI0646C Table 2.12).</summary>
    private static bool DefaultWriteBack(uint address) => (address >> 29) switch
    {
        1 => true,  // 0x20000000 SRAM: WBWA
        3 => true,  // 0x60000000 RAM: WBWA
        _ => false, // code 0x0 and 0x80000000: write-through
    };

    public void Reset()
    {
        ICache?.InvalidateAll();
        DCache?.InvalidateAll();
        Art?.InvalidateAll();
        _flashBusyUntil = long.MinValue;
        _prefetchLine = uint.MaxValue;
        _polledEpoch = DeviceEpoch - 1;
    }

    // CCR and FLASH_ACR change only through device accesses (debugger and loader writes refuse MMIO), and
    // the bus counts every device access in DeviceEpoch (CortexM7Timing.SyncReplay). So the model re-reads
    // them before its first fetch or access after a device access, and only then: a write takes effect
    // from the next access on, as on the chip after the DSB/ISB that follows it, and when a poll happens
    // has no bearing on anything else (reading a device register per fetch would dominate the model).
    private uint _ccrValue, _acrValue;

    /// <summary>Device accesses so far (the bus reports each, <see cref="CortexM7Timing.SyncReplay"/>), and the count when CCR and FLASH_ACR were last read.</summary>
    public uint DeviceEpoch;
    private uint _polledEpoch = uint.MaxValue;

    private void Poll()
    {
        _polledEpoch = DeviceEpoch;
        _ccrValue = _ccr();
        _acrValue = _flashInterface is not null && _flashInterface.Read(0, 4, out uint v) ? v : 0;
    }

    public bool ICacheOn => ICache is not null && (_ccrValue & (1u << 17)) != 0;
    /// <summary>FLASH_ACR.ARTEN with an ART on the board: ITCM flash fetches (and, per the board, data reads) go through it.</summary>
    public bool ArtOn => Art is not null && (Acr & (1u << 9)) != 0;
    public bool DCacheOn => DCache is not null && (_ccrValue & (1u << 16)) != 0;

    /// <summary>
    /// A load of <paramref name="address"/> would hit the D-cache without changing it (its line is the most recently
    /// used of its set), with the settings current (no device access since the last poll). False says nothing:
    /// the caller takes the full path. Makes no call, for the replay's first test.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool DCacheHitsQuick(uint address) =>
        DeviceEpoch == _polledEpoch && DCacheOn && DCache!.HitsMostRecent(address);

    /// <summary>FLASH_ACR as the firmware wrote it; 0 (reset value) when never programmed or no flash interface.</summary>
    private uint Acr => _acrValue;

    /// <summary>Re-reads CCR/FLASH_ACR if a device was accessed since they were last read; the model calls this
    /// before a fetch-block or non-TCM access, and a block replay before it relies on the cache settings.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Tick()
    {
        if (DeviceEpoch != _polledEpoch) Poll();
    }

    /// <summary>
    /// CPU cycles for one flash line read: LATENCY + 1 from FLASH_ACR; while FLASH_ACR is still 0 (never
    /// programmed), the wait states the board clock requires (see the board file's "unprogrammedAcr").
    /// </summary>
    public int FlashCycles(uint acr) => (acr == 0 ? _board.RequiredWaitStates : (int)(acr & 0xF)) + 1;

    /// <summary>
    /// Instruction fetch of one block (32 bytes: a flash line, cache line or ART line; 8 bytes for
    /// uncached AXIM, one 64-bit fetch). <paramref name="request"/> is when the prefetch unit asks.
    /// Returns when the block's bytes are available and the cause to charge if that is late.
    /// </summary>
    public long FetchBlock(MemKind kind, int region, uint address, long request, out StallCause cause)
    {
        Tick();
        cause = StallCause.FlashWait;
        switch (kind)
        {
            case MemKind.FlashItcm:
                return FlashItcmRead(address, request, isFetch: true);
            case MemKind.AxiFlash:
            case MemKind.AxiRam:
                if (ICacheOn)
                {
                    if (ICache!.Access(address, allocate: true, makeDirty: false, out _)) { _ctr.ICacheHits++; return request; }
                    _ctr.ICacheMisses++;
                    _ctr.FetchBlocks++;
                    cause = StallCause.CacheMiss;
                    return request + AxiReadCycles(kind, address);
                }
                _ctr.FetchBlocks++;
                cause = kind == MemKind.AxiFlash ? StallCause.FlashWait : StallCause.CacheMiss;
                return request + AxiReadCycles(kind, address);
            case MemKind.Device:
                cause = StallCause.CacheMiss;
                return request + _board.AhbpReadCycles;
            default:
                return request;
        }
    }

    /// <summary>Cycles of one AXIM read to the first (critical) beat: bus request plus the SRAM or flash access.</summary>
    private int AxiReadCycles(MemKind kind, uint address)
    {
        if (kind != MemKind.AxiFlash) return _board.AxiRequestCycles + _board.SramAccessCycles;
        _ctr.FlashReads++;
        return _board.AxiRequestCycles + FlashCycles(Acr);
    }

    /// <summary>Flash read through ITCM: ART hit (ARTEN) is free; PRFTEN overlaps the next line's read.</summary>
    private long FlashItcmRead(uint address, long request, bool isFetch)
    {
        uint acr = Acr;
        bool art = Art is not null && (acr & (1u << 9)) != 0 && (isFetch || _board.ArtServesData);
        bool prefetch = (acr & (1u << 8)) != 0;
        uint line = address / (uint)_board.FlashLineBytes;
        if (art)
        {
            if (Art!.Access(address, allocate: true, makeDirty: false, out _)) { _ctr.ArtHits++; return request; }
            _ctr.ArtMisses++;
        }
        int cycles = FlashCycles(acr);
        long avail;
        if (isFetch && prefetch && line == _prefetchLine)
        {
            avail = Math.Max(request, _prefetchAvail);
        }
        else
        {
            long start = Math.Max(request, _flashBusyUntil);
            avail = start + cycles;
            _ctr.FlashReads++;
        }
        if (isFetch) _ctr.FetchBlocks++;
        _flashBusyUntil = avail;
        if (isFetch && prefetch)
        {
            _prefetchLine = line + 1;
            _prefetchAvail = avail + cycles;
            _flashBusyUntil = _prefetchAvail;
            _ctr.FlashReads++;
        }
        return avail;
    }

    /// <summary>Stall cycles of a data read issued at <paramref name="now"/> beyond the pipeline's normal load latency.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadStall(int region, uint address, long now, out StallCause cause)
    {
        cause = StallCause.None;
        if ((uint)region >= (uint)Kinds.Length) return 0;
        var kind = Kinds[region];
        if (kind == MemKind.Tcm) return 0;
        return ReadStallSlow(kind, region, address, now, out cause);
    }

    private int ReadStallSlow(MemKind kind, int region, uint address, long now, out StallCause cause)
    {
        Tick();
        cause = StallCause.CacheMiss;
        switch (kind)
        {
            case MemKind.FlashItcm:
                cause = StallCause.FlashWait;
                // A zero-wait access would deliver at now + 1; the flash delivers at avail.
                return (int)Math.Max(0, FlashItcmRead(address, now, isFetch: false) - now - 1);
            case MemKind.AxiFlash:
            case MemKind.AxiRam:
                if (DCacheOn)
                {
                    if (DCache!.Access(address, allocate: true, makeDirty: false, out bool dirty)) { _ctr.DCacheHits++; return 0; }
                    _ctr.DCacheMisses++;
                    int extra = 0;
                    if (dirty) { _ctr.DCacheWritebacks++; extra = _board.DirtyWritebackCycles; }
                    return AxiReadCycles(kind, address) + extra;
                }
                if (kind == MemKind.AxiFlash) cause = StallCause.FlashWait;
                return AxiReadCycles(kind, address);
            case MemKind.Ppb:
                return _board.PpbReadCycles;
            default:
                return _board.AhbpReadCycles;
        }
    }

    /// <summary>
    /// Cycles a store occupies the drain path after leaving the store buffer (the core does not wait for
    /// them unless the buffer is full). TCM bank effects are handled by the store buffer.
    /// </summary>
    public int WriteDrainCycles(int region, uint address, long now, out bool tcm)
    {
        tcm = false;
        if ((uint)region >= (uint)Kinds.Length) return 1;
        var kind = Kinds[region];
        if (kind == MemKind.Tcm) { tcm = true; return 1; }
        Tick();
        switch (kind)
        {
            case MemKind.AxiRam:
            case MemKind.AxiFlash:
                if (DCacheOn)
                {
                    bool wb = _writeBack[region];
                    // Write-back write-allocate: a miss fills the line; write-through: no allocation on a miss.
                    if (DCache!.Access(address, allocate: wb, makeDirty: wb, out bool dirty))
                    {
                        _ctr.DCacheHits++;
                        return wb ? 1 : _board.AxiWriteCycles;
                    }
                    _ctr.DCacheMisses++;
                    int extra = 0;
                    if (dirty) { _ctr.DCacheWritebacks++; extra = _board.DirtyWritebackCycles; }
                    return wb ? AxiReadCycles(Kinds[region], address) + extra : _board.AxiWriteCycles;
                }
                return _board.AxiWriteCycles;
            case MemKind.Ppb:
                return 1;
            default:
                return _board.AhbpWriteCycles;
        }
    }
}
