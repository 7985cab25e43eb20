using System.Buffers.Binary;
using System.Text;
using FluentAssertions;
using M7Sim.Isa;
using M7Sim.Simulation;

namespace M7Sim.Tests.Semihosting;

/// <summary>
/// A machine on the mps2-an500 board (RAM at 0x20000000) for calling semihosting operations
/// directly: parameter blocks and strings are placed in RAM, then <see cref="Call"/> runs one
/// operation as BKPT 0xAB would and returns R0.
/// </summary>
internal sealed class SemihostFixture
{
    public const uint Block = 0x2000_0000;   // parameter block
    public const uint Data = 0x2000_1000;    // strings and buffers
    public const uint Unmapped = 0xF000_0000; // nothing is mapped there on mps2-an500

    public SemihostFixture(string? root = null, IReadOnlyList<string>? arguments = null, Stream? stdin = null, string board = "mps2-an500")
    {
        Machine = new Machine(new MachineOptions
        {
            Board = board,
            Stdout = Output,
            Stdin = stdin,
            SemihostingRoot = root,
            Arguments = arguments ?? [],
        });
    }

    public SemihostFixture(Machine machine) => Machine = machine;

    public Machine Machine { get; }
    public Cpu Cpu => Machine.Cpu;
    public MemoryStream Output { get; } = new();
    public string OutputText => Encoding.Latin1.GetString(Output.ToArray());

    public uint Call(uint op, uint r1, ulong cycles = 0)
    {
        Cpu.R[0] = op;
        Cpu.R[1] = r1;
        Machine.Semihost.Handle(Cpu, cycles);
        return Cpu.R[0];
    }

    /// <summary>Writes the words of a parameter block at <see cref="Block"/> and calls the operation with R1 pointing at it.</summary>
    public uint CallWithBlock(uint op, params uint[] words)
    {
        for (int i = 0; i < words.Length; i++) Word(Block + (uint)(4 * i), words[i]);
        return Call(op, Block);
    }

    public int Errno => (int)Call(0x13, 0);

    public void Word(uint address, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        Machine.WriteMemory(address, b).Should().BeTrue();
    }

    public uint ReadWord(uint address)
    {
        Span<byte> b = stackalloc byte[4];
        Machine.ReadMemory(address, b).Should().BeTrue();
        return BinaryPrimitives.ReadUInt32LittleEndian(b);
    }

    public void Bytes(uint address, byte[] data) => Machine.WriteMemory(address, data).Should().BeTrue();

    public byte[] ReadBytes(uint address, int length)
    {
        var b = new byte[length];
        Machine.ReadMemory(address, b).Should().BeTrue();
        return b;
    }

    /// <summary>Places a string (no NUL unless given) at <paramref name="address"/> and returns its byte length.</summary>
    public uint Text(uint address, string s)
    {
        var b = Encoding.UTF8.GetBytes(s);
        Bytes(address, b);
        return (uint)b.Length;
    }

    /// <summary>SYS_OPEN of <paramref name="name"/> with fopen mode index <paramref name="mode"/>.</summary>
    public uint Open(string name, uint mode)
    {
        uint len = Text(Data + 0x800, name + "\0") - 1;
        return CallWithBlock(0x01, Data + 0x800, mode, len);
    }

    /// <summary>SYS_WRITE of <paramref name="text"/>; returns R0 (bytes not written).</summary>
    public uint Write(uint handle, string text)
    {
        uint len = Text(Data, text);
        return CallWithBlock(0x05, handle, Data, len);
    }

    public uint Close(uint handle) => CallWithBlock(0x02, handle);
}
