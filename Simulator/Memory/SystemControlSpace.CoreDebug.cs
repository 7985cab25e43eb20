namespace M7Sim.Memory;

/// <summary>
/// CoreDebug (Armv7-M ARM C1.6): DHCSR, DCRSR, DCRDR, DEMCR. Without a debugger attached the halting
/// controls do nothing; DEMCR.TRCENA gates the DWT (CYCCNT) as on the chip.
/// </summary>
internal sealed partial class SystemControlSpace
{
    public const uint DemcrTrcena = 1u << 24;
    private const uint DemcrWritable = 0x010F_07F1; // TRCENA, MON_REQ/STEP/PEND/EN, VC_* bits

    private uint _dhcsrControl, _dcrsr, _dcrdr, _demcr;

    /// <summary>DEMCR.MON_EN: the DebugMonitor exception is enabled.</summary>
    public bool MonitorEnabled => (_demcr & (1u << 16)) != 0;

    /// <summary>DHCSR.C_DEBUGEN: set by an attached debugger (GDB server), never by the firmware.</summary>
    public bool DebuggerAttached { get; set; }

    private void ResetDebug()
    {
        _dhcsrControl = _dcrsr = _dcrdr = _demcr = 0;
    }

    private uint ReadDebug(uint reg) => reg switch
    {
        // S_REGRDY (bit 16) always set: register transfers complete at once.
        0xEDF0 => (DebuggerAttached ? 1u : 0u) | _dhcsrControl | 1u << 16,
        0xEDF4 => 0, // DCRSR is write-only
        0xEDF8 => _dcrdr,
        0xEDFC => _demcr,
        _ => 0,
    };

    private void WriteDebug(uint reg, uint value, uint mask)
    {
        switch (reg)
        {
            case 0xEDF0:
                // Writes need DBGKEY 0xA05F; C_HALT/C_STEP/C_MASKINTS/C_SNAPSTALL only act with C_DEBUGEN,
                // which software cannot set (C1.6.2).
                if (mask == 0xFFFF_FFFF && (value >> 16) == 0xA05F && DebuggerAttached) _dhcsrControl = value & 0x2E;
                break;
            case 0xEDF4: _dcrsr = Merge(_dcrsr, value, mask) & 0x0001_007F; break;
            case 0xEDF8: _dcrdr = Merge(_dcrdr, value, mask); break;
            case 0xEDFC:
                RebaseDwtCounters(); // TRCENA gates CYCCNT and the profiling counters
                _demcr = Merge(_demcr, value, mask) & DemcrWritable;
                break;
        }
    }
}
