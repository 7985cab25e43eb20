using M7Sim.Loading;

namespace M7Sim.Memory;

/// <summary>Creates the board's memory-mapped peripherals by type name (timing-models/boards/*.json "peripherals").</summary>
internal static class Peripherals
{
    public static IMmio Create(BoardPeripheral p) => p.Type switch
    {
        "stm32f7-flash-interface" => new Stm32FlashInterface(),
        "stm32f7-rcc" => new Stm32Rcc(),
        "stm32f7-pwr" => new Stm32Pwr(),
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

/// <summary>
/// Base of the STM32 register blocks: 32-bit registers at word offsets, sub-word accesses merged
/// into the word (byte lanes not written keep their value), unknown offsets plain storage.
/// </summary>
internal abstract class Stm32RegisterBlock : IMmio
{
    private readonly Dictionary<uint, uint> _storage = new();

    public bool Read(uint offset, int size, out uint value)
    {
        value = ReadRegister(offset & ~3u) >> (int)((offset & 3) * 8);
        if (size < 4) value &= (1u << (size * 8)) - 1;
        return true;
    }

    public bool Write(uint offset, int size, uint value)
    {
        int shift = (int)(offset & 3) * 8;
        uint mask = size == 4 ? 0xFFFF_FFFFu : ((1u << (size * 8)) - 1) << shift;
        WriteRegister(offset & ~3u, (value << shift) & mask, mask);
        return true;
    }

    protected abstract uint ReadRegister(uint offset);
    protected abstract void WriteRegister(uint offset, uint value, uint mask);

    protected uint Stored(uint offset) => _storage.GetValueOrDefault(offset);
    protected void Store(uint offset, uint value, uint mask) => _storage[offset] = Merge(Stored(offset), value, mask);
    protected void Set(uint offset, uint value) => _storage[offset] = value;

    protected static uint Merge(uint old, uint value, uint mask) => (old & ~mask) | (value & mask);
}
