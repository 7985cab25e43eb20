using M7Sim.Loading;

namespace M7Sim.Memory;

/// <summary>Creates the board's memory-mapped peripherals by type name.</summary>
internal static class Peripherals
{
    public static IMmio Create(BoardPeripheral p) => p.Type switch
    {
        _ => new RegisterFile(),
    };
}

/// <summary>A block of plain read/write registers: enough for code that configures a peripheral the model does not simulate.</summary>
internal sealed class RegisterFile : IMmio
{
    private readonly Dictionary<uint, uint> _regs = new();

    public bool Read(uint offset, int size, out uint value)
    {
        value = _regs.GetValueOrDefault(offset & ~3u) >> (int)((offset & 3) * 8);
        if (size < 4) value &= (1u << (size * 8)) - 1;
        return true;
    }

    public bool Write(uint offset, int size, uint value)
    {
        uint reg = offset & ~3u;
        if (size == 4) _regs[reg] = value;
        else
        {
            int shift = (int)(offset & 3) * 8;
            uint mask = ((1u << (size * 8)) - 1) << shift;
            _regs[reg] = (_regs.GetValueOrDefault(reg) & ~mask) | ((value << shift) & mask);
        }
        return true;
    }
}
