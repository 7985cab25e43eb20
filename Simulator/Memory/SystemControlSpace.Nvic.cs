using M7Sim.Execution;

namespace M7Sim.Memory;

/// <summary>
/// NVIC registers (B3.4) and the exception state they expose: per exception number (1-255) its
/// programmed priority, enable, pending and active bits. System exceptions 4-15 take their
/// priorities from SHPR1-3; NMI and HardFault have fixed priorities -2 and -1.
/// </summary>
internal sealed partial class SystemControlSpace
{
    public const int MaxExceptions = 256;

    private readonly byte[] _priority = new byte[MaxExceptions];
    private readonly bool[] _pending = new bool[MaxExceptions];
    private readonly bool[] _active = new bool[MaxExceptions];
    private readonly bool[] _enabled = new bool[MaxExceptions];
    private int _pendingCount;

    /// <summary>Exceptions entered since reset, and how many of them were tail-chained (for the timing model and reports).</summary>
    public long ExceptionEntries { get; private set; }
    public long TailChains { get; private set; }

    public void CountEntry(bool tailChained)
    {
        ExceptionEntries++;
        if (tailChained) TailChains++;
    }

    private void ResetNvic()
    {
        ExceptionEntries = TailChains = 0;
        Array.Clear(_priority); Array.Clear(_pending); Array.Clear(_active); Array.Clear(_enabled);
        _pendingCount = 0;
        // Always-enabled exceptions; MemManage/BusFault/UsageFault wait for SHCSR, IRQs for ISER.
        foreach (int e in (ReadOnlySpan<int>)[Exceptions.Nmi, Exceptions.HardFault, Exceptions.SvCall, Exceptions.DebugMonitor, Exceptions.PendSv, Exceptions.SysTick])
            _enabled[e] = true;
    }

    /// <summary>Whether exception number <paramref name="n"/> exists on this core (reserved numbers and IRQs past IrqCount do not).</summary>
    public bool Implemented(int n) => n switch
    {
        >= 2 and <= 6 => true,
        Exceptions.SvCall or Exceptions.DebugMonitor or Exceptions.PendSv or Exceptions.SysTick => true,
        >= 16 => n < 16 + IrqCount,
        _ => false,
    };

    /// <summary>Priority of an exception (B1.5.4): -3/-2/-1 for Reset/NMI/HardFault, the programmed value otherwise.</summary>
    public int Priority(int exception) => exception switch
    {
        Exceptions.Reset => -3,
        Exceptions.Nmi => -2,
        Exceptions.HardFault => -1,
        _ => _priority[exception],
    };

    /// <summary>Group priority: the priority with its subpriority bits (PRIGROUP:0) cleared; negative priorities unchanged.</summary>
    public int GroupPriority(int priority) => priority < 0 ? priority : priority & ~((2 << (int)_prigroup) - 1);

    public bool IsEnabled(int exception) => _enabled[exception];
    public bool IsPending(int exception) => _pending[exception];
    public bool IsActive(int exception) => _active[exception];

    /// <summary>Whether the configurable fault is enabled in SHCSR (other exceptions: always true).</summary>
    public bool IsFaultEnabled(int exception) => exception is Exceptions.MemManage or Exceptions.BusFault or Exceptions.UsageFault
        ? _enabled[exception] : true;

    public void SetActive(int exception, bool active) => _active[exception] = active;

    public void SetPending(int exception, bool pending)
    {
        if (!Implemented(exception) || _pending[exception] == pending) return;
        _pending[exception] = pending;
        _pendingCount += pending ? 1 : -1;
        if (pending) _c.InterruptCheck = true;
    }

    public void SetEnabled(int exception, bool enabled)
    {
        if (!Implemented(exception)) return;
        _enabled[exception] = enabled;
        if (enabled && _pending[exception]) _c.InterruptCheck = true;
    }

    /// <summary>Programs the priority of exception 4-15 (SHPR) or an IRQ (IPR); reserved slots stay zero.</summary>
    public void SetSystemPriority(int exception, byte value)
    {
        if (exception < 4 || !Implemented(exception)) return;
        _priority[exception] = (byte)(value & _priorityMask);
        _c.InterruptCheck = true;
    }

    public int ActiveCount()
    {
        int n = 0;
        for (int i = 1; i < MaxExceptions; i++) if (_active[i]) n++;
        return n;
    }

    public bool AnyPending => _pendingCount != 0;

    private bool AnyIrqPending()
    {
        for (int i = 16; i < 16 + IrqCount; i++) if (_pending[i]) return true;
        return false;
    }

