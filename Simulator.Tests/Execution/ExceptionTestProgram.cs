using System.Buffers.Binary;
using FluentAssertions;
using M7Sim.Isa;
using M7Sim.Memory;
using M7Sim.Simulation;
using M7Sim.Timing;

namespace M7Sim.Tests.Execution;

/// <summary>
/// A small firmware image for exception tests on mps2-an500 (RAM at 0 and 0x20000000, VTOR = 0),
/// under functional timing (one cycle per instruction): main code at <see cref="Main"/>, handlers
/// placed with <see cref="Handler"/>, a byte log the handlers append to (<see cref="T.Log"/>), and
/// the stack at <see cref="StackTop"/>. Encodings come from arm-none-eabi-as (see <see cref="T"/>).
/// </summary>
internal sealed class ExceptionTestProgram
{
    public const uint Main = 0x1000;
    public const uint LogPointer = 0x2000_0000, LogData = 0x2000_0100, Scratch = 0x2000_0040;
    public const uint StackTop = 0x2010_0000;

    public ExceptionTestProgram(string board = "mps2-an500")
        : this(new Machine(new MachineOptions { Board = board, Timing = TimingMode.None }))
    {
    }

    public ExceptionTestProgram(Machine machine)
    {
        Machine = machine;
        Word(LogPointer, LogData);
        Machine.SetRegister(13, StackTop);
        Cpu.Msp = StackTop;
        Machine.SetRegister(15, Main);
    }

    public Machine Machine { get; }
    public Cpu Cpu => Machine.Cpu;
    public SystemControlSpace Scs => Machine.Scs;
    public RunResult Result { get; private set; }

    /// <summary>Places encodings (above 0xFFFF: 32-bit, first halfword high) at <paramref name="address"/>; returns the address after them.</summary>
    public uint Code(uint address, params uint[][] parts)
    {
        uint a = address;
        foreach (var part in parts)
        {
            foreach (uint e in part)
            {
                if (e > 0xFFFF) { Half(a, (ushort)(e >> 16)); Half(a + 2, (ushort)e); a += 4; }
                else { Half(a, (ushort)e); a += 2; }
            }
        }
        return a;
    }

    /// <summary>Writes the handler code and points vector <paramref name="exception"/> at it (Thumb bit set).</summary>
    public uint Handler(int exception, uint address, params uint[][] parts)
    {
        Word((uint)(4 * exception), address | 1);
        return Code(address, parts);
    }

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

    /// <summary>A PPB or peripheral register write as privileged code does it.</summary>
    public void Poke(uint address, uint value) => Machine.Bus.Write(address, 4, value).Should().BeTrue();

    public uint Peek(uint address)
    {
        Machine.Bus.Read(address, 4, out uint v).Should().BeTrue();
        return v;
    }

    /// <summary>The bytes handlers appended with <see cref="T.Log"/>.</summary>
    public byte[] Log
    {
        get
        {
            uint end = ReadWord(LogPointer);
            var b = new byte[end - LogData];
            Machine.ReadMemory(LogData, b);
            return b;
        }
    }

    /// <summary>The eight words of a basic frame at <paramref name="sp"/>.</summary>
    public uint[] Frame(uint sp) => Enumerable.Range(0, 8).Select(i => ReadWord(sp + (uint)(4 * i))).ToArray();

    /// <summary>Runs one instruction at a time until the PC is <paramref name="address"/>; fails the test on any stop.</summary>
    public ExceptionTestProgram RunUntil(uint address, int limit = 2000)
    {
        for (int i = 0; i < limit; i++)
        {
            if (Cpu.Pc == address) return this;
            Result = Machine.Run(1);
            Result.Reason.Should().Be(StopReason.InstructionLimit, Result.Message);
        }
        Cpu.Pc.Should().Be(address, "the program should get there within the limit");
        return this;
    }

    /// <summary>Runs until the machine stops by itself (or the limit).</summary>
    public RunResult RunToStop(ulong limit = 10_000)
    {
        Result = Machine.Run(limit);
        return Result;
    }

    private void Half(uint address, ushort value)
    {
        Span<byte> b = [(byte)value, (byte)(value >> 8)];
        Machine.WriteMemory(address, b).Should().BeTrue();
    }
}

