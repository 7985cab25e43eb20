using M7Sim.Isa;
using M7Sim.Simulation;
using M7Sim.Timing;

namespace M7Sim.Tests.Timing;

/// <summary>
/// Builder for timing litmus tests on the stm32f746-nucleo board under the Cortex-M7 model: hand-encoded
/// instructions are placed at a chosen code address (ITCM RAM by default; AXI flash, flash through ITCM
/// or SRAM1 for placement tests), registers and memory are set, then instructions run and
/// <see cref="Cycles"/> reads the model's count. Encodings above 0xFFFF are 32-bit (first halfword high).
/// </summary>
internal sealed class TimingCpu
{
    public const uint Itcm = 0x0000_0000;
    public const uint FlashItcm = 0x0020_0000;
    public const uint AxiFlash = 0x0800_0000;
    public const uint Dtcm = 0x2000_0000;
    public const uint Sram1 = 0x2001_0000;
    private const uint ScbCcr = 0xE000_ED14;
    private const uint FlashAcr = 0x4002_3C00;

    private TimingCpu(uint codeBase, uint[] encodings)
    {
        Machine = new Machine(new MachineOptions { Board = "stm32f746-nucleo", Timing = TimingMode.CortexM7 });
        uint a = codeBase;
        foreach (uint e in encodings)
        {
            if (e > 0xFFFF) { Half(a, (ushort)(e >> 16)); Half(a + 2, (ushort)e); a += 4; }
            else { Half(a, (ushort)e); a += 2; }
        }
        CodeBase = codeBase;
        CodeEnd = a;
        Count = encodings.Length;
        Cpu.R[13] = Dtcm + 0x1_0000;
        Cpu.Msp = Cpu.R[13];
        Cpu.Pc = codeBase;
        Cpu.NextPc = codeBase;
    }

    /// <summary>Code in ITCM RAM at 0x00000000 (zero wait states).</summary>
    public static TimingCpu WithCode(params uint[] encodings) => new(Itcm, encodings);

    /// <summary>Code at <paramref name="codeBase"/> (flash is written like a programmer would).</summary>
    public static TimingCpu At(uint codeBase, params uint[] encodings) => new(codeBase, encodings);

    public Machine Machine { get; }
    public Cpu Cpu => Machine.Cpu;
    public uint CodeBase { get; }
    public uint CodeEnd { get; }
    public int Count { get; }
    public ulong Cycles => Machine.Cycles;
    public TimingCounters Counters => Machine.TimingCounters!;

    public TimingCpu Reg(int n, uint value) { Cpu.R[n] = value; return this; }

    public TimingCpu Fp() { Cpu.FpEnabled = true; return this; }

    /// <summary>SCB.CCR as firmware writes it (IC = bit 17, DC = bit 16).</summary>
    public TimingCpu Caches(bool icache, bool dcache)
    {
        Machine.Bus.Write(ScbCcr, 4, 0x200 | (icache ? 1u << 17 : 0) | (dcache ? 1u << 16 : 0));
        return this;
    }

    /// <summary>FLASH_ACR (LATENCY[3:0], PRFTEN bit 8, ARTEN bit 9) as firmware writes it.</summary>
    public TimingCpu Acr(uint value)
    {
        Machine.Bus.Write(FlashAcr, 4, value);
        return this;
    }

    public TimingCpu Word(uint address, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        Machine.WriteMemory(address, b);
        return this;
    }

    /// <summary>Runs every instruction once (straight-line code) or <paramref name="instructions"/> of them.</summary>
    public TimingCpu Run(int instructions = -1)
    {
        var r = Machine.Run((ulong)(instructions < 0 ? Count : instructions));
        if (r.Reason != StopReason.InstructionLimit) throw new InvalidOperationException($"run stopped: {r.Reason} {r.Message}");
        return this;
    }

    /// <summary>Runs until the PC leaves the code (loops), within a limit.</summary>
    public TimingCpu RunToEnd(int limit = 100_000)
    {
        for (int i = 0; i < limit && Cpu.Pc != CodeEnd; i++)
        {
            var r = Machine.Run(1);
            if (r.Reason != StopReason.InstructionLimit) throw new InvalidOperationException($"run stopped: {r.Reason} {r.Message}");
        }
        return this;
    }

    private void Half(uint address, ushort value)
    {
        Span<byte> b = [(byte)value, (byte)(value >> 8)];
        if (!Machine.WriteMemory(address, b)) throw new ArgumentException($"cannot place code at 0x{address:X8}");
    }
}
