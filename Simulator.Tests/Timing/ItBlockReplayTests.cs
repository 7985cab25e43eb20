using FluentAssertions;
using M7Sim.Simulation;
using M7Sim.Tests.TestSupport;
using M7Sim.Timing;
using Xunit;

namespace M7Sim.Tests.Timing;

/// <summary>
/// IT blocks inside compiled blocks (Machine.BlockLength takes an IT block whole when it covers register
/// arithmetic only). A block runs each covered instruction only if its condition passes and advances
/// ITSTATE as the interpreter does; a replay checks nothing for them, since the model times register
/// arithmetic the same whether it ran or not, and counts the skipped ones itself. The loop below clamps
/// data that falls on both sides of each condition, so every covered instruction both runs and is skipped.
/// </summary>
public sealed class ItBlockReplayTests
{
    // 0x00000400 (ITCM RAM), one loop block of 15 instructions:
    //   ldr.w r0,[r7],#4 ; cmp r0,#0 ; it lt ; movlt r0,#0 ; cmp r0,#100 ; ite gt ; movgt r0,#100 ; addle r0,#1 ;
    //   add r5,r0 ; itt eq ; addeq r4,#1 ; lsleq r6,r6,#1 ; subs r3,#1 ; bne loop ; then bkpt #0
    private static readonly ushort[] Code =
        [0xF857, 0x0B04, 0x2800, 0xBFB8, 0x2000, 0x2864, 0xBFCC, 0x2064, 0x3001, 0x4405, 0xBF04, 0x3401, 0x0076, 0x3B01, 0xD1F0, 0xBE00];

    private const uint CodeBase = 0x0000_0400, Data = 0x2000_1000;
    private const int Iterations = 700;

    [Fact]
    public void Replayed_it_blocks_give_the_cycles_and_counters_of_retiring_every_instruction()
    {
        var interpreted = RunLoop(TimingMode.CortexM7, threshold: 0, replay: false);
        var compiled = RunLoop(TimingMode.CortexM7, threshold: 1, replay: false);
        var replayed = RunLoop(TimingMode.CortexM7, threshold: 1, replay: true);

        interpreted.TimingCounters!.PredicatedFalse.Should().BeGreaterThan(Iterations, "the conditions must fail often");
        compiled.BlockInstructions.Should().BeGreaterThan(interpreted.Instructions * 9 / 10, "the loop, IT blocks included, must run in its block");
        replayed.ReplayedInstructions.Should().BeGreaterThan(interpreted.Instructions / 2, "the loop's iterations must replay");
        foreach (var run in new[] { compiled, replayed })
        {
            run.Instructions.Should().Be(interpreted.Instructions);
            run.Cycles.Should().Be(interpreted.Cycles);
            run.Cpu.R[4].Should().Be(interpreted.Cpu.R[4]);
            run.Cpu.R[5].Should().Be(interpreted.Cpu.R[5]);
            run.Cpu.R[6].Should().Be(interpreted.Cpu.R[6]);
            run.TimingCounters.Should().BeEquivalentTo(interpreted.TimingCounters);
        }
    }

    [Fact]
    public void Functional_blocks_run_it_blocks_as_the_interpreter()
    {
        var interpreted = RunLoop(TimingMode.None, threshold: 0, replay: false);
        var compiled = RunLoop(TimingMode.None, threshold: 1, replay: false);

        compiled.BlockInstructions.Should().BeGreaterThan(interpreted.Instructions * 9 / 10);
        compiled.Instructions.Should().Be(interpreted.Instructions);
        compiled.Cycles.Should().Be(interpreted.Cycles);
        for (int r = 0; r < 8; r++) compiled.Cpu.R[r].Should().Be(interpreted.Cpu.R[r], $"r{r}");
        compiled.Cpu.ItState.Should().Be(0);
    }

    /// <summary>Runs in slices of 67 instructions, which end at each of the loop's 15 instructions in turn (inside IT
    /// blocks too): blocks and replays start from every position the interpreter leaves them, and the figures add up.</summary>
    [Fact]
    public void Runs_cut_into_slices_match_the_uninterrupted_run()
    {
        var whole = RunLoop(TimingMode.CortexM7, threshold: 1, replay: true);
        var sliced = RunLoop(TimingMode.CortexM7, threshold: 1, replay: true, slice: 67);

        sliced.Instructions.Should().Be(whole.Instructions);
        sliced.Cycles.Should().Be(whole.Cycles);
        sliced.Cpu.R[5].Should().Be(whole.Cpu.R[5]);
        sliced.TimingCounters.Should().BeEquivalentTo(whole.TimingCounters);
    }

