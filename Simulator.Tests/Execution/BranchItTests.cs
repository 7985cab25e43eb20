using FluentAssertions;
using M7Sim.Simulation;
using M7Sim.Tests.TestSupport;
using Xunit;

namespace M7Sim.Tests.Execution;

/// <summary>IT blocks (A7.7.38) and the IT-related UNPREDICTABLE rules of branches and PC loads.</summary>
public class BranchItTests
{
    private const uint Code = TestCpu.CodeBase;
    private const uint Data = TestCpu.DataBase;

    private static readonly uint[] IttePrograms =
    [
        0xBF06, /* itte eq */
        0x6811, /* ldreq r1, [r2] */
        0x6813, /* ldreq r3, [r2] */
        0x6814, /* ldrne r4, [r2] */
    ];

    [Theory]
    [InlineData(true, 0x5Au, 0x5Au, 0u)]
    [InlineData(false, 0u, 0u, 0x5Au)]
    public void Itte_runs_then_and_else_instructions_by_the_condition(bool z, uint r1, uint r3, uint r4)
    {
        var t = TestCpu.WithCode(IttePrograms).Word(Data, 0x5A).Reg(2, Data).Flags(z: z).Run();
        t[1].Should().Be(r1);
        t[3].Should().Be(r3);
        t[4].Should().Be(r4);
        t.Cpu.ItState.Should().Be(0u, "the block is over");
        t.Cpu.Pc.Should().Be(Code + 8);
    }

    [Fact]
    public void It_sets_ITSTATE_to_firstcond_and_mask()
    {
        var t = TestCpu.WithCode(IttePrograms).Word(Data, 0x5A).Reg(2, Data).Run(1);
        t.Cpu.ItState.Should().Be(0x06u);
    }

    [Fact]
    public void Skipped_instructions_in_an_IT_block_still_advance_it()
    {
        var t = TestCpu.WithCode(IttePrograms).Word(Data, 0x5A).Reg(2, Data).Flags(z: false).Run(2);
        t[1].Should().Be(0u);
        t.Cpu.ItState.Should().Be(0x0Cu, "ITAdvance of 0x06: IT[4:0] shifted left = 0b01100");
    }

    [Fact]
    public void Flags_written_inside_the_block_steer_the_later_instructions()
    {
        // ITTE EQ; msreq APSR_nzcvq, r0 (clears Z); ldreq r3 (now fails); ldrne r4 (now passes).
        var t = TestCpu.WithCode(0xBF06, 0xF380_8800 /* msr APSR_nzcvq, r0 */, 0x6813, 0x6814)
            .Word(Data, 0x77).Reg(2, Data).Reg(0, 0).Flags(z: true).Run();
        t[3].Should().Be(0u);
        t[4].Should().Be(0x77u);
    }

    [Theory]
    [InlineData(false, Code + 2 + 4 + 4)]
    [InlineData(true, Code + 4)]
    public void A_branch_may_end_an_IT_block(bool z, uint expected)
    {
        var t = TestCpu.WithCode(0xBF18 /* it ne */, 0xE002 /* bne.n .+8 (T2 under IT) */).Flags(z: z).Run();
        t.Cpu.Pc.Should().Be(expected);
    }

    [Fact]
    public void Bx_as_the_last_instruction_of_an_IT_block_returns()
    {
        var t = TestCpu.WithCode(0xBF08 /* it eq */, 0x4770 /* bxeq lr */).Reg(14, 0x3001).Flags(z: true).Run();
        t.Cpu.Pc.Should().Be(0x3000u);
    }

    [Theory]
    [InlineData(0xE002u /* b.n: not last in ITT */)]
    [InlineData(0x4770u /* bx lr: not last in ITT */)]
    [InlineData(0xBF08u /* it eq inside an IT block */)]
    [InlineData(0xB11Au /* cbz is never allowed in an IT block */)]
    public void Branches_and_IT_inside_an_IT_block_that_are_not_last_are_UNPREDICTABLE(uint encoding)
    {
        var t = TestCpu.WithCode(0xBF04 /* itt eq */, encoding, 0xBF00).Reg(14, 0x3001).Flags(z: true).Run();
        t.Result.Reason.Should().Be(StopReason.Fault);
        t.Result.Message.Should().Contain("UNDEFINSTR");
        t.Cpu.Pc.Should().Be(Code + 2);
    }

    [Fact]
    public void Conditional_branch_T1_inside_an_IT_block_is_UNPREDICTABLE()
    {
        var t = TestCpu.WithCode(0xBF08 /* it eq */, 0xD002 /* beq.n */).Flags(z: true).Run();
        t.Result.Reason.Should().Be(StopReason.Fault);
        t.Result.Message.Should().Contain("UNDEFINSTR");
    }

