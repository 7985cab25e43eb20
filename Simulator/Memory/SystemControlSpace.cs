using M7Sim.Execution;
using M7Sim.Isa;
using M7Sim.Simulation;

namespace M7Sim.Memory;

/// <summary>
/// The Private Peripheral Bus 0xE0000000-0xE00FFFFF: SCB, NVIC, SysTick, DWT, CoreDebug, FPU and cache
/// maintenance registers (Armv7-M ARM B3). Offsets are relative to 0xE0000000.
/// </summary>
internal sealed partial class SystemControlSpace : IMmio
{
    private readonly Machine _m;
    private readonly Dictionary<uint, uint> _plain = new(); // registers with no behaviour beyond storage

    public SystemControlSpace(Machine m) => _m = m;

    public uint Vtor { get; private set; }
    public uint Ccr { get; private set; }
    public uint Shcsr { get; private set; }
    public uint Cfsr { get; private set; }
    public uint Hfsr { get; private set; }
    public uint Mmfar { get; private set; }
    public uint Bfar { get; private set; }
    public uint Cpacr { get; private set; }

    private readonly byte[] _priority = new byte[16 + 240];
    private readonly bool[] _pending = new bool[16 + 240];
    private readonly bool[] _active = new bool[16 + 240];

    public void Reset(uint vtor)
    {
        _plain.Clear();
        Vtor = vtor & 0xFFFF_FF80;
        Ccr = 0x0000_0200; // STKALIGN = 1 at reset on the M7
        Shcsr = Cfsr = Hfsr = Mmfar = Bfar = Cpacr = 0;
        Array.Clear(_priority); Array.Clear(_pending); Array.Clear(_active);
        ApplyCcr();
    }

    private void ApplyCcr()
    {
        _m.Cpu.UnalignTrap = (Ccr & (1 << 3)) != 0;
        _m.Cpu.DivZeroTrap = (Ccr & (1 << 4)) != 0;
    }

    public bool Read(uint offset, int size, out uint value)
    {
        uint reg = offset & ~3u;
        value = reg switch
        {
            0xED00 => _m.Board.Cpuid,
            0xED08 => Vtor,
            0xED0C => 0xFA05_0000,
            0xED14 => Ccr,
            0xED24 => Shcsr,
            0xED28 => Cfsr,
            0xED2C => Hfsr,
            0xED34 => Mmfar,
            0xED38 => Bfar,
            0xED88 => Cpacr,
            _ => _plain.GetValueOrDefault(reg),
        };
        value >>= (int)(offset & 3) * 8;
        if (size < 4) value &= (1u << (size * 8)) - 1;
        return true;
    }

    public bool Write(uint offset, int size, uint value)
    {
        uint reg = offset & ~3u;
        switch (reg)
        {
            case 0xED08: Vtor = value & 0xFFFF_FF80; break;
            case 0xED14: Ccr = (value & 0x0003_031B) | 0x200; ApplyCcr(); break;
            case 0xED24: Shcsr = value; break;
            case 0xED28: Cfsr &= ~value; break; // write-one-to-clear
            case 0xED2C: Hfsr &= ~value; break;
            case 0xED34: Mmfar = value; break;
            case 0xED38: Bfar = value; break;
            case 0xED88: Cpacr = value & 0x00F0_0000; break;
            default: _plain[reg] = value; break;
        }
        return true;
    }

    public void RecordFault(FaultKind kind, uint address, int exception)
    {
        switch (kind)
        {
            case FaultKind.Undefined: Cfsr |= 1u << 16; break;
            case FaultKind.InvalidState: Cfsr |= 1u << 17; break;
            case FaultKind.InvalidPc: Cfsr |= 1u << 18; break;
            case FaultKind.NoCoprocessor: Cfsr |= 1u << 19; break;
            case FaultKind.Unaligned: Cfsr |= 1u << 24; break;
            case FaultKind.DivideByZero: Cfsr |= 1u << 25; break;
            case FaultKind.InstructionBusError: Cfsr |= 1u << 8; break;
            case FaultKind.PreciseBusError: Cfsr |= (1u << 9) | (1u << 15); Bfar = address; break;
            case FaultKind.DataAccessViolation: Cfsr |= (1u << 1) | (1u << 7); Mmfar = address; break;
        }
    }

    public void RecordEscalation() => Hfsr |= 1u << 30; // FORCED

    public bool IsFaultEnabled(int exception) => exception switch
    {
        Exceptions.MemManage => (Shcsr & (1 << 16)) != 0,
        Exceptions.BusFault => (Shcsr & (1 << 17)) != 0,
        Exceptions.UsageFault => (Shcsr & (1 << 18)) != 0,
        _ => true,
    };

    /// <summary>Priority of an exception: fixed -3/-2/-1 for Reset/NMI/HardFault, programmable otherwise.</summary>
    public int Priority(int exception) => exception switch
    {
        Exceptions.Reset => -3,
        Exceptions.Nmi => -2,
        Exceptions.HardFault => -1,
        _ => _priority[exception],
    };

    public void SetActive(int exception, bool active) => _active[exception] = active;

    public void SetPending(int exception, bool pending)
    {
        _pending[exception] = pending;
        if (pending) _m.Cpu.InterruptCheck = true;
    }

    public int HighestPending(out int priority)
    {
        priority = int.MaxValue;
        int best = 0;
        for (int i = 2; i < _pending.Length; i++)
        {
            if (_pending[i] && Priority(i) < priority) { priority = Priority(i); best = i; }
        }
        return best;
    }

    /// <summary>Whether anything could still interrupt a spinning or sleeping core.</summary>
    public bool CanInterrupt()
    {
        if (_m.NextTimerEvent != ulong.MaxValue) return true;
        foreach (bool p in _pending) if (p) return true;
        return false;
    }

    /// <summary>Advances timers to <paramref name="cycles"/> (SysTick).</summary>
    public void Tick(ulong cycles) { }
}