    /// <summary>
    /// An IT block in a block reads flags set before the block. With the core model's flag latency raised to
    /// 4 cycles, a CMP right before the branch to the block makes the covered instruction wait, one four
    /// instructions earlier does not. The block's entry key holds the flags an IT block in it reads
    /// (CortexM7Timing.AddReplay), so each path replays its own trace and the cycles are the interpreter's.
    /// The two entry states differ in nothing else: without the flags in the key (checked by removing them),
    /// one path replays the other's trace and the cycles come out 698 short.
    /// </summary>
    [Fact]
    public void Flags_an_it_block_reads_from_before_its_block_are_part_of_the_entry_key()
    {
        string model = Path.Combine(Path.GetTempPath(), $"m7sim-slow-flags-{Environment.ProcessId}.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(ToolchainPaths.RepoRoot, "timing-models", "cores", "cortex-m7.json")))!;
        json["pipeline"]!["flagsLatency"]!["value"] = 4;
        File.WriteAllText(model, json.ToJsonString());
        try
        {
            var interpreted = RunPaths(model, threshold: 0, replay: false);
            var replayed = RunPaths(model, threshold: 1, replay: true);

            interpreted.TimingCounters!.StallCycles[(int)StallCause.Dependency].Should().BeGreaterThan(Iterations / 2, "the late flags must stall");
            replayed.ReplayedInstructions.Should().BeGreaterThan(interpreted.Instructions / 3);
            replayed.Cycles.Should().Be(interpreted.Cycles);
            replayed.Cpu.R[4].Should().Be(interpreted.Cpu.R[4]);
            replayed.TimingCounters.Should().BeEquivalentTo(interpreted.TimingCounters);
        }
        finally
        {
            File.Delete(model);
        }
    }

    // top: lsrs r5,r3,#1 ; bcs pathb ; nop (four times) ; cmp r3,#7 ; b join ; two unreached nops
    // pathb: cmp r3,#7 ; nop (four times) ; b join ; eight unreached nops
    // join: nop ; nop ; it ne ; addne r4,#1 ; eight movs among r0-r2 ; subs r3,#1 ; bne top ; then bkpt #0
    // The paths write nothing the join reads but the flags, and their branches sit at the same place in their
    // 64-bit fetch groups, far enough from the join that neither fetched it: the join's entry states differ
    // only in when the flags are ready.
    private static readonly ushort[] TwoPaths =
        [0x085D, 0xD207, 0xBF00, 0xBF00, 0xBF00, 0xBF00, 0x2B07, 0xE00F, 0xBF00, 0xBF00,
         0x2B07, 0xBF00, 0xBF00, 0xBF00, 0xBF00, 0xE007, 0xBF00, 0xBF00, 0xBF00, 0xBF00, 0xBF00, 0xBF00, 0xBF00, 0xBF00,
         0xBF00, 0xBF00, 0xBF18, 0x3401, 0x4608, 0x4611, 0x4602, 0x4608, 0x4611, 0x4602, 0x4608, 0x4611, 0x3B01, 0xD1D9, 0xBE00];

    private static Machine RunPaths(string coreModel, int threshold, bool replay)
    {
        var m = new Machine(new MachineOptions { Timing = TimingMode.CortexM7, CoreModel = coreModel });
        m.WriteMemory(CodeBase, TwoPaths.SelectMany(BitConverter.GetBytes).ToArray()).Should().BeTrue();
        m.Cpu.R[13] = m.Cpu.Msp = 0x2001_0000;
        m.Cpu.Pc = m.Cpu.NextPc = CodeBase;
        m.Cpu.R[3] = Iterations;
        m.BlockThreshold = threshold;
        m.ReplayBlocks = replay;
        m.Run(100_000).Reason.Should().Be(StopReason.Breakpoint);
        return m;
    }

    private static Machine RunLoop(TimingMode timing, int threshold, bool replay, ulong slice = 0)
    {
        var m = new Machine(new MachineOptions { Timing = timing });
        m.WriteMemory(CodeBase, Code.SelectMany(BitConverter.GetBytes).ToArray()).Should().BeTrue();
        // Values from -80 to 179: below 0, in range, exactly 100 now and then, above 100.
        var data = Enumerable.Range(0, Iterations).SelectMany(i => BitConverter.GetBytes(i % 9 == 0 ? 100 : i * 37 % 260 - 80)).ToArray();
        m.WriteMemory(Data, data).Should().BeTrue();
        m.Cpu.R[13] = m.Cpu.Msp = 0x2001_0000;
        m.Cpu.Pc = m.Cpu.NextPc = CodeBase;
        m.Cpu.R[3] = Iterations;
        m.Cpu.R[6] = 1;
        m.Cpu.R[7] = Data;
        m.BlockThreshold = threshold;
        m.ReplayBlocks = replay;
        if (slice == 0) m.Run(100_000).Reason.Should().Be(StopReason.Breakpoint);
        else
        {
            StopReason reason;
            while ((reason = m.Run(slice).Reason) == StopReason.InstructionLimit) { }
            reason.Should().Be(StopReason.Breakpoint);
        }
        return m;
    }
}