    /// <summary>
    /// The pending, enabled exception that would be taken first: lowest priority value, then lowest
    /// exception number (B1.5.4). 0 when none. Masking by the execution priority is the caller's job.
    /// </summary>
    public int HighestPendingEnabled(out int priority)
    {
        priority = int.MaxValue;
        if (_pendingCount == 0) return 0;
        int best = 0;
        for (int i = 2; i < MaxExceptions; i++)
        {
            if (!_pending[i] || !_enabled[i]) continue;
            int p = Priority(i);
            if (p < priority) { priority = p; best = i; }
        }
        return best;
    }

    /// <summary>
    /// ExecutionPriority() (B1.5.4): the highest group priority among active exceptions, boosted by
    /// BASEPRI, PRIMASK (0) and FAULTMASK (-1). 256 in Thread mode with nothing masked.
    /// </summary>
    public int ExecutionPriority(bool ignorePrimask = false)
    {
        int highest = 256;
        for (int i = 1; i < MaxExceptions; i++)
        {
            if (_active[i]) highest = Math.Min(highest, GroupPriority(Priority(i)));
        }
        int boosted = 256;
        if ((_c.Basepri & 0xFF) != 0) boosted = GroupPriority((int)(_c.Basepri & 0xFF));
        if (_c.Primask != 0 && !ignorePrimask) boosted = 0;
        if (_c.Faultmask != 0) boosted = -1;
        return Math.Min(boosted, highest);
    }

    /// <summary>The pending exception that can preempt now (group priority above the execution priority), or 0.</summary>
    public int PreemptingException(bool ignorePrimask = false)
    {
        int e = HighestPendingEnabled(out int priority);
        return e != 0 && GroupPriority(priority) < ExecutionPriority(ignorePrimask) ? e : 0;
    }

    private uint ReadNvic(uint reg)
    {
        if (reg >= 0xE400) // IPR: one byte per IRQ
        {
            int irq = (int)(reg - 0xE400);
            uint v = 0;
            for (int i = 0; i < 4; i++)
            {
                if (irq + i < IrqCount) v |= (uint)_priority[16 + irq + i] << (8 * i);
            }
            return v;
        }
        int word = (int)((reg & 0x7F) >> 2);
        if (word >= 8) return 0;
        bool[] bits = (reg & 0xFF80) switch
        {
            0xE100 or 0xE180 => _enabled,
            0xE200 or 0xE280 => _pending,
            0xE300 => _active,
            _ => [],
        };
        if (bits.Length == 0) return 0;
        uint value = 0;
        for (int i = 0; i < 32; i++)
        {
            int irq = 32 * word + i;
            if (irq < IrqCount && bits[16 + irq]) value |= 1u << i;
        }
        return value;
    }

    private void WriteNvic(uint reg, uint value, uint mask)
    {
        if (reg >= 0xE400)
        {
            int irq = (int)(reg - 0xE400);
            for (int i = 0; i < 4; i++)
            {
                if (((mask >> (8 * i)) & 0xFF) != 0 && irq + i < IrqCount) SetSystemPriority(16 + irq + i, (byte)(value >> (8 * i)));
            }
            return;
        }
        int word = (int)((reg & 0x7F) >> 2);
        if (word >= 8) return;
        uint bitsToAct = value & mask;
        for (int i = 0; i < 32; i++)
        {
            if ((bitsToAct & (1u << i)) == 0) continue;
            int exception = 16 + 32 * word + i;
            switch (reg & 0xFF80)
            {
                case 0xE100: SetEnabled(exception, true); break;
                case 0xE180: SetEnabled(exception, false); break;
                case 0xE200: SetPending(exception, true); break;
                case 0xE280: SetPending(exception, false); break;
                // IABR (0xE300) is read-only.
            }
        }
    }

    /// <summary>STIR (B3.4.7): software-triggers IRQ INTID.</summary>
    private void WriteStir(uint value) => SetPending(16 + (int)(value & 0x1FF), true);

    /// <summary>Pends external interrupt <paramref name="irq"/> (IRQ number, 0-based): for peripherals and tests.</summary>
    public void RaiseIrq(int irq) => SetPending(16 + irq, true);

    /// <summary>Whether anything could still interrupt a core that spins at the current execution priority.</summary>
    public bool CanInterrupt(bool ignorePrimask = false)
    {
        if (PreemptingException(ignorePrimask) != 0) return true;
        return SysTickCanWake(ignorePrimask);
    }
}
