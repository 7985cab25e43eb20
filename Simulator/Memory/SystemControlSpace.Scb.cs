using M7Sim.Execution;
using M7Sim.Isa;
using M7Sim.Simulation;

namespace M7Sim.Memory;

/// <summary>System Control Block (Armv7-M ARM B3.2.2, Cortex-M7 TRM 3.3): 0xE000ED00-0xE000ED8C and ICTR/ACTLR.</summary>
internal sealed partial class SystemControlSpace
{
    public const uint CcrNonBaseThrdEna = 1u << 0, CcrUserSetMPend = 1u << 1, CcrUnalignTrp = 1u << 3,
        CcrDiv0Trp = 1u << 4, CcrBfhfnmign = 1u << 8, CcrStkAlign = 1u << 9, CcrDc = 1u << 16, CcrIc = 1u << 17, CcrBp = 1u << 18;

    // CFSR bits (B3.2.15): MMFSR [7:0], BFSR [15:8], UFSR [31:16].
    public const uint CfsrIaccViol = 1u << 0, CfsrDaccViol = 1u << 1, CfsrMUnstkErr = 1u << 3, CfsrMStkErr = 1u << 4,
        CfsrMLspErr = 1u << 5, CfsrMmarValid = 1u << 7, CfsrIBusErr = 1u << 8, CfsrPreciseErr = 1u << 9,
        CfsrUnstkErr = 1u << 11, CfsrStkErr = 1u << 12, CfsrLspErr = 1u << 13, CfsrBfarValid = 1u << 15,
        CfsrUndefInstr = 1u << 16, CfsrInvState = 1u << 17, CfsrInvPc = 1u << 18, CfsrNoCp = 1u << 19,
        CfsrUnaligned = 1u << 24, CfsrDivByZero = 1u << 25;

    public const uint HfsrVectTbl = 1u << 1, HfsrForced = 1u << 30, HfsrDebugEvt = 1u << 31;

    // Cortex-M7 identification registers (TRM 3.2; the same values QEMU's cortex-m7 reports).
    private static readonly uint[] IdRegisters =
    [
        0x0000_0030, 0x0000_0200, 0x0010_0000, 0x0000_0000,             // ID_PFR0, ID_PFR1, ID_DFR0, ID_AFR0
        0x0010_0030, 0x0000_0000, 0x0100_0000, 0x0000_0000,             // ID_MMFR0..3
        0x0110_1110, 0x0211_2000, 0x2023_2231, 0x0111_1131, 0x0131_0132, // ID_ISAR0..4
    ];

    private uint _vtor, _prigroup, _scr, _ccr, _cfsr, _hfsr, _dfsr, _mmfar, _bfar, _afsr, _cpacr, _csselr, _actlr;

    public uint Vtor => _vtor;
    public uint Ccr => _ccr;
    public uint Cfsr => _cfsr;
    public uint Hfsr => _hfsr;
    public uint Mmfar => _mmfar;
    public uint Bfar => _bfar;
    public uint Cpacr => _cpacr;
    /// <summary>AIRCR.PRIGROUP: priority bits [PRIGROUP:0] are subpriority, the rest group priority.</summary>
    public int PriGroup => (int)_prigroup;
    public bool SleepOnExit => (_scr & 2) != 0;
    public bool SleepDeep => (_scr & 4) != 0;
    /// <summary>CCR.IC / CCR.DC: the caches are enabled (for the cache model).</summary>
    public bool ICacheEnabled => (_ccr & CcrIc) != 0;
    public bool DCacheEnabled => (_ccr & CcrDc) != 0;

    /// <summary>Set when the firmware wrote AIRCR.SYSRESETREQ (the run then stops, see <see cref="RequestStop"/>).</summary>
    public bool ResetRequested { get; private set; }

    private void ResetScb(uint vtor)
    {
        _vtor = vtor & 0xFFFF_FF80;
        _prigroup = _scr = 0;
        _ccr = CcrStkAlign | CcrBp; // M7: STKALIGN and BP read as one (Cortex-M7 DGUG 4.3.7)
        _cfsr = _hfsr = _dfsr = _mmfar = _bfar = _afsr = _cpacr = _csselr = _actlr = 0;
        ResetRequested = false;
        _stop = null;
        _parkedPc = null;
        ApplyCcr();
        ApplyCpacr();
    }

