using FluentAssertions;
using M7Sim.Tests.TestSupport;
using Xunit;
using static M7Sim.Tests.Execution.DataProcessingTests;

namespace M7Sim.Tests.Execution;

/// <summary>A5.3.3 data processing (plain binary immediate): ADDW/SUBW, ADR, MOVW/MOVT, SSAT/USAT, SBFX/UBFX, BFI/BFC.</summary>
public class DataProcessingPlainImmediateTests
{
    [Theory]
    [InlineData(0xF601_70FFu, 1, 0xFFFF_F001u, 0x0000_0000u)] // addw r0, r1, #4095
    [InlineData(0xF20D_1023u, 13, 0x2000_0000u, 0x2000_0123u)] // addw r0, sp, #291
    [InlineData(0xF2A1_0001u, 1, 0x0000_0000u, 0xFFFF_FFFFu)] // subw r0, r1, #1
    public void Wide_add_and_subtract_never_set_flags(uint encoding, int rn, uint rnValue, uint expected)
    {
        var t = RunOne(WithFlags(TestCpu.WithCode(encoding).Reg(rn, rnValue), "nzcv"));
        t[0].Should().Be(expected);
        FlagsOf(t).Should().Be("nzcv");
    }

    [Fact]
    public void Subw_sp_adjusts_the_stack_pointer()
    {
        var t = RunOne(TestCpu.WithCode(0xF2AD_0D10 /* subw sp, sp, #16 */).Reg(13, 0x2010_0000));
        t[13].Should().Be(0x200F_FFF0u);
    }

    [Theory]
    [InlineData(0xF20F_1000u, TestCpu.CodeBase + 4 + 0x100)] // adr.w r0, . + 0x104 (addw r0, pc, #256)
    [InlineData(0xF2AF_1004u, TestCpu.CodeBase + 4 - 0x104)] // adr.w r0, . - 0x100 (subw r0, pc, #260)
    public void Wide_adr_adds_or_subtracts_from_the_aligned_pc(uint encoding, uint expected) =>
        RunOne(TestCpu.WithCode(encoding))[0].Should().Be(expected);

    [Fact]
    public void Wide_adr_at_a_halfword_address_uses_the_word_aligned_pc()
    {
        var t = TestCpu.WithCode(0x2000 /* movs r0, #0 */, 0xF20F_1000 /* addw r0, pc, #256 */);
        t.Run(2);
        t[0].Should().Be(TestCpu.CodeBase + 4 + 0x100); // PC = 0x1006 aligned down to 0x1004
    }

    [Fact]
    public void Movw_then_movt_builds_a_32_bit_constant()
    {
        var t = WithFlags(TestCpu.WithCode(0xF64B_60EF /* movw r0, #0xbeef */, 0xF6CD_60AD /* movt r0, #0xdead */).Reg(0, 0x1234_5678), "nZcv");
        RunOne(t)[0].Should().Be(0x0000_BEEFu);
        RunOne(t)[0].Should().Be(0xDEAD_BEEFu);
        FlagsOf(t).Should().Be("nZcv");
    }

    // (encoding, r1, Q before, expected r0, Q after)
    [Theory]
    [InlineData(0xF301_0007u, 200u, false, 127u, true)] // ssat r0, #8, r1
    [InlineData(0xF301_0007u, 0xFFFF_FF7Fu, false, 0xFFFF_FF80u, true)] // ssat r0, #8, r1 (-129)
    [InlineData(0xF301_0007u, 0xFFFF_FF80u, false, 0xFFFF_FF80u, false)] // ssat r0, #8, r1 (-128 fits)
    [InlineData(0xF301_0007u, 100u, true, 100u, true)] // ssat r0, #8, r1 (Q is sticky, never cleared)
    [InlineData(0xF301_0000u, 1u, false, 0u, true)] // ssat r0, #1, r1
    [InlineData(0xF301_0000u, 0xFFFF_FFFFu, false, 0xFFFF_FFFFu, false)] // ssat r0, #1, r1
    [InlineData(0xF321_70DFu, 0x8000_0000u, false, 0xFFFF_FFFFu, false)] // ssat r0, #32, r1, asr #31
    [InlineData(0xF301_100Fu, 0x0000_1000u, false, 0x0000_7FFFu, true)] // ssat r0, #16, r1, lsl #4
    [InlineData(0xF301_100Fu, 0x0FFF_F800u, false, 0xFFFF_8000u, false)] // ssat r0, #16, r1, lsl #4
    [InlineData(0xF301_100Fu, 0x1000_0000u, false, 0x0000_0000u, false)] // ssat r0, #16, r1, lsl #4 (shifted out first)
    [InlineData(0xF381_0008u, 300u, false, 255u, true)] // usat r0, #8, r1
    [InlineData(0xF381_0008u, 0xFFFF_FFFFu, false, 0u, true)] // usat r0, #8, r1
    [InlineData(0xF381_0008u, 255u, false, 255u, false)] // usat r0, #8, r1
    [InlineData(0xF381_0000u, 1u, false, 0u, true)] // usat r0, #0, r1
    [InlineData(0xF381_0000u, 0u, false, 0u, false)] // usat r0, #0, r1
    [InlineData(0xF3A1_005Fu, 0xFFFF_FFFFu, false, 0u, true)] // usat r0, #31, r1, asr #1
    [InlineData(0xF3A1_005Fu, 0x7FFF_FFFFu, false, 0x3FFF_FFFFu, false)] // usat r0, #31, r1, asr #1
    [InlineData(0xF381_70D0u, 1u, false, 0u, true)] // usat r0, #16, r1, lsl #31
    public void Saturation_clamps_and_sets_Q(uint encoding, uint r1, bool qBefore, uint expected, bool qAfter)
    {
        var t = RunOne(TestCpu.WithCode(encoding).Reg(1, r1).Flags(q: qBefore));
        t[0].Should().Be(expected);
        t.Cpu.Q.Should().Be(qAfter);
        FlagsOf(t).Should().Be("nzcv");
    }

