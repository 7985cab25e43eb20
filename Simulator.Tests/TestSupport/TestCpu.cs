using M7Sim.Isa;
using M7Sim.Simulation;

namespace M7Sim.Tests.TestSupport;

/// <summary>
/// Arrange/act/assert builder for instruction tests: code is placed at <see cref="CodeBase"/> on the
/// mps2-an500 board (RAM everywhere), registers and flags are set, then a number of instructions run.
/// Encodings above 0xFFFF are 32-bit (first halfword in the high half): 0xFB22_0203 /* smlad ... */.
/// </summary>
internal sealed class TestCpu
{
    public const uint CodeBase = 0x0000_1000;
    public const uint DataBase = 0x2000_0000;
    public const uint StackTop = 0x2010_0000;

    private readonly int _count;

    private TestCpu(uint[] encodings)
    {
        Machine = new Machine(new MachineOptions { Board = "mps2-an500", Stdout = Output });
        uint a = CodeBase;
        foreach (uint e in encodings)
        {
            if (e > 0xFFFF)
            {
                WriteHalf(a, (ushort)(e >> 16));
                WriteHalf(a + 2, (ushort)e);
                a += 4;
            }
            else
            {
                WriteHalf(a, (ushort)e);
                a += 2;
            }
        }
        CodeEnd = a;
        _count = encodings.Length;
        Cpu.R[13] = StackTop;
        Cpu.Msp = StackTop;
        Cpu.Pc = CodeBase;
        Cpu.NextPc = CodeBase;
    }

    public static TestCpu WithCode(params uint[] encodings) => new(encodings);

    public Machine Machine { get; }
    public Cpu Cpu => Machine.Cpu;
    public MemoryStream Output { get; } = new();
    public uint CodeEnd { get; }
    public RunResult Result { get; private set; }

    public uint this[int register] => register == 15 ? Cpu.Pc : Cpu.R[register];

    public TestCpu Reg(int n, uint value) { Cpu.R[n] = value; if (n == 13) Cpu.Msp = value; return this; }

    public TestCpu Flags(bool n = false, bool z = false, bool c = false, bool v = false, bool q = false)
    {
        Cpu.N = n; Cpu.Z = z; Cpu.C = c; Cpu.V = v; Cpu.Q = q;
        return this;
    }

    public TestCpu Ge(uint ge) { Cpu.GE = ge; return this; }

    public TestCpu Word(uint address, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        Machine.WriteMemory(address, b);
        return this;
    }

    public uint ReadWord(uint address)
    {
        Span<byte> b = stackalloc byte[4];
        Machine.ReadMemory(address, b);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(b);
    }

    /// <summary>Runs every instruction once (or <paramref name="instructions"/> of them).</summary>
    public TestCpu Run(int instructions = -1)
    {
        Result = Machine.Run((ulong)(instructions < 0 ? _count : instructions));
        return this;
    }

    /// <summary>Runs until PC reaches <paramref name="address"/> (default: the end of the code) or a limit.</summary>
    public TestCpu RunToEnd(uint? address = null, int limit = 10_000)
    {
        uint stop = address ?? CodeEnd;
        for (int i = 0; i < limit && Cpu.Pc != stop; i++)
        {
            Result = Machine.Run(1);
            if (Result.Reason != StopReason.InstructionLimit) break;
        }
        return this;
    }

    private void WriteHalf(uint address, ushort value)
    {
        Span<byte> b = [(byte)value, (byte)(value >> 8)];
        Machine.WriteMemory(address, b);
    }
}