    private void ApplyCcr()
    {
        _c.UnalignTrap = (_ccr & CcrUnalignTrp) != 0;
        _c.DivZeroTrap = (_ccr & CcrDiv0Trp) != 0;
    }

    /// <summary>CP10 and CP11 must both grant access (01 privileged or 11 full); other combinations are NOCP.</summary>
    private void ApplyCpacr()
    {
        uint cp10 = (_cpacr >> 20) & 3, cp11 = (_cpacr >> 22) & 3;
        _c.FpEnabled = cp10 is 1 or 3 && cp11 is 1 or 3;
    }

    private uint ReadScbMisc(uint reg) => reg switch
    {
        0xE004 => (uint)((IrqCount + 31) / 32 - 1), // ICTR.INTLINESNUM
        0xE008 => _actlr,
        _ => 0,
    };

    private void WriteScbMisc(uint reg, uint value, uint mask)
    {
        if (reg == 0xE008) _actlr = Merge(_actlr, value, mask);
    }

    private uint ReadScb(uint reg)
    {
        switch (reg)
        {
            case 0xED00: return _m.Board.Cpuid;
            case 0xED04: return ReadIcsr();
            case 0xED08: return _vtor;
            case 0xED0C: return 0xFA05_0000 | _prigroup << 8; // VECTKEYSTAT, little-endian
            case 0xED10: return _scr;
            case 0xED14: return _ccr;
            case 0xED18: case 0xED1C: case 0xED20:
                {
                    int first = 4 + (int)(reg - 0xED18); // SHPR1 holds exceptions 4-7, SHPR2 8-11, SHPR3 12-15
                    uint v = 0;
                    for (int i = 0; i < 4; i++) v |= (uint)_priority[first + i] << (8 * i);
                    return v;
                }
            case 0xED24: return ReadShcsr();
            case 0xED28: return _cfsr;
            case 0xED2C: return _hfsr;
            case 0xED30: return _dfsr;
            case 0xED34: return _mmfar;
            case 0xED38: return _bfar;
            case 0xED3C: return _afsr;
            case >= 0xED40 and <= 0xED70: return IdRegisters[(reg - 0xED40) / 4];
            case 0xED78: return _cacheIds.Clidr;
            case 0xED7C: return _cacheIds.Ctr;
            case 0xED80: return (_csselr & 1) == 0 ? _cacheIds.CcsidrData : _cacheIds.CcsidrInstruction;
            case 0xED84: return _csselr;
            case 0xED88: return _cpacr;
            default: return 0;
        }
    }

    private void WriteScb(uint reg, uint value, uint mask)
    {
        switch (reg)
        {
            case 0xED04: WriteIcsr(value & mask); break;
            case 0xED08: _vtor = Merge(_vtor, value, mask) & 0xFFFF_FF80; break;
            case 0xED0C: WriteAircr(value, mask); break;
            case 0xED10: _scr = Merge(_scr, value, mask) & 0x16; break;
            case 0xED14:
                _ccr = (Merge(_ccr, value, mask) & (CcrNonBaseThrdEna | CcrUserSetMPend | CcrUnalignTrp | CcrDiv0Trp | CcrBfhfnmign | CcrDc | CcrIc))
                       | CcrStkAlign | CcrBp;
                ApplyCcr();
                break;
            case 0xED18: case 0xED1C: case 0xED20:
                {
                    int first = 4 + (int)(reg - 0xED18);
                    for (int i = 0; i < 4; i++)
                    {
                        if (((mask >> (8 * i)) & 0xFF) != 0) SetSystemPriority(first + i, (byte)(value >> (8 * i)));
                    }
                    break;
                }
            case 0xED24: WriteShcsr(Merge(ReadShcsr(), value, mask)); break;
            case 0xED28: _cfsr &= ~(value & mask); break; // write one to clear
            case 0xED2C: _hfsr &= ~(value & mask & (HfsrVectTbl | HfsrForced | HfsrDebugEvt)); break;
            case 0xED30: _dfsr &= ~(value & mask & 0x1F); break;
            case 0xED34: _mmfar = Merge(_mmfar, value, mask); break;
            case 0xED38: _bfar = Merge(_bfar, value, mask); break;
            case 0xED3C: _afsr &= ~(value & mask); break;
            case 0xED84: _csselr = Merge(_csselr, value, mask) & 1; break; // Level 1 only; InD selects I or D
            case 0xED88: _cpacr = Merge(_cpacr, value, mask) & 0x00F0_0000; ApplyCpacr(); break;
        }
    }

