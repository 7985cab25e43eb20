using M7Sim.Execution;

namespace M7Sim.Memory;

/// <summary>
/// SysTick (B3.3): a 24-bit down counter clocked by the processor clock (CLKSOURCE = 1) or the
/// external reference (CLKSOURCE = 0: HCLK/8 on STM32). Nothing runs per instruction: the counter is
/// computed from the cycle count when read, and the run loop is asked (Machine.NextTimerEvent) to
/// call <see cref="Tick"/> at the cycle of the next wrap that must pend the exception.
/// Counting follows the architecture and QEMU: from value V the counter reaches 0 after V ticks
/// (COUNTFLAG, exception if TICKINT), loads RVR on the next tick, so it wraps every RVR+1 ticks;
/// a counter at 0 (after a CVR write) loads RVR on the first tick without firing.
/// </summary>
internal sealed partial class SystemControlSpace
{
    /// <summary>Processor cycles per tick of the external reference clock (STM32: HCLK/8).</summary>
    public const int SysTickReferenceDivider = 8;

    private const uint StEnable = 1, StTickInt = 2, StClkSource = 4;

    private uint _stCsr;          // ENABLE, TICKINT, CLKSOURCE
    private uint _stReload;       // RVR[23:0]
    private bool _stCountFlag;
    private uint _stBaseValue;    // counter value at _stBaseTick
    private ulong _stBaseTick;    // in ticks of the selected clock
    private ulong _stAccounted;   // ticks up to which wraps have set COUNTFLAG / pended the exception

    private bool StEnabled => (_stCsr & StEnable) != 0;

    private void ResetSysTick()
    {
        _stCsr = 0; // STK_CTRL resets to 0 on STM32F7 (PM0253): CLKSOURCE = external reference
        _stReload = 0;
        _stCountFlag = false;
        _stBaseValue = 0;
        _stBaseTick = _stAccounted = 0;
        _m.NextTimerEvent = ulong.MaxValue;
    }

    private ulong TicksAt(ulong cycles) => (_stCsr & StClkSource) != 0 ? cycles : cycles / SysTickReferenceDivider;

    private ulong CycleOfTick(ulong tick) => (_stCsr & StClkSource) != 0 ? tick : tick * SysTickReferenceDivider;

    /// <summary>The first tick after <paramref name="after"/> at which the counter reaches 0, or ulong.MaxValue.</summary>
    private ulong NextWrapAfter(ulong after)
    {
        if (!StEnabled) return ulong.MaxValue;
        if (after < _stBaseTick) after = _stBaseTick;
        ulong e = after - _stBaseTick, e0 = _stBaseValue;
        if (_stBaseValue > 0 && e < e0) return _stBaseTick + e0;
        if (_stReload == 0) return ulong.MaxValue; // reloading 0 stops the counter at the next wrap
        ulong period = (ulong)_stReload + 1;
        ulong j = (e - e0) / period + 1;
        return _stBaseTick + e0 + j * period;
    }

    private uint ValueAtTick(ulong tick)
    {
        if (!StEnabled || tick <= _stBaseTick) return _stBaseValue;
        ulong e = tick - _stBaseTick;
        if (e <= _stBaseValue) return _stBaseValue - (uint)e;
        if (_stReload == 0) return 0;
        ulong period = (ulong)_stReload + 1;
        return _stReload - (uint)((e - _stBaseValue - 1) % period);
    }

    /// <summary>Advances SysTick to <paramref name="cycles"/>: sets COUNTFLAG and pends exception 15 for wraps up to now, then schedules the next one.</summary>
    public void Tick(ulong cycles) => UpdateSysTick(TicksAt(cycles));

    private void UpdateSysTick(ulong now)
    {
        if (StEnabled && now > _stAccounted && NextWrapAfter(_stAccounted) <= now)
        {
            _stCountFlag = true;
            if ((_stCsr & StTickInt) != 0) SetPending(Exceptions.SysTick, true);
        }
        if (now > _stAccounted) _stAccounted = now;
        ScheduleSysTick();
    }

    private void ScheduleSysTick()
    {
        ulong next = (_stCsr & (StEnable | StTickInt)) == (StEnable | StTickInt) ? NextWrapAfter(_stAccounted) : ulong.MaxValue;
        _m.NextTimerEvent = next == ulong.MaxValue ? ulong.MaxValue : CycleOfTick(next);
    }

    /// <summary>Accounts wraps up to now, then restarts the count from the current value (before a configuration change).</summary>
    private void RebaseSysTick(uint? newValue = null)
    {
        ulong now = TicksAt(_m.Cycles);
        UpdateSysTick(now);
        _stBaseValue = newValue ?? ValueAtTick(now);
        _stBaseTick = now;
        _stAccounted = now;
    }

    /// <summary>Whether a future SysTick wrap would pend an exception able to preempt the current execution priority.</summary>
    private bool SysTickCanWake(bool ignorePrimask) =>
        (_stCsr & (StEnable | StTickInt)) == (StEnable | StTickInt)
        && !_pending[Exceptions.SysTick]
        && NextWrapAfter(_stAccounted) != ulong.MaxValue
        && GroupPriority(Priority(Exceptions.SysTick)) < ExecutionPriority(ignorePrimask);

    private uint ReadSysTick(uint reg)
    {
        switch (reg)
        {
            case 0xE010:
                {
                    UpdateSysTick(TicksAt(_m.Cycles));
                    uint v = _stCsr | (_stCountFlag ? 1u << 16 : 0);
                    _stCountFlag = false; // COUNTFLAG clears on read
                    return v;
                }
            case 0xE014: return _stReload;
            case 0xE018: return ValueAtTick(TicksAt(_m.Cycles));
            // CALIB: NOREF = 0 (the HCLK/8 reference exists), SKEW = 1, TENMS = 0 (no calibration value given).
            case 0xE01C: return 0x4000_0000;
            default: return 0;
        }
    }

    private void WriteSysTick(uint reg, uint value, uint mask)
    {
        switch (reg)
        {
            case 0xE010:
                {
                    uint csr = Merge(_stCsr, value, mask) & (StEnable | StTickInt | StClkSource);
                    if (csr == _stCsr) break;
                    RebaseSysTick();
                    bool clockChanged = ((csr ^ _stCsr) & StClkSource) != 0;
                    _stCsr = csr;
                    if (clockChanged) { _stBaseTick = _stAccounted = TicksAt(_m.Cycles); }
                    ScheduleSysTick();
                    break;
                }
            case 0xE014:
                RebaseSysTick();
                _stReload = Merge(_stReload, value, mask) & 0x00FF_FFFF;
                ScheduleSysTick();
                break;
            case 0xE018:
                RebaseSysTick(0); // any write clears the counter and COUNTFLAG
                _stCountFlag = false;
                ScheduleSysTick();
                break;
        }
    }

    /// <summary>SysTick state for tests and reports: current value, reload, CSR bits.</summary>
    public uint SysTickValue => ValueAtTick(TicksAt(_m.Cycles));
}
