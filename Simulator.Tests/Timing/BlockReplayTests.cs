using FluentAssertions;
using M7Sim.Simulation;
using M7Sim.Tests.TestSupport;
using M7Sim.Tests.Workloads;
using M7Sim.Timing;
using Xunit;

namespace M7Sim.Tests.Timing;

/// <summary>
/// Block replay (Timing/CortexM7Timing.Replay.cs): compiled blocks replay recorded traces of the model's
/// decisions instead of retiring each instruction into it. A replay must leave the model exactly as
/// retiring would: the same cycles, every counter, the same output. CompiledBlockTests compare every
/// committed program with the interpreter (replay on); these make sure replay really carries the
/// programs (so those comparisons are not vacuous) and compare replay on and off directly.
/// </summary>
public sealed class BlockReplayTests
{
    /// <summary>Networks and kernels on each placement the timing model distinguishes, with the share of
    /// instructions replay carries at least (blocks of fewer than BlockReplay.MinPrefix + 1 instructions never replay, loops of fewer than MinLoopPrefix).</summary>
    [Theory]
    [InlineData("cifar10_cnn.f746.elf", 0.85)]     // AXI flash through the I-cache, data in DTCM, weights through the D-cache: 89%
    [InlineData("ds_cnn_s.f746.elf", 0.60)]        // 66%: depthwise and pooling loops are short blocks
    [InlineData("ds_cnn_s.f746-sram.elf", 0.60)]   // activations in SRAM1 through the D-cache: 66%
    [InlineData("bench_conv.f746.elf", 0.77)]      // 81%
    [InlineData("ds_cnn_s.f746-itcm.elf", 0.60)]   // code from flash through ITCM and the ART (which data reads share): 66%
    [InlineData("cifar10_cnn.f746-itcm.elf", 0.85)] // 89%
    public void Replay_gives_the_cycles_and_counters_of_retiring_every_instruction(string elf, double minimumReplayed)
    {
        var off = Run(elf, replay: false, threshold: 16);
        var on = Run(elf, replay: true, threshold: 16);

        off.Machine.ReplayedInstructions.Should().Be(0);
        ((double)on.Machine.ReplayedInstructions).Should().BeGreaterThanOrEqualTo(minimumReplayed * on.Result.Instructions,
            "replay must carry most of a hot kernel's instructions where it applies");
        Same(on, off);
    }

    /// <summary>Interrupt-driven programs (SysTick, PendSV task switches, nested IRQs, faults, MPU) with a block
    /// compiled at every start on first sight, so replays start from many different states and meet timer events.</summary>
    [Theory]
    [InlineData("fpx-exc_systick.mps2.elf")]
    [InlineData("fpx-exc_pendsv.f746.elf")]
    [InlineData("fpx-exc_nested.mps2.elf")]
    [InlineData("fpx-exc_fault.f746.elf")]
    [InlineData("fpx-exc_mpu.mps2.elf")]
    [InlineData("fpx-exc_stkerr.f746.elf")]
    [InlineData("tests-dsp-O2.f746.elf")]
    [InlineData("tests-libc-Os.f746.elf")]
    public void Replay_on_first_sight_matches_the_interpreter(string elf)
    {
        var interpreted = Run(elf, replay: false, threshold: 0);
        var replayed = Run(elf, replay: true, threshold: 1);

        replayed.Machine.ReplayedInstructions.Should().BeGreaterThan(0);
        Same(replayed, interpreted);
    }

    /// <summary>
    /// A load whose address alternates between RAM and DWT_CYCCNT: the trace recorded from a RAM pass is
    /// replayed on a CYCCNT pass, whose device access first brings the model up to date (the bus's hook),
    /// so the count read is the one the interpreter reads.
    /// </summary>
    [Fact]
    public void A_device_access_during_a_replay_sees_the_cycles_of_the_instructions_before_it()
    {
        var interpreted = RunAlternatingLoad(replay: false, threshold: 0);
        var replayed = RunAlternatingLoad(replay: true, threshold: 1);
        replayed.ReplayedInstructions.Should().BeGreaterThan(0);
        replayed.Cpu.R[5].Should().Be(interpreted.Cpu.R[5], "sum of the values loaded, half of them CYCCNT");
        replayed.Cycles.Should().Be(interpreted.Cycles);
        replayed.TimingCounters.Should().BeEquivalentTo(interpreted.TimingCounters);
    }