    /// <summary>ICSR (B3.2.4): pend/unpend NMI, PendSV, SysTick; report active/pending vectors.</summary>
    private uint ReadIcsr()
    {
        uint v = _c.Ipsr & 0x1FF;
        if (ActiveCount() <= 1 && _c.Ipsr != 0) v |= 1u << 11; // RETTOBASE: returning would reach Thread mode
        uint pending = (uint)HighestPendingEnabled(out _);
        v |= (pending & 0x1FF) << 12;
        if (AnyIrqPending()) v |= 1u << 22;
        if (_pending[Exceptions.SysTick]) v |= 1u << 26;
        if (_pending[Exceptions.PendSv]) v |= 1u << 28;
        if (_pending[Exceptions.Nmi]) v |= 1u << 31;
        return v;
    }

    private void WriteIcsr(uint v)
    {
        if ((v & (1u << 31)) != 0) SetPending(Exceptions.Nmi, true);
        if ((v & (1u << 28)) != 0) SetPending(Exceptions.PendSv, true);
        if ((v & (1u << 27)) != 0) SetPending(Exceptions.PendSv, false);
        if ((v & (1u << 26)) != 0) SetPending(Exceptions.SysTick, true);
        if ((v & (1u << 25)) != 0) SetPending(Exceptions.SysTick, false);
    }

    /// <summary>AIRCR: ignored unless VECTKEY = 0x05FA. SYSRESETREQ stops the run (documented in the README).</summary>
    private void WriteAircr(uint value, uint mask)
    {
        if ((mask & 0xFFFF_0000) != 0xFFFF_0000 || (value >> 16) != 0x05FA) return;
        if ((mask & 0x700) != 0) _prigroup = (value >> 8) & 7;
        if ((value & 4) != 0)
        {
            ResetRequested = true;
            RequestStop(StopReason.Exited, 0, $"system reset requested (AIRCR.SYSRESETREQ) at {_m.Symbols.Describe(_c.Pc)}; the simulator stops instead of rebooting");
        }
        // VECTCLRACTIVE and VECTRESET are for debuggers with the core halted (UNPREDICTABLE otherwise): ignored.
        _c.InterruptCheck = true;
    }

    /// <summary>SHCSR (B3.2.13): active and pended bits mirror the exception state; bits 16-18 enable the faults.</summary>
    private uint ReadShcsr()
    {
        uint v = 0;
        if (_active[Exceptions.MemManage]) v |= 1u << 0;
        if (_active[Exceptions.BusFault]) v |= 1u << 1;
        if (_active[Exceptions.UsageFault]) v |= 1u << 3;
        if (_active[Exceptions.SvCall]) v |= 1u << 7;
        if (_active[Exceptions.DebugMonitor]) v |= 1u << 8;
        if (_active[Exceptions.PendSv]) v |= 1u << 10;
        if (_active[Exceptions.SysTick]) v |= 1u << 11;
        if (_pending[Exceptions.UsageFault]) v |= 1u << 12;
        if (_pending[Exceptions.MemManage]) v |= 1u << 13;
        if (_pending[Exceptions.BusFault]) v |= 1u << 14;
        if (_pending[Exceptions.SvCall]) v |= 1u << 15;
        if (_enabled[Exceptions.MemManage]) v |= 1u << 16;
        if (_enabled[Exceptions.BusFault]) v |= 1u << 17;
        if (_enabled[Exceptions.UsageFault]) v |= 1u << 18;
        return v;
    }