    [Fact]
    public void Ldr_pc_not_last_in_an_IT_block_is_UNPREDICTABLE()
    {
        var t = TestCpu.WithCode(0xBF04 /* itt eq */, 0xF8D0_F004 /* ldr.w pc, [r0, #4] */, 0xBF00)
            .Word(Data + 4, 0x2001).Reg(0, Data).Flags(z: true).Run();
        t.Result.Reason.Should().Be(StopReason.Fault);
        t.Result.Message.Should().Contain("UNDEFINSTR");
    }

    [Fact]
    public void Pop_pc_as_the_last_instruction_of_an_IT_block_returns()
    {
        var t = TestCpu.WithCode(0xBF08 /* it eq */, 0xBD00 /* popeq {pc} */).Word(Data, 0x2001).Reg(13, Data).Flags(z: true).Run();
        t.Cpu.Pc.Should().Be(0x2000u);
        t[13].Should().Be(Data + 4);
    }

    [Theory]
    [InlineData(0xBFF8u /* it with firstcond 1111 */)]
    [InlineData(0xBFECu /* ite al: AL with more than one instruction */)]
    public void Invalid_IT_conditions_are_UNPREDICTABLE(uint encoding)
    {
        var t = TestCpu.WithCode(encoding, 0xBF00, 0xBF00).Run();
        t.Result.Reason.Should().Be(StopReason.Fault);
        t.Result.Message.Should().Contain("UNDEFINSTR");
    }

    [Fact]
    public void It_al_with_one_instruction_always_executes_it()
    {
        var t = TestCpu.WithCode(0xBFE8 /* it al */, 0x6811 /* ldr r1, [r2] */).Word(Data, 9).Reg(2, Data).Flags(z: false).Run();
        t[1].Should().Be(9u);
    }

    [Fact]
    public void Sixteen_bit_data_processing_inside_an_IT_block_leaves_the_flags_alone()
    {
        // itte eq; add r1, #1; mov r2, #0; addne r3, #1: outside IT these encodings are ADDS/MOVS.
        var t = TestCpu.WithCode(0xBF06, 0x3101, 0x2200, 0x3301)
            .Reg(1, 0xFFFF_FFFF).Reg(2, 5).Reg(3, 7).Flags(n: true, z: true).Run();
        t[1].Should().Be(0u);
        t[2].Should().Be(0u);
        t[3].Should().Be(7u);
        t.Cpu.N.Should().BeTrue("ADD inside IT does not set flags");
        t.Cpu.Z.Should().BeTrue();
        t.Cpu.C.Should().BeFalse("0xFFFFFFFF + 1 would have set C outside IT");
    }

    [Fact]
    public void The_same_encoding_outside_an_IT_block_sets_the_flags()
    {
        var t = TestCpu.WithCode(0x3101 /* adds r1, #1 */).Reg(1, 0xFFFF_FFFF).Run();
        t[1].Should().Be(0u);
        t.Cpu.Z.Should().BeTrue();
        t.Cpu.C.Should().BeTrue();
    }

    [Theory]
    [InlineData(5u, 5u, 1u, 0u)] // cmp sets Z: addeq runs, addne skipped
    [InlineData(5u, 6u, 0u, 1u)] // cmp clears Z: addeq skipped, addne runs
    public void Cmp_inside_an_IT_block_sets_flags_for_the_rest_of_the_block(uint r0, uint r1, uint r2, uint r3)
    {
        // itte eq; cmpeq r0, r1; addeq r2, #1; addne r3, #1
        var t = TestCpu.WithCode(0xBF06, 0x4288, 0x3201, 0x3301).Reg(0, r0).Reg(1, r1).Flags(z: true).Run();
        t[2].Should().Be(r2);
        t[3].Should().Be(r3);
    }

    [Theory]
    [InlineData(true, 2u, 0u)]
    [InlineData(false, 0u, 2u)]
    public void Ittee_runs_exactly_the_then_or_the_else_pair(bool c, uint r1, uint r2)
    {
        // ittee cs; addcs r1, #1; addcs r1, #1; addcc r2, #1; addcc r2, #1
        var t = TestCpu.WithCode(0xBF27, 0x3101, 0x3101, 0x3201, 0x3201).Flags(c: c).Run();
        t[1].Should().Be(r1);
        t[2].Should().Be(r2);
        t.Cpu.ItState.Should().Be(0u);
    }
}