/// <summary>Thumb encodings used by the exception tests, checked against arm-none-eabi-as (Cortex-M7).</summary>
internal static class T
{
    public const uint Self = 0xE7FE;      // b .
    public const uint BxLr = 0x4770;      // bx lr
    public const uint Nop = 0xBF00;       // nop
    public const uint Wfi = 0xBF30;       // wfi
    public const uint Udf = 0xDE00;       // udf #0
    public const uint CpsidI = 0xB672;    // cpsid i
    public const uint CpsieI = 0xB662;    // cpsie i
    public const uint Isb = 0xF3BF_8F6F;  // isb sy
    public const uint MovR4Sp = 0x466C;   // mov r4, sp

    public static uint Svc(int imm) => 0xDF00u | (uint)imm;                                    // svc #imm
    public static uint Movs(int rd, int imm) => 0x2000u | (uint)(rd << 8) | (uint)imm;         // movs rd, #imm8
    public static uint Adds(int rd, int imm) => 0x3000u | (uint)(rd << 8) | (uint)imm;         // adds rd, #imm8
    public static uint Str(int rt, int rn, int wordOffset = 0) => 0x6000u | (uint)(wordOffset << 6) | (uint)(rn << 3) | (uint)rt; // str rt, [rn, #4*off]
    public static uint Ldr(int rt, int rn, int wordOffset = 0) => 0x6800u | (uint)(wordOffset << 6) | (uint)(rn << 3) | (uint)rt; // ldr rt, [rn, #4*off]
    public static uint Bx(int rm) => 0x4700u | (uint)(rm << 3);                                 // bx rm
    public static uint MsrBasepri(int rn) => 0xF380_8811u | (uint)(rn << 16);                  // msr basepri, rn
    public static uint MsrPsp(int rn) => 0xF380_8809u | (uint)(rn << 16);                      // msr psp, rn
    public static uint MsrControl(int rn) => 0xF380_8814u | (uint)(rn << 16);                  // msr control, rn
    public static uint MrsIpsr(int rd) => 0xF3EF_8005u | (uint)(rd << 8);                      // mrs rd, ipsr
    public static uint VmovSR(int sn, int rt) => 0xEE00_0A10u | (uint)((sn >> 1) << 16) | (uint)((sn & 1) << 7) | (uint)(rt << 12); // vmov sN, rt

    /// <summary>movw rd, #lo16 (T3): 11110 i 100100 imm4 | 0 imm3 rd imm8.</summary>
    public static uint Movw(int rd, uint imm16) => 0xF240_0000u | Imm16(rd, imm16);

    /// <summary>movt rd, #hi16 (T1): 11110 i 101100 imm4 | 0 imm3 rd imm8.</summary>
    public static uint Movt(int rd, uint imm16) => 0xF2C0_0000u | Imm16(rd, imm16);

    private static uint Imm16(int rd, uint v) =>
        ((v >> 12) & 0xF) << 16 | ((v >> 11) & 1) << 26 | ((v >> 8) & 7) << 12 | (uint)rd << 8 | (v & 0xFF);

    /// <summary>movw + movt: rd = value.</summary>
    public static uint[] Mov32(int rd, uint value) => [Movw(rd, value & 0xFFFF), Movt(rd, value >> 16)];

    /// <summary>*(uint*)address = value, through r0 and r1.</summary>
    public static uint[] Store(uint address, uint value) => [.. Mov32(0, address), .. Mov32(1, value), Str(1, 0)];

    /// <summary>*(uint*)address = rt, through r0 (rt must not be r0).</summary>
    public static uint[] StoreReg(uint address, int rt) => [.. Mov32(0, address), Str(rt, 0)];

    /// <summary>Appends byte <paramref name="id"/> to the log (uses r0-r2): log[*LogPointer++] = id.</summary>
    public static uint[] Log(int id) =>
    [
        .. Mov32(0, ExceptionTestProgram.LogPointer),
        Ldr(1, 0),          // ldr r1, [r0]
        Movs(2, id),        // movs r2, #id
        0xF801_2B01,        // strb.w r2, [r1], #1
        Str(1, 0),          // str r1, [r0]
    ];

    public static uint[] Of(params uint[] encodings) => encodings;
}