    // (encoding, r0 before, r1, expected r0)
    [Theory]
    [InlineData(0xF341_1007u, 0u, 0x0000_0F80u, 0xFFFF_FFF8u)] // sbfx r0, r1, #4, #8
    [InlineData(0xF341_1007u, 0u, 0x0000_07F0u, 0x0000_007Fu)] // sbfx r0, r1, #4, #8
    [InlineData(0xF341_001Fu, 0u, 0x8000_0001u, 0x8000_0001u)] // sbfx r0, r1, #0, #32
    [InlineData(0xF341_70C0u, 0u, 0x8000_0000u, 0xFFFF_FFFFu)] // sbfx r0, r1, #31, #1
    [InlineData(0xF341_70C0u, 0u, 0x7FFF_FFFFu, 0x0000_0000u)] // sbfx r0, r1, #31, #1
    [InlineData(0xF3C1_1007u, 0u, 0x0000_0F80u, 0x0000_00F8u)] // ubfx r0, r1, #4, #8
    [InlineData(0xF3C1_001Fu, 0u, 0x8000_0001u, 0x8000_0001u)] // ubfx r0, r1, #0, #32
    [InlineData(0xF3C1_70C0u, 0u, 0x8000_0000u, 0x0000_0001u)] // ubfx r0, r1, #31, #1
    [InlineData(0xF361_200Fu, 0xFFFF_FFFFu, 0x1234_5678u, 0xFFFF_78FFu)] // bfi r0, r1, #8, #8
    [InlineData(0xF361_001Fu, 0xFFFF_FFFFu, 0x1234_5678u, 0x1234_5678u)] // bfi r0, r1, #0, #32
    [InlineData(0xF361_70DFu, 0x0000_0000u, 0x0000_0003u, 0x8000_0000u)] // bfi r0, r1, #31, #1
    [InlineData(0xF36F_100Bu, 0xFFFF_FFFFu, 0u, 0xFFFF_F00Fu)] // bfc r0, #4, #8
    [InlineData(0xF36F_001Fu, 0xFFFF_FFFFu, 0u, 0x0000_0000u)] // bfc r0, #0, #32
    public void Bitfield_operations(uint encoding, uint r0, uint r1, uint expected)
    {
        var t = RunOne(WithFlags(TestCpu.WithCode(encoding).Reg(0, r0).Reg(1, r1), "NzCv"));
        t[0].Should().Be(expected);
        t[1].Should().Be(r1);
        FlagsOf(t).Should().Be("NzCv");
    }

    [Theory]
    [InlineData(0xF201_0F01u)] // addw pc, r1, #1
    [InlineData(0xF201_0D01u)] // addw sp, r1, #1
    [InlineData(0xF20D_0F01u)] // addw pc, sp, #1
    [InlineData(0xF2A1_0D01u)] // subw sp, r1, #1
    [InlineData(0xF2AD_0F01u)] // subw pc, sp, #1
    [InlineData(0xF20F_0D00u)] // adr.w sp, ...
    [InlineData(0xF2AF_0F04u)] // adr.w pc, ... (subtract form)
    [InlineData(0xF64B_6DEFu)] // movw sp, #0xbeef
    [InlineData(0xF6CD_6FADu)] // movt pc, #0xdead
    [InlineData(0xF301_0D07u)] // ssat sp, #8, r1
    [InlineData(0xF30F_0007u)] // ssat r0, #8, pc
    [InlineData(0xF38D_0008u)] // usat r0, #8, sp
    [InlineData(0xF341_70C1u)] // sbfx r0, r1, #31, #2 (beyond bit 31)
    [InlineData(0xF3CF_1007u)] // ubfx r0, pc, #4, #8
    [InlineData(0xF3C1_1F07u)] // ubfx pc, r1, #4, #8
    [InlineData(0xF361_70C0u)] // bfi r0, r1 with msb 0 < lsb 31
    [InlineData(0xF36D_200Fu)] // bfi r0, sp, #8, #8
    [InlineData(0xF36F_70C0u)] // bfc r0 with msb 0 < lsb 31
    [InlineData(0xF36F_1D0Bu)] // bfc sp, #4, #8
    public void Unpredictable_plain_immediate_encodings_fault(uint encoding) => ShouldFault(TestCpu.WithCode(encoding));

    [Theory]
    [InlineData(0xF301_0027u)] // ssat with the (0) bit 5 of the second halfword set
    [InlineData(0xF741_1007u)] // sbfx with the (0) bit 10 of the first halfword set
    [InlineData(0xF211_0001u)] // op 00001 is unallocated
    public void Should_be_zero_bits_set_and_unallocated_opcodes_fault(uint encoding) => ShouldFault(TestCpu.WithCode(encoding));

    [Fact]
    public void Addw_sp_sp_is_allowed()
    {
        var t = RunOne(TestCpu.WithCode(0xF20D_0D10 /* addw sp, sp, #16 */).Reg(13, 0x2000_0000));
        t[13].Should().Be(0x2000_0010u);
    }
}