    private void WriteShcsr(uint v)
    {
        _active[Exceptions.MemManage] = (v & (1u << 0)) != 0;
        _active[Exceptions.BusFault] = (v & (1u << 1)) != 0;
        _active[Exceptions.UsageFault] = (v & (1u << 3)) != 0;
        _active[Exceptions.SvCall] = (v & (1u << 7)) != 0;
        _active[Exceptions.DebugMonitor] = (v & (1u << 8)) != 0;
        _active[Exceptions.PendSv] = (v & (1u << 10)) != 0;
        _active[Exceptions.SysTick] = (v & (1u << 11)) != 0;
        SetPending(Exceptions.UsageFault, (v & (1u << 12)) != 0);
        SetPending(Exceptions.MemManage, (v & (1u << 13)) != 0);
        SetPending(Exceptions.BusFault, (v & (1u << 14)) != 0);
        SetPending(Exceptions.SvCall, (v & (1u << 15)) != 0);
        _enabled[Exceptions.MemManage] = (v & (1u << 16)) != 0;
        _enabled[Exceptions.BusFault] = (v & (1u << 17)) != 0;
        _enabled[Exceptions.UsageFault] = (v & (1u << 18)) != 0;
        _c.InterruptCheck = true;
    }

    /// <summary>Sets the CFSR/HFSR bits and fault address registers for a fault (B3.2.15-B3.2.18).</summary>
    public void RecordFault(FaultKind kind, uint address)
    {
        switch (kind)
        {
            case FaultKind.Undefined: _cfsr |= CfsrUndefInstr; break;
            case FaultKind.InvalidState: _cfsr |= CfsrInvState; break;
            case FaultKind.InvalidPc: _cfsr |= CfsrInvPc; break;
            case FaultKind.NoCoprocessor: _cfsr |= CfsrNoCp; break;
            case FaultKind.Unaligned: _cfsr |= CfsrUnaligned; break;
            case FaultKind.DivideByZero: _cfsr |= CfsrDivByZero; break;
            case FaultKind.InstructionBusError: _cfsr |= CfsrIBusErr; break;
            case FaultKind.PreciseBusError: _cfsr |= CfsrPreciseErr | CfsrBfarValid; _bfar = address; break;
            case FaultKind.DataAccessViolation: _cfsr |= CfsrDaccViol | CfsrMmarValid; _mmfar = address; break;
            case FaultKind.InstructionAccessViolation: _cfsr |= CfsrIaccViol; break; // MMFAR not valid for fetches
        }
    }

    /// <summary>Sets raw CFSR bits (stacking errors and other causes without a FaultKind).</summary>
    public void RecordCfsr(uint bits) => _cfsr |= bits;

    public void RecordEscalation() => _hfsr |= HfsrForced;

    public void RecordVectorTableError() => _hfsr |= HfsrVectTbl;

    private (StopReason Reason, string Message)? _stop;

    /// <summary>
    /// Asks the run loop to stop (SYSRESETREQ, lockup): raises FaultKind.Halt, which the run loop hands
    /// to HandleFault; that returns the reason recorded here.
    /// </summary>
    public void RequestStop(StopReason reason, int exitCode, string message)
    {
        _stop = (reason, message);
        if (reason == StopReason.Exited) _c.ExitCode = exitCode;
        _c.Fault = FaultKind.None;
        _c.Raise(FaultKind.Halt);
    }

    /// <summary>Where the PC was before <see cref="ParkForStop"/> moved it.</summary>
    private uint? _parkedPc;

    /// <summary>An odd, unmapped address: fetching it faults at once, so the run loop reaches HandleFault without executing anything.</summary>
    public const uint ParkingAddress = 0xFFFF_FFFF;

    /// <summary>
    /// For stops requested between instructions (where the run loop does not look for them): moves the
    /// PC to <see cref="ParkingAddress"/>; <see cref="TakeStopRequest"/> puts it back.
    /// </summary>
    public void ParkForStop()
    {
        if (_stop is null) return;
        _parkedPc = _c.Pc;
        _c.Pc = _c.NextPc = ParkingAddress;
    }

    /// <summary>Takes the stop recorded by <see cref="RequestStop"/>, if any (restoring a parked PC).</summary>
    public bool TakeStopRequest(out StopReason reason, out string message)
    {
        if (_parkedPc is { } pc) { _c.Pc = _c.NextPc = pc; _parkedPc = null; }
        if (_stop is { } s) { _stop = null; reason = s.Reason; message = s.Message; return true; }
        reason = default; message = "";
        return false;
    }
}
