using FluentAssertions;
using M7Sim.Simulation;
using M7Sim.Tests.TestSupport;
using M7Sim.Tests.Workloads;
using M7Sim.Timing;
using Xunit;

namespace M7Sim.Tests.Execution;

/// <summary>
/// Compiled straight-line blocks (Simulation/BlockCompiler.cs) against the interpreter they replace:
/// the same firmware run both ways must print the same bytes, stop the same way after the same number of
/// instructions and cycles, and leave the same registers. Each run also has to have retired instructions
/// in blocks, so a change that stops blocks from running fails here instead of passing vacuously.
/// </summary>
public sealed class CompiledBlockTests
{
    /// <summary>Every committed ELF but the long speed benchmark: C test programs, FP and exception programs
    /// (SysTick, SVC, PendSV, nested interrupts, faults, MPU), networks and operator benchmarks.</summary>
    public static TheoryData<string> Programs()
    {
        var data = new TheoryData<string>();
        foreach (string path in Directory.GetFiles(ToolchainPaths.KernelsBuild, "*.elf").OrderBy(p => p, StringComparer.Ordinal))
        {
            string name = Path.GetFileName(path);
            if (name.StartsWith("bench_long.", StringComparison.Ordinal)) continue;
            data.Add(name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void Blocks_run_firmware_exactly_as_the_interpreter(string elf)
    {
        var interpreted = Run(elf, threshold: 0);
        var compiled = Run(elf, threshold: 16);

        interpreted.Machine.BlockInstructions.Should().Be(0);
        compiled.Machine.BlockInstructions.Should().BeGreaterThan(0, "blocks must actually run");
        Same(compiled, interpreted);
    }

    /// <summary>Under the Cortex-M7 model a block retires each instruction into the model as the run loop
    /// does: the cycles and every counter of the model must come out the same.</summary>
    [Theory]
    [MemberData(nameof(Programs))]
    public void Blocks_under_the_cycle_model_give_the_same_cycles_and_counters(string elf)
    {
        var interpreted = Run(elf, threshold: 0, TimingMode.CortexM7);
        var compiled = Run(elf, threshold: 16, TimingMode.CortexM7);

        compiled.Machine.BlockInstructions.Should().BeGreaterThan(0, "blocks must actually run");
        Same(compiled, interpreted);
        compiled.Machine.TimingCounters.Should().BeEquivalentTo(interpreted.Machine.TimingCounters);
    }

    /// <summary>Programs small enough to compile a block at every instruction that starts one, on first sight.</summary>
    [Theory]
    [InlineData("hello.mps2.elf")]
    [InlineData("tests-control-O0.mps2.elf")]
    [InlineData("tests-dsp-O2.f746.elf")]
    [InlineData("tests-random-03.mps2.elf")]
    [InlineData("fpx-exc_systick.mps2.elf")]
    [InlineData("fpx-exc_pendsv.f746.elf")]
    [InlineData("fpx-exc_nested.mps2.elf")]
    [InlineData("fpx-exc_fault.f746.elf")]
    [InlineData("fpx-exc_mpu.mps2.elf")]
    public void Blocks_compiled_on_first_sight_match_the_interpreter(string elf)
    {
        var interpreted = Run(elf, threshold: 0);
        var compiled = Run(elf, threshold: 1);

        compiled.Machine.BlocksCompiled.Should().BeGreaterThan(10);
        Same(compiled, interpreted);
    }

    /// <summary>A run cut into slices stops at exactly the requested instruction each time: blocks are
    /// not entered close to the limit, so the slices add up to the uninterrupted run.</summary>
    [Fact]
    public void Instruction_limits_are_exact_with_blocks()
    {
        const string elf = "tests-arith-O2.f746.elf";
        var whole = Run(elf, threshold: 1);

        var sliced = Load(elf, threshold: 1, out var stdout);
        RunResult result;
        ulong before = 0;
        do
        {
            result = sliced.Run(997);
            if (result.Reason == StopReason.InstructionLimit) sliced.Instructions.Should().Be(before + 997);
            before = sliced.Instructions;
        }
        while (result.Reason == StopReason.InstructionLimit);

        sliced.BlockInstructions.Should().BeGreaterThan(0);
        Same(new RunOutcome(sliced, stdout.ToArray(), result), whole);
    }

    /// <summary>
    /// Code in RAM that rewrites the instruction after the store, inside what is one compiled block: the
    /// rewritten instruction runs, as it does in the interpreter (a write to decoded code drops it and
    /// leaves the block).
    /// </summary>
    [Theory]
    [InlineData(0, TimingMode.None)]
    [InlineData(1, TimingMode.None)]
    [InlineData(0, TimingMode.CortexM7)]
    [InlineData(1, TimingMode.CortexM7)]
    public void A_store_into_the_running_block_leaves_it_and_the_new_code_runs(int threshold, TimingMode timing)
    {
        // loop: movs r0,#1 ; strh r2,[r1] ; patched: movs r0,#3 ; adds r3,r3,r0 ; adds r1,r1,r6 ;
        //       subs r4,#1 ; bne loop ; bkpt #0
        // r1 walks up in steps of 16 and reaches 'patched' on pass 100, writing movs r0,#5 over it.
        var m = CodeInRam(timing, threshold, 0x2001, 0x800A, 0x2003, 0x181B, 0x1989, 0x3C01, 0xD1F8, 0xBE00);
        m.Cpu.R[1] = CodeBase + 4 - 16 * 100;
        m.Cpu.R[2] = 0x2005;
        m.Cpu.R[4] = 300;
        m.Cpu.R[6] = 16;

        var result = m.Run(100_000);

        result.Reason.Should().Be(StopReason.Breakpoint, result.Message);
        m.Cpu.R[3].Should().Be(100u * 3 + 200u * 5, "the pass that rewrites the instruction runs the new one");
        if (threshold != 0) m.BlockInstructions.Should().BeGreaterThan(0);
    }

    /// <summary>
    /// Loads of DWT_CYCCNT and SYST_CVR inside a block see the cycles of the instructions before them, as
    /// in the interpreter (the cycle count is brought up to date before every instruction that can read it).
    /// </summary>
    [Theory]
    [InlineData(TimingMode.None)]
    [InlineData(TimingMode.CortexM7)]
    public void Cycle_counters_read_inside_a_block_match_the_interpreter(TimingMode timing)
    {
        var interpreted = RunCounterLoop(timing, threshold: 0);
        var compiled = RunCounterLoop(timing, threshold: 1);
        compiled.BlockInstructions.Should().BeGreaterThan(0);
        compiled.Cpu.R[5].Should().Be(interpreted.Cpu.R[5], "sum of CYCCNT reads");
        compiled.Cpu.R[4].Should().Be(interpreted.Cpu.R[4], "sum of SYST_CVR reads");
        interpreted.Cpu.R[5].Should().NotBe(0u);
    }

    private static Machine RunCounterLoop(TimingMode timing, int threshold)
    {
        // loop: adds r1,#1 ; adds r2,#2 ; ldr r0,[r7] (CYCCNT) ; adds r5,r5,r0 ; ldr r0,[r6] (SYST_CVR) ;
        //       adds r4,r4,r0 ; subs r3,#1 ; bne loop ; bkpt #0
        var m = CodeInRam(timing, threshold, 0x3101, 0x3202, 0x6838, 0x182D, 0x6830, 0x1824, 0x3B01, 0xD1F7, 0xBE00);
        m.Bus.Write(0xE000_EDFC, 4, 1u << 24).Should().BeTrue();                        // DEMCR.TRCENA
        m.Bus.Write(0xE000_1FB0, 4, M7Sim.Memory.SystemControlSpace.CoreSightUnlockKey).Should().BeTrue();
        m.Bus.Write(0xE000_1000, 4, 1).Should().BeTrue();                               // DWT_CTRL.CYCCNTENA
        m.Bus.Write(0xE000_E014, 4, 0x00FF_FFFF).Should().BeTrue();                     // SYST_RVR
        m.Bus.Write(0xE000_E010, 4, 5).Should().BeTrue();                               // SYST_CSR: enable, core clock
        m.Cpu.R[3] = 300;
        m.Cpu.R[6] = 0xE000_E018;
        m.Cpu.R[7] = 0xE000_1004;
        m.Run(100_000).Reason.Should().Be(StopReason.Breakpoint);
        return m;
    }

    internal const uint CodeBase = 0x0000_1000;

    /// <summary>An mps2-an500 machine running the 16-bit <paramref name="code"/> from RAM at <see cref="CodeBase"/>.</summary>
    internal static Machine CodeInRam(TimingMode timing, int threshold, params ushort[] code)
    {
        var m = new Machine(new MachineOptions { Board = "mps2-an500", Timing = timing });
        m.WriteMemory(CodeBase, code.SelectMany(BitConverter.GetBytes).ToArray());
        m.Cpu.R[13] = m.Cpu.Msp = 0x2010_0000;
        m.Cpu.Pc = m.Cpu.NextPc = CodeBase;
        m.BlockThreshold = threshold;
        return m;
    }

    /// <summary>Blocks call every handler of the instruction table directly (which lets the JIT inline the
    /// small ones), not through its pointer.</summary>
    [Fact]
    public unsafe void Every_table_handler_is_called_directly()
    {
        var indirect = M7Sim.Decoding.Decoder.Instance.Rows.Where(r => !BlockCompiler.CallsDirectly((nint)r.Exec)).Select(r => r.Name).ToList();
        indirect.Should().BeEmpty();
    }

    /// <summary>The handlers of CMSIS-NN's int8 MAC loops and the immediate-offset loads and stores run in blocks in
    /// their specialised forms, with their decoded fields as constants (BlockCompiler.Specialised.cs); the comparisons
    /// with the interpreter above run them.</summary>
    [Fact]
    public unsafe void The_mac_loop_handlers_run_specialised_in_blocks()
    {
        string[] rows = ["SmladT1", "SmuadT1", "Sxtb16T1", "PkhbtT1", "PkhtbT1", "AddImmT1", "AddImmT3", "SubImmT2", "AddSpImmT1", "LdrImmT1", "LdrbImmT1", "StrImmT1"];
        var table = M7Sim.Decoding.Decoder.Instance.Rows.ToDictionary(r => r.Name);
        rows.Where(r => !BlockCompiler.Specialises((nint)table[r].Exec)).Should().BeEmpty();
        BlockCompiler.Specialises((nint)table["LdrRegT1"].Exec).Should().BeFalse("only handlers with an Of form are");
    }

    private static Machine Load(string elf, int threshold, out MemoryStream stdout, TimingMode timing = TimingMode.None)
    {
        stdout = new MemoryStream();
        string variant = elf.Split('.')[1];
        var m = Machine.Load(Path.Combine(ToolchainPaths.KernelsBuild, elf), new MachineOptions
        {
            Board = WorkloadPrograms.BoardFor(variant),
            Stdout = stdout,
            Timing = timing,
        });
        m.BlockThreshold = threshold;
        return m;
    }

    private static RunOutcome Run(string elf, int threshold, TimingMode timing = TimingMode.None)
    {
        var m = Load(elf, threshold, out var stdout, timing);
        var result = m.Run(WorkloadRun.InstructionLimit);
        return new RunOutcome(m, stdout.ToArray(), result);
    }

    private static void Same(RunOutcome actual, RunOutcome expected) => actual.ShouldMatch(expected);
}
