using FluentAssertions;
using M7Sim.Simulation;
using M7Sim.Tests.TestSupport;
using Xunit;

namespace M7Sim.Tests.Execution;

/// <summary>
/// Shared helpers of the data-processing tests, and the rules every data-processing group follows.
/// Flags are written as four letters N Z C V: upper case = set, lower case = clear ("nZCv").
/// </summary>
public class DataProcessingTests
{
    /// <summary>ITSTATE of "IT AL" (one instruction, the last of its block).</summary>
    internal const uint ItAlOne = 0xE8;
    /// <summary>ITSTATE of "ITT AL" at its first instruction (in the block, not the last).</summary>
    internal const uint ItAlFirstOfTwo = 0xE4;

    internal static TestCpu WithFlags(TestCpu t, string nzcv)
    {
        nzcv.Should().HaveLength(4);
        return t.Flags(n: nzcv[0] == 'N', z: nzcv[1] == 'Z', c: nzcv[2] == 'C', v: nzcv[3] == 'V');
    }

    internal static string FlagsOf(TestCpu t) =>
        $"{(t.Cpu.N ? 'N' : 'n')}{(t.Cpu.Z ? 'Z' : 'z')}{(t.Cpu.C ? 'C' : 'c')}{(t.Cpu.V ? 'V' : 'v')}";

    /// <summary>Runs one instruction and checks it retired normally (no fault, no stop).</summary>
    internal static TestCpu RunOne(TestCpu t)
    {
        t.Run(1);
        t.Result.Reason.Should().Be(StopReason.InstructionLimit, t.Result.Message);
        return t;
    }

    /// <summary>Runs one instruction and checks it raised UsageFault UNDEFINSTR (unhandled here: the run stops with Fault).</summary>
    internal static void ShouldFault(TestCpu t)
    {
        t.Run(1);
        t.Result.Reason.Should().Be(StopReason.Fault);
        t.Result.Message.Should().Contain("UNDEFINSTR");
    }

    [Theory]
    [InlineData(0x1888u)] // adds r0, r1, r2
    [InlineData(0x2000u)] // movs r0, #0
    [InlineData(0x0050u)] // lsls r0, r2, #1
    [InlineData(0x4010u)] // ands r0, r2
    [InlineData(0x4250u)] // rsbs r0, r2, #0
    [InlineData(0x4090u)] // lsls r0, r2
    [InlineData(0x43D0u)] // mvns r0, r2
    public void Sixteen_bit_data_processing_leaves_flags_alone_inside_an_IT_block(uint encoding)
    {
        var t = WithFlags(TestCpu.WithCode(encoding).Reg(0, 5).Reg(1, 0x7FFF_FFFF).Reg(2, 0x8000_0001), "nzCV");
        t.Cpu.ItState = ItAlOne;
        RunOne(t);
        FlagsOf(t).Should().Be("nzCV");
        t.Cpu.ItState.Should().Be(0u);
    }

    [Fact]
    public void Adds_inside_an_IT_block_still_writes_its_result()
    {
        var t = TestCpu.WithCode(0x1888 /* adds r0, r1, r2 */).Reg(1, 0xFFFF_FFFF).Reg(2, 1);
        t.Cpu.ItState = ItAlOne;
        RunOne(t);
        t[0].Should().Be(0u);
        FlagsOf(t).Should().Be("nzcv");
    }

    [Fact]
    public void Compare_inside_an_IT_block_sets_flags()
    {
        var t = TestCpu.WithCode(0x4291 /* cmp r1, r2 */).Reg(1, 1).Reg(2, 1);
        t.Cpu.ItState = ItAlOne;
        RunOne(t);
        FlagsOf(t).Should().Be("nZCv");
    }

    [Fact]
    public void Adcs_inside_an_IT_block_consumes_carry_without_setting_it()
    {
        var t = WithFlags(TestCpu.WithCode(0x4151 /* adcs r1, r2 */).Reg(1, 0xFFFF_FFFF).Reg(2, 0), "nzCv");
        t.Cpu.ItState = ItAlOne;
        RunOne(t);
        t[1].Should().Be(0u);
        FlagsOf(t).Should().Be("nzCv");
    }

    [Fact]
    public void A_failed_IT_condition_skips_the_instruction()
    {
        var t = TestCpu.WithCode(0x1888 /* adds r0, r1, r2 */).Reg(0, 7).Reg(1, 1).Reg(2, 1);
        t.Cpu.ItState = 0x08; // IT EQ with Z clear
        RunOne(t);
        t[0].Should().Be(7u);
    }

    [Fact]
    public void Adds_encoding_in_a_real_IT_block_adds_without_setting_flags()
    {
        var t = WithFlags(TestCpu.WithCode(0xBF08 /* it eq */, 0x1888 /* addeq r0, r1, r2 */).Reg(1, 0xFFFF_FFFF).Reg(2, 1).Reg(0, 7), "nZcv");
        t.Run(2);
        t.Result.Reason.Should().Be(StopReason.InstructionLimit, t.Result.Message);
        t[0].Should().Be(0u);
        FlagsOf(t).Should().Be("nZcv"); // outside IT it would have set C
    }

    [Fact]
    public void Then_and_else_halves_of_an_IT_block_run_by_condition()
    {
        var t = WithFlags(TestCpu.WithCode(0xBF0C /* ite eq */, 0x0048 /* lsleq r0, r1, #1 */, 0x0848 /* lsrne r0, r1, #1 */).Reg(1, 0x8000_0001), "nZcv");
        t.Run(3);
        t.Result.Reason.Should().Be(StopReason.InstructionLimit, t.Result.Message);
        t[0].Should().Be(2u);
        FlagsOf(t).Should().Be("nZcv");
    }

    [Fact]
    public void Only_the_compare_in_an_IT_block_changes_flags()
    {
        var t = WithFlags(TestCpu.WithCode(0xBF02 /* ittt eq */, 0x2300 /* moveq r3, #0 */, 0x401B /* andeq r3, r3 */, 0x2B01 /* cmpeq r3, #1 */).Reg(3, 5), "nZCv");
        t.Run(4);
        t.Result.Reason.Should().Be(StopReason.InstructionLimit, t.Result.Message);
        t[3].Should().Be(0u);
        FlagsOf(t).Should().Be("Nzcv");
    }

    [Fact]
    public void Mov_pc_may_end_a_real_IT_block()
    {
        var t = TestCpu.WithCode(0xBF18 /* it ne */, 0x468F /* movne pc, r1 */).Reg(1, 0x2001);
        t.Run(2);
        t.Result.Reason.Should().Be(StopReason.InstructionLimit, t.Result.Message);
        t.Cpu.Pc.Should().Be(0x2000u);
    }
}
