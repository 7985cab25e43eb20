using M7Sim.Isa;
using M7Sim.Simulation;

namespace M7Sim.Memory;

/// <summary>
/// The Private Peripheral Bus 0xE0000000-0xE00FFFFF (Armv7-M ARM B3): ITM, DWT, FPB, and the System
/// Control Space with the SCB, NVIC, SysTick, CoreDebug, FPU and cache maintenance registers.
/// Offsets are relative to 0xE0000000. Each block lives in its own partial file; this one routes
/// accesses. Sub-word accesses become word accesses with a byte-lane mask, so byte-addressable
/// registers (NVIC_IPR, SHPR, the CFSR parts) work and lanes not written are left alone.
/// </summary>
internal sealed partial class SystemControlSpace : IMmio
{
    private readonly Machine _m;
    private readonly Cpu _c;
    private readonly Dictionary<uint, uint> _plain = new(); // registers with no behaviour beyond storage

    public SystemControlSpace(Machine m)
    {
        _m = m;
        _c = m.Cpu;
        var nvic = BoardNvic.From(m.Board);
        IrqCount = nvic.Irqs;
        PriorityBits = nvic.PriorityBits;
        _priorityMask = (byte)(0xFF << (8 - PriorityBits));
        _cacheIds = CacheIds.From(m.Board);
        Reset(m.Board.BootAddress); // a machine is usable before an ELF is loaded (tests, debugger)
    }

    public void Reset(uint vtor)
    {
        _plain.Clear();
        ResetScb(vtor);
        ResetNvic();
        ResetSysTick();
        ResetDwt();
        ResetDebug();
        ResetFpu();
        ResetCacheMaintenance();
        ResetMpu();
    }

    public bool Read(uint offset, int size, out uint value)
    {
        uint reg = offset & ~3u;
        if (!AccessAllowed(reg)) { value = 0; return false; }
        value = ReadWord(reg) >> (int)((offset & 3) * 8);
        if (size < 4) value &= (1u << (size * 8)) - 1;
        return true;
    }

    public bool Write(uint offset, int size, uint value)
    {
        uint reg = offset & ~3u;
        if (!AccessAllowed(reg)) return false;
        int shift = (int)(offset & 3) * 8;
        uint mask = size == 4 ? 0xFFFF_FFFFu : ((1u << (size * 8)) - 1) << shift;
        WriteWord(reg, value << shift & mask, mask);
        return true;
    }

    /// <summary>Unprivileged accesses to the PPB (LDRT/STRT included) are BusFaults (B3.2.1), except STIR with CCR.USERSETMPEND.</summary>
    private bool AccessAllowed(uint reg) =>
        (_c.Privileged && !_m.Bus.UnprivilegedAccess) || (reg == 0xEF00 && (_ccr & CcrUserSetMPend) != 0);

    private uint ReadWord(uint reg)
    {
        if (reg < 0x1000) return ReadItm(reg);
        if (reg < 0x2000) return ReadDwt(reg - 0x1000);
        if (reg < 0xE000 || reg >= 0xF000) return _plain.GetValueOrDefault(reg);
        return reg switch
        {
            < 0xE010 => ReadScbMisc(reg),
            < 0xE020 => ReadSysTick(reg),
            >= 0xE100 and < 0xE500 => ReadNvic(reg),
            >= 0xED00 and < 0xED90 => ReadScb(reg),
            >= 0xED90 and < 0xEDBC => ReadMpu(reg),
            >= 0xEDF0 and < 0xEE00 => ReadDebug(reg),
            >= 0xEF30 and < 0xEF4C => ReadFpu(reg),
            >= 0xEF50 and < 0xEF7C => 0, // cache maintenance operations are write-only
            _ => _plain.GetValueOrDefault(reg),
        };
    }

    private void WriteWord(uint reg, uint value, uint mask)
    {
        if (reg < 0x1000) { WriteItm(reg, value, mask); return; }
        if (reg < 0x2000) { WriteDwt(reg - 0x1000, value, mask); return; }
        if (reg < 0xE000 || reg >= 0xF000) { Store(reg, value, mask); return; }
        switch (reg)
        {
            case < 0xE010: WriteScbMisc(reg, value, mask); break;
            case < 0xE020: WriteSysTick(reg, value, mask); break;
            case >= 0xE100 and < 0xE500: WriteNvic(reg, value, mask); break;
            case >= 0xED00 and < 0xED90: WriteScb(reg, value, mask); break;
            case >= 0xED90 and < 0xEDBC: WriteMpu(reg, value, mask); break;
            case >= 0xEDF0 and < 0xEE00: WriteDebug(reg, value, mask); break;
            case 0xEF00: WriteStir(value); break;
            case >= 0xEF30 and < 0xEF4C: WriteFpu(reg, value, mask); break;
            case >= 0xEF50 and < 0xEF7C: WriteCacheMaintenance(reg, value); break;
            default: Store(reg, value, mask); break;
        }
    }

    /// <summary>Plain storage with byte-lane merge.</summary>
    private void Store(uint reg, uint value, uint mask) =>
        _plain[reg] = Merge(_plain.GetValueOrDefault(reg), value, mask);

    private static uint Merge(uint old, uint value, uint mask) => (old & ~mask) | (value & mask);

    /// <summary>ITM: stimulus port reads report FIFOREADY so CMSIS ITM_SendChar never waits; everything else is storage.</summary>
    private uint ReadItm(uint reg) => reg < 0x80 ? 1u : _plain.GetValueOrDefault(reg);

    private void WriteItm(uint reg, uint value, uint mask)
    {
        if (reg >= 0x80) Store(reg, value, mask); // stimulus port data is discarded (no trace port)
    }
}
