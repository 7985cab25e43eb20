using FluentAssertions;
using M7Sim.Isa;
using M7Sim.Memory;
using M7Sim.Simulation;
using M7Sim.Timing;

namespace M7Sim.Tests.Memory;

/// <summary>
/// A machine whose code is a long run of `movs r1, #1` (one cycle each in functional mode), so
/// <see cref="Advance"/> moves simulated time forward by an exact number of cycles while the tests
/// read and write the PPB registers through the bus as a privileged load/store would.
/// </summary>
internal sealed class ScsFixture
{
    private const int MovsR1One = 0x2101; // movs r1, #1

    public ScsFixture(string board = "mps2-an500")
    {
        // Functional timing: exactly one cycle per instruction, so Advance(n) is n cycles.
        Machine = new Machine(new MachineOptions { Board = board, Timing = TimingMode.None });
        var code = new byte[2 * 4000];
        for (int i = 0; i < code.Length; i += 2) { code[i] = MovsR1One & 0xFF; code[i + 1] = MovsR1One >> 8; }
        Machine.WriteMemory(0, code).Should().BeTrue(); // RAM at 0 on both boards (SSRAM1, ITCM RAM)
        Machine.SetRegister(15, 0);
        Machine.SetRegister(13, 0x2000_8000);
        Machine.Cpu.Msp = 0x2000_8000;
    }

    public Machine Machine { get; }
    public Cpu Cpu => Machine.Cpu;
    public SystemControlSpace Scs => Machine.Scs;

    public uint Read(uint address, int size = 4)
    {
        Machine.Bus.Read(address, size, out uint v).Should().BeTrue($"0x{address:X8} is readable");
        return v;
    }

    public void Write(uint address, uint value, int size = 4) =>
        Machine.Bus.Write(address, size, value).Should().BeTrue($"0x{address:X8} is writable");

    /// <summary>Executes <paramref name="cycles"/> one-cycle instructions.</summary>
    public void Advance(int cycles)
    {
        if (cycles == 0) return;
        var r = Machine.Run((ulong)cycles);
        r.Reason.Should().Be(StopReason.InstructionLimit);
    }
}
