using FluentAssertions;
using M7Sim.Simulation;
using M7Sim.Timing;
using Xunit;

namespace M7Sim.Tests.Timing;

/// <summary>
/// Loads and stores with an immediate offset on a block's replay path (Simulation/ReplayedLoadStore.cs): the
/// model judges the access before it is made, and the access is made without the bus's record, or the
/// instruction runs as any other (handler, then the model's check) when the short path declines. The loop
/// below holds every replayed form (LDR, LDRB, LDRSB, LDRH, LDRSH, STR, STRB, STRH; offset, pre-indexed with
/// writeback, post-indexed, negative offsets, unaligned words) and alternates its data pointer between DTCM,
/// where the short path settles every access, and SRAM1 behind the AXI port, where it declines with the
/// D-cache off and settles the hits with it on. The values have their sign bits set and the stores feed the
/// next pass's loads, so a wrong extension, address or writeback changes the sum; the cycles and every
/// counter must be the interpreter's.
/// </summary>
public sealed class ReplayedLoadStoreTests
{
    // 0x00000400 (ITCM RAM), one loop block of 32 instructions:
    //   adds r1,#1 ; adds r2,#2 ; ldr r0,[r7,#4] ; ldrb r4,[r7,#1] ; ldrsb.w r8,[r7,#3] ; ldrh.w r9,[r7,#2] ;
    //   ldrsh.w r10,[r7,#6] ; ldr.w r11,[r7],#8 ; str.w r0,[r7,#-4]! ; strb r4,[r7,#9] ; strh.w r9,[r7,#10] ;
    //   ldr.w r12,[r7,#-3] ; str.w r1,[r7,#2] ; adds r5,r5,r0 ; add r5,r8 ; add r5,r10 ; add r5,r11 ; add r5,r12 ;
    //   adds r5,r5,r4 ; add r5,r9 ; subs r7,#4 ; eors r7,r6 ; subs r3,#1 ; bne loop ; then bkpt #0
    // (encodings from arm-none-eabi-as -mcpu=cortex-m7)
    private static readonly ushort[] Code =
        [0x3101, 0x3202, 0x6878, 0x787C, 0xF997, 0x8003, 0xF8B7, 0x9002, 0xF9B7, 0xA006, 0xF857, 0xBB08,
         0xF847, 0x0D04, 0x727C, 0xF8A7, 0x900A, 0xF857, 0xCC03, 0xF8C7, 0x1002, 0x182D, 0x4445, 0x4455,
         0x445D, 0x4465, 0x192D, 0x444D, 0x3F04, 0x4077, 0x3B01, 0xD1DF, 0xBE00];

    private const uint CodeBase = 0x0000_0400, Dtcm = 0x2000_0100, Sram = 0x2001_0100;
    private const int Iterations = 600;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Replayed_loads_and_stores_give_the_values_cycles_and_counters_of_the_interpreter(bool dcache)
    {
        var interpreted = RunLoop(dcache, threshold: 0, replay: false);
        var replayed = RunLoop(dcache, threshold: 1, replay: true);

        replayed.ReplayedInstructions.Should().BeGreaterThan(interpreted.Instructions / 3, "the DTCM passes at least must replay");
        if (dcache) interpreted.TimingCounters!.DCacheHits.Should().BeGreaterThan(Iterations, "the SRAM passes must hit the D-cache");
        replayed.Instructions.Should().Be(interpreted.Instructions);
        replayed.Cycles.Should().Be(interpreted.Cycles);
        for (int r = 0; r < 13; r++) replayed.Cpu.R[r].Should().Be(interpreted.Cpu.R[r], $"r{r}");
        Data(replayed, Dtcm).Should().Equal(Data(interpreted, Dtcm));
        Data(replayed, Sram).Should().Equal(Data(interpreted, Sram));
        replayed.TimingCounters.Should().BeEquivalentTo(interpreted.TimingCounters);
    }

    private static Machine RunLoop(bool dcache, int threshold, bool replay)
    {
        var m = new Machine(new MachineOptions { Timing = TimingMode.CortexM7 });
        m.WriteMemory(CodeBase, Code.SelectMany(BitConverter.GetBytes).ToArray()).Should().BeTrue();
        // Bytes with and without their sign bit, different in the two regions.
        m.WriteMemory(Dtcm, Enumerable.Range(0, 32).Select(i => (byte)(0x81 + i * 37)).ToArray()).Should().BeTrue();
        m.WriteMemory(Sram, Enumerable.Range(0, 32).Select(i => (byte)(0xF3 - i * 29)).ToArray()).Should().BeTrue();
        if (dcache) m.Bus.Write(0xE000_ED14, 4, 1u << 16).Should().BeTrue(); // CCR.DC
        m.Cpu.R[13] = m.Cpu.Msp = 0x2000_8000;
        m.Cpu.Pc = m.Cpu.NextPc = CodeBase;
        m.Cpu.R[3] = Iterations;
        m.Cpu.R[6] = Dtcm ^ Sram;
        m.Cpu.R[7] = Dtcm;
        m.BlockThreshold = threshold;
        m.ReplayBlocks = replay;
        m.Run(100_000).Reason.Should().Be(StopReason.Breakpoint);
        return m;
    }

    private static byte[] Data(Machine m, uint at)
    {
        var bytes = new byte[32];
        m.ReadMemory(at, bytes).Should().BeTrue();
        return bytes;
    }
}
