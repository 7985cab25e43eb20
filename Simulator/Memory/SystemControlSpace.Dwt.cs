namespace M7Sim.Memory;

/// <summary>
/// Data Watchpoint and Trace unit (Armv7-M ARM C1.8, Cortex-M7 TRM 9): CYCCNT counts simulated
/// cycles while DEMCR.TRCENA and DWT_CTRL.CYCCNTENA are set, computed from the cycle count on read.
/// The profiling counters CPICNT/EXCCNT/SLEEPCNT/LSUCNT/FOLDCNT count the timing model's events
/// (SystemControlSpace.DwtProfiling.cs). Comparators are storage only (no watchpoints).
/// Like the chip, the M7's DWT has a CoreSight software lock: writes other than to LAR are ignored
/// until 0xC5ACCE55 is written to DWT_LAR.
/// </summary>
internal sealed partial class SystemControlSpace
{
    public const uint CoreSightUnlockKey = 0xC5AC_CE55;
    private const int DwtComparators = 4;

    private uint _dwtCtrl;
    private uint _cycBase;        // CYCCNT at _cycBaseCycle
    private ulong _cycBaseCycle;
    private bool _dwtLocked;
    private readonly uint[] _dwtComparators = new uint[3 * DwtComparators]; // COMP, MASK, FUNCTION per comparator

    private void ResetDwt()
    {
        _dwtCtrl = 0;
        _cycBase = 0;
        _cycBaseCycle = 0;
        _dwtLocked = true;
        ResetDwtProfiling();
        Array.Clear(_dwtComparators);
    }

    private bool CycCntRunning => (_demcr & DemcrTrcena) != 0 && (_dwtCtrl & 1) != 0;

    /// <summary>DWT_CYCCNT now (wraps at 2^32 like the register).</summary>
    public uint CycCnt => CycCntRunning ? _cycBase + (uint)(_m.Cycles - _cycBaseCycle) : _cycBase;

    /// <summary>Freezes CYCCNT's current value before its running condition or value changes.</summary>
    private void RebaseCycCnt(uint? value = null)
    {
        _cycBase = value ?? CycCnt;
        _cycBaseCycle = _m.Cycles;
    }

    private uint ReadDwt(uint off)
    {
        switch (off)
        {
            // NUMCOMP = 4 in [31:28]; NOTRCPKT, NOEXTTRIG, NOCYCCNT, NOPRFCNT all 0 (features present).
            case 0x000: return (uint)DwtComparators << 28 | _dwtCtrl;
            case 0x004: return CycCnt;
            case >= 0x008 and <= 0x018: return ProfilingCount((int)(off - 0x008) / 4);
            case 0x01C: return _c.Pc; // PCSR: a sample of the program counter
            case >= 0x020 and < 0x020 + 16 * DwtComparators:
                {
                    int index = (int)(off - 0x020) / 16, field = (int)((off - 0x020) % 16) / 4;
                    return field < 3 ? _dwtComparators[3 * index + field] : 0;
                }
            case 0xFB4: return 1u | (_dwtLocked ? 2u : 0u); // LSR: SLI = 1 (lock implemented), SLK = locked
            default: return 0;
        }
    }

    private void WriteDwt(uint off, uint value, uint mask)
    {
        if (off == 0xFB0) { _dwtLocked = value != CoreSightUnlockKey; return; }
        if (_dwtLocked) return;
        switch (off)
        {
            case 0x000:
                {
                    RebaseDwtCounters();
                    uint old = _dwtCtrl;
                    _dwtCtrl = Merge(_dwtCtrl, value, mask) & 0x007F_1FFF;
                    ProfilingEnablesChanged(old);
                    break;
                }
            case 0x004: RebaseCycCnt(Merge(CycCnt, value, mask)); break;
            case >= 0x008 and <= 0x018: WriteProfilingCounter((int)(off - 0x008) / 4, value, mask); break;
            case >= 0x020 and < 0x020 + 16 * DwtComparators:
                {
                    int index = (int)(off - 0x020) / 16, field = (int)((off - 0x020) % 16) / 4;
                    if (field >= 3) break;
                    uint writable = field switch { 0 => 0xFFFF_FFFF, 1 => 0x1F, _ => 0x000F_FDAF }; // FUNCTION: DATAVADDR0/1, DATAVSIZE, DATAVMATCH, CYCMATCH, EMITRANGE, FUNCTION
                    ref uint r = ref _dwtComparators[3 * index + field];
                    r = Merge(r, value, mask) & writable;
                    break;
                }
        }
    }
}