    private static Machine RunAlternatingLoad(bool replay, int threshold)
    {
        // loop: adds r1,#1 ; adds r2,#2 ; adds r1,#3 ; adds r2,#4 ; adds r1,#5 ; adds r2,#6 ; ldr r0,[r7] ;
        //       adds r5,r5,r0 ; eors r7,r6 (RAM <-> CYCCNT) ; subs r3,#1 ; bne loop ; bkpt #0
        // (long enough to replay; the ALU work before the load makes the model's time move inside the block)
        var m = Execution.CompiledBlockTests.CodeInRam(TimingMode.CortexM7, threshold,
            0x3101, 0x3202, 0x3103, 0x3204, 0x3105, 0x3206, 0x6838, 0x182D, 0x4077, 0x3B01, 0xD1F4, 0xBE00);
        m.ReplayBlocks = replay;
        m.Bus.Write(0xE000_EDFC, 4, 1u << 24).Should().BeTrue();                        // DEMCR.TRCENA
        m.Bus.Write(0xE000_1FB0, 4, M7Sim.Memory.SystemControlSpace.CoreSightUnlockKey).Should().BeTrue();
        m.Bus.Write(0xE000_1000, 4, 1).Should().BeTrue();                               // DWT_CTRL.CYCCNTENA
        const uint ram = 0x2000_0100, cyccnt = 0xE000_1004;
        m.Bus.Write(ram, 4, 7).Should().BeTrue();
        m.Cpu.R[3] = 400;
        m.Cpu.R[6] = ram ^ cyccnt;
        m.Cpu.R[7] = ram;
        m.Run(100_000).Reason.Should().Be(StopReason.Breakpoint);
        return m;
    }

    /// <summary>
    /// Code in ITCM flash behind an ART of two lines, which data reads through ITCM share. The loop's load
    /// reads RAM three times, then flash: the RAM passes record and replay a trace; the flash pass starts
    /// from the same state and finds that trace, but its read fills an ART line and evicts the loop's
    /// second code line before the trace fetches it. With wait states the read's stall differs from the
    /// trace's and the replay leaves at it; with none the fill costs nothing, the stall matches, and the
    /// replay must stop after the read because a line it still fetches is gone. Either way the cycles and
    /// counters must be the interpreter's.
    /// </summary>
    [Theory]
    [InlineData(7u)]
    [InlineData(0u)]
    public void Replays_of_code_in_itcm_flash_match_the_interpreter_when_data_reads_thrash_the_art(uint waitStates)
    {
        var interpreted = RunItcmLoop(replay: false, threshold: 0, waitStates);
        var replayed = RunItcmLoop(replay: true, threshold: 1, waitStates);
        replayed.ReplayedInstructions.Should().BeGreaterThan(0);
        interpreted.TimingCounters!.ArtMisses.Should().BeGreaterThan(100, "the flash reads must evict code lines");
        if (waitStates == 0) replayed.ReplaysStoppedByArt.Should().BeGreaterThan(0, "a fill that costs no stall is found by checking the lines again");
        replayed.Cycles.Should().Be(interpreted.Cycles);
        replayed.Cpu.R[5].Should().Be(interpreted.Cpu.R[5]);
        replayed.TimingCounters.Should().BeEquivalentTo(interpreted.TimingCounters);
    }

