using System.Buffers.Binary;
using M7Sim.Simulation;
using M7Sim.Timing;

namespace M7Sim.Tests.Debugging;

/// <summary>
/// A tiny program on the mps2-an500 board (code in SSRAM1 at 0, data in SSRAM23), assembled with
/// arm-none-eabi-as -mcpu=cortex-m7 -mthumb. Functional timing: these tests are about the protocol.
/// <code>
/// 0x40 start:  ldr r1, =0x20000100   4908
/// 0x42         movs r0, #0           2000
/// 0x44 loop:   adds r0, #1           3001
/// 0x46         str r0, [r1]          6008
/// 0x48         ldr r2, [r1, #4]      684a
/// 0x4a         b loop                e7fb
/// 0x4c exit3:  ldr r1, =0x20000200   4906
/// 0x4e         ldr r2, =0x20026      4a07
/// 0x50         str r2, [r1]          600a
/// 0x52         movs r2, #3           2203
/// 0x54         str r2, [r1, #4]      604a
/// 0x56         movs r0, #0x20        2020   SYS_EXIT_EXTENDED {ADP_Stopped_ApplicationExit, 3}
/// 0x58         bkpt 0xab             beab
/// 0x5a         b .                   e7fe   (also the HardFault handler when one is installed)
/// 0x5c fault:  mov.w r1, #0xF0000000 f04f 4170
/// 0x60         ldr r0, [r1]          6808   (nothing is mapped there: BusFault, PRECISERR)
/// 0x62         udf #0                de00
/// 0x64 literals 0x20000100, 0x20000200, 0x00020026
/// </code>
/// </summary>
internal static class LoopFirmware
{
    public const uint Start = 0x40, Loop = 0x44, Store = 0x46, Load = 0x48, Branch = 0x4A, Exit3 = 0x4C, Spin = 0x5A, Fault = 0x5C, FaultingLoad = 0x60;
    public const uint Counter = 0x2000_0100, Neighbour = 0x2000_0104, StackTop = 0x2000_1000;

    private static readonly ushort[] Code =
    [
        0x4908, 0x2000, 0x3001, 0x6008, 0x684a, 0xe7fb,
        0x4906, 0x4a07, 0x600a, 0x2203, 0x604a, 0x2020, 0xbeab, 0xe7fe,
        0xf04f, 0x4170, 0x6808, 0xde00,
        0x0100, 0x2000, 0x0200, 0x2000, 0x0026, 0x0002,
    ];

    /// <param name="hardFaultHandler">Install the "b ." at 0x5a as the HardFault handler (vector 3).</param>
    public static Machine Create(Stream console, bool hardFaultHandler = false)
    {
        var m = new Machine(new MachineOptions { Board = "mps2-an500", Stdout = console, Timing = TimingMode.None });
        var image = new byte[Start + Code.Length * 2];
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(0), StackTop);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(4), Start | 1);
        if (hardFaultHandler) BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(12), Spin | 1);
        for (int i = 0; i < Code.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan((int)Start + 2 * i), Code[i]);
        m.WriteMemory(0, image);
        m.Reset();
        return m;
    }
}