    private static Machine RunItcmLoop(bool replay, int threshold, uint waitStates)
    {
        var board = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(ToolchainPaths.RepoRoot, "timing-models", "boards", "stm32f746-nucleo.json")))!;
        board["flash"]!["art"]!["lines"]!["value"] = 2;
        string path = Path.Combine(Path.GetTempPath(), $"m7sim-two-line-art-{Environment.ProcessId}-{replay}-{waitStates}.json");
        File.WriteAllText(path, board.ToJsonString());
        try
        {
            var m = new Machine(new MachineOptions { Board = path, Timing = TimingMode.CortexM7 });
            // 0x00201018 (ITCM flash, the end of ART line A): ldr r0,[r7] ; adds r5,r5,r0 ; eors r7,r6 ; mov r10,r6
            // 0x00201020 (line B): movs r1,#3 ; rotate the four XOR masks: mov r6,r8 ; mov r8,r9 ; mov r9,r11 ;
            //   mov r11,r10 ; muls r1,r1,r1 x 8 (a chain that starts in line B, so a late fetch of B delays it) ;
            //   adds r2,#2 ; subs r3,#1 ; bne 0x00201018 ; then bkpt #0
            ushort[] code = [0x6838, 0x182D, 0x4077, 0x46B2, 0x2103, 0x4646, 0x46C8, 0x46D9, 0x46D3, .. Enumerable.Repeat((ushort)0x4349, 8), 0x3202, 0x3B01, 0xD1EB, 0xBE00];
            const uint codeBase = 0x0020_1018, ramA = 0x2000_0100, ramB = 0x2000_0200, flashC = 0x0020_2000;
            m.WriteMemory(codeBase, code.SelectMany(BitConverter.GetBytes).ToArray()).Should().BeTrue();
            m.Bus.Write(0x4002_3C00, 4, 0x200 | waitStates).Should().BeTrue(); // FLASH_ACR: ARTEN, LATENCY
            m.Cpu.R[13] = m.Cpu.Msp = 0x2001_0000;
            m.Cpu.Pc = m.Cpu.NextPc = codeBase;
            m.Cpu.R[3] = 600;
            m.Cpu.R[7] = ramA;           // reads ramA, ramB, ramA, flashC, ramA, ...
            m.Cpu.R[6] = ramA ^ ramB;
            m.Cpu.R[8] = ramB ^ ramA;
            m.Cpu.R[9] = ramA ^ flashC;
            m.Cpu.R[11] = flashC ^ ramA;
            m.BlockThreshold = threshold;
            m.ReplayBlocks = replay;
            m.Run(100_000).Reason.Should().Be(StopReason.Breakpoint);
            return m;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Blocks whose last instruction branches back to their first run their loop themselves (LoopAgain), and
    /// an iteration after a whole replay starts from the trace's link instead of building its entry key
    /// (BeginReplayChained). Both must carry the kernels' loops (else the comparisons above would not test
    /// them) and leave every figure as retiring each instruction does.
    /// </summary>
    [Theory]
    [InlineData("cifar10_cnn.f746.elf")]
    [InlineData("ds_cnn_s.f746-itcm.elf")]
    public void Loop_blocks_run_their_iterations_and_follow_trace_links_exactly(string elf)
    {
        var on = Run(elf, replay: true, threshold: 16);
        var off = Run(elf, replay: false, threshold: 16);
        // Measured: cifar10 2.9% of its instructions are loop iterations begun in the block, 86% of them from a
        // link; ds_cnn_s on the ITCM placement 2.3% and 62%.
        ((double)on.Machine.LoopIterations).Should().BeGreaterThan(0.02 * on.Result.Instructions,
            "the kernels' inner loops are single blocks that branch back to their start");
        on.Machine.LinkedReplays.Should().BeGreaterThan(on.Machine.LoopIterations / 2);
        off.Machine.LoopIterations.Should().BeGreaterThan(0, "loop blocks go round themselves with replay off too");
        off.Machine.LinkedReplays.Should().Be(0);
        Same(on, off);
    }

    /// <summary>A run cut into slices under the model stops at exactly the requested instruction each time,
    /// although loop blocks go round inside one call, and the slices add up to the uninterrupted run.</summary>
    [Fact]
    public void Loop_blocks_stop_exactly_at_instruction_limits()
    {
        const string elf = "ds_cnn_s.f746.elf";
        var interpreted = Run(elf, replay: false, threshold: 0);
        var sliced = Load(elf, replay: true, threshold: 16, out var stdout);
        RunResult result;
        ulong before = 0, slices = 0;
        do
        {
            result = sliced.Run(9_973);
            if (result.Reason == StopReason.InstructionLimit)
            {
                sliced.Instructions.Should().Be(before + 9_973);
                slices++;
            }
            before = sliced.Instructions;
        }
        while (result.Reason == StopReason.InstructionLimit);

        slices.Should().Be((interpreted.Result.Instructions - 1) / 9_973, "every slice but the last stops at its limit");
        sliced.LoopIterations.Should().BeGreaterThan(0);
        Same(new RunOutcome(sliced, stdout.ToArray(), result), interpreted);
    }

    /// <summary>
    /// A loop whose last load feeds its first instruction across the branch back (a byte load, result two
    /// cycles later). Whole replays of the loop leave the scoreboard rows they write pending until something
    /// reads them; a run cut into slices (0: not cut), which leaves the loop block with up to an iteration
    /// to go and then stops between or inside iterations, must still see them: the next instruction to
    /// retire normally, or the next entry key, reads the load's row, and a stale one misses the stall.
    /// </summary>
    [Theory]
    [InlineData(0u)]
    [InlineData(100u)]
    [InlineData(136u)]
    [InlineData(77u)]
    public void Loop_blocks_leave_their_scoreboard_whole_when_a_run_stops_between_iterations(uint slice)
    {
        var interpreted = RunLoadUseLoop(replay: false, threshold: 0, slice: 0);
        var sliced = RunLoadUseLoop(replay: true, threshold: 1, slice);
        sliced.ReplayedInstructions.Should().BeGreaterThan(0);
        interpreted.TimingCounters!.StallCycles[(int)StallCause.LoadUse].Should().BeGreaterThan(0, "the loop's first instruction waits for the load before the branch back");
        sliced.Cycles.Should().Be(interpreted.Cycles);
        sliced.Cpu.R[5].Should().Be(interpreted.Cpu.R[5]);
        sliced.TimingCounters.Should().BeEquivalentTo(interpreted.TimingCounters);
    }

    private static Machine RunLoadUseLoop(bool replay, int threshold, uint slice)
    {
        // loop: adds r5,r5,r0 ; adds r1,#1 ; adds r2,#2 ; adds r1,#3 ; adds r2,#4 ; subs r3,#1 ; ldrb r0,[r7] ;
        //       bne loop ; bkpt #0
        var m = Execution.CompiledBlockTests.CodeInRam(TimingMode.CortexM7, threshold,
            0x182D, 0x3101, 0x3202, 0x3103, 0x3204, 0x3B01, 0x7838, 0xD1F7, 0xBE00);
        m.ReplayBlocks = replay;
        m.Bus.Write(0x2000_0100, 1, 3).Should().BeTrue();
        m.Cpu.R[3] = 500;
        m.Cpu.R[7] = 0x2000_0100;
        RunResult r;
        do r = m.Run(slice == 0 ? 100_000 : slice);
        while (r.Reason == StopReason.InstructionLimit && slice != 0);
        r.Reason.Should().Be(StopReason.Breakpoint);
        return m;
    }

    /// <summary>Targets of the direct branches a loop block may end with (Armv7-M ARM A7.7.12 B, encodings T1-T4),
    /// with the targets the GNU disassembler prints for these halfwords in the committed kernels.</summary>
    [Theory]
    [InlineData(0xD1C7u, 2, 0x0800225Au, 0x080021ECu)]       // bne.n, backward
    [InlineData(0xE7CFu, 2, 0x0800011Eu, 0x080000C0u)]       // b.n, backward
    [InlineData(0xE001u, 2, 0x080003EAu, 0x080003F0u)]       // b.n, forward
    [InlineData(0xF3408367u, 4, 0x080006C0u, 0x08000D92u)]   // ble.w, forward
    [InlineData(0xF73FADE5u, 4, 0x08000B66u, 0x08000734u)]   // bgt.w, backward
    [InlineData(0xF000B885u, 4, 0x08000096u, 0x080001A4u)]   // b.w, forward
    [InlineData(0xF7FFBB68u, 4, 0x08002342u, 0x08001A16u)]   // b.w, backward
    public void Loop_blocks_find_the_targets_of_direct_branches(uint raw, int size, uint at, uint target) =>
        BlockCompiler.BranchTarget(raw, size, at).Should().Be(target);

    /// <summary>The same program twice in one process: traces are per machine, and the figures repeat exactly.</summary>
    [Fact]
    public void Replayed_runs_are_deterministic()
    {
        var first = Run("ds_cnn_v2.f746.elf", replay: true, threshold: 16);
        var second = Run("ds_cnn_v2.f746.elf", replay: true, threshold: 16);
        second.Result.Cycles.Should().Be(first.Result.Cycles);
        second.Machine.ReplayedInstructions.Should().Be(first.Machine.ReplayedInstructions);
        second.Machine.TimingCounters.Should().BeEquivalentTo(first.Machine.TimingCounters);
    }

    private static RunOutcome Run(string elf, bool replay, int threshold)
    {
        var m = Load(elf, replay, threshold, out var stdout);
        var result = m.Run(WorkloadRun.InstructionLimit);
        return new RunOutcome(m, stdout.ToArray(), result);
    }

    private static Machine Load(string elf, bool replay, int threshold, out MemoryStream stdout)
    {
        stdout = new MemoryStream();
        string variant = elf.Split('.')[1];
        var m = Machine.Load(Path.Combine(ToolchainPaths.KernelsBuild, elf), new MachineOptions
        {
            Board = WorkloadPrograms.BoardFor(variant),
            Stdout = stdout,
            Timing = TimingMode.CortexM7,
        });
        m.BlockThreshold = threshold;
        m.ReplayBlocks = replay;
        return m;
    }

    private static void Same(RunOutcome actual, RunOutcome expected)
    {
        actual.ShouldMatch(expected);
        actual.Machine.TimingCounters.Should().BeEquivalentTo(expected.Machine.TimingCounters);
    }
}
