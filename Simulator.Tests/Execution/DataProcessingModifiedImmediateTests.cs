using FluentAssertions;
using M7Sim.Tests.TestSupport;
using Xunit;
using static M7Sim.Tests.Execution.DataProcessingTests;

namespace M7Sim.Tests.Execution;

/// <summary>
/// A5.3.1 data processing (modified immediate). The logical ops take their carry from ThumbExpandImm_C:
/// unchanged for the 00/01/10/11 replication patterns, bit 31 of the constant for rotated ones.
/// Every case starts with r0 = 0xDEADBEEF, so the compare forms show that they write no register.
/// </summary>
public class DataProcessingModifiedImmediateTests
{
    private const uint Untouched = 0xDEAD_BEEF;

    // (encoding, r1, flags in, expected r0, flags out)
    [Theory]
    [InlineData(0xF001_00FFu, 0x1234_5678u, "NZCV", 0x0000_0078u, "NZCV")] // and.w r0, r1, #255 (no S)
    [InlineData(0xF011_4000u, 0x8000_0000u, "nzcv", 0x8000_0000u, "NzCv")] // ands.w r0, r1, #0x80000000 (rotated: C = 1)
    [InlineData(0xF011_4000u, 0x7FFF_FFFFu, "nzcV", 0x0000_0000u, "nZCV")] // ands.w r0, r1, #0x80000000
    [InlineData(0xF011_10FFu, 0xFFFF_FFFFu, "nzCv", 0x00FF_00FFu, "nzCv")] // ands.w r0, r1, #0x00ff00ff (pattern 01: C kept)
    [InlineData(0xF011_10FFu, 0xFFFF_FFFFu, "nzcv", 0x00FF_00FFu, "nzcv")] // ands.w r0, r1, #0x00ff00ff
    [InlineData(0xF411_707Fu, 0xFFFF_FFFFu, "nzCv", 0x0000_03FCu, "nzcv")] // ands.w r0, r1, #0x3fc (rotated: C = 0)
    [InlineData(0xF011_4F00u, 0x8000_0000u, "nzcv", Untouched, "NzCv")] // tst.w r1, #0x80000000
    [InlineData(0xF011_2FFFu, 0x00FF_00FFu, "NzCV", Untouched, "nZCV")] // tst.w r1, #0xff00ff00 (pattern 10: C kept)
    [InlineData(0xF021_00FFu, 0x1234_5678u, "nzcv", 0x1234_5600u, "nzcv")] // bic.w r0, r1, #255
    [InlineData(0xF031_4070u, 0xF000_0000u, "nzcv", 0x0000_0000u, "nZCv")] // bics.w r0, r1, #0xf0000000
    [InlineData(0xF041_407Fu, 0x0012_3456u, "nzcv", 0xFF12_3456u, "nzcv")] // orr.w r0, r1, #0xff000000
    [InlineData(0xF051_20FFu, 0x0000_0000u, "nzcV", 0xFF00_FF00u, "NzcV")] // orrs.w r0, r1, #0xff00ff00
    [InlineData(0xF04F_00FFu, 0u, "nZcv", 0x0000_00FFu, "nZcv")] // mov.w r0, #255
    [InlineData(0xF05F_4000u, 0u, "nZcv", 0x8000_0000u, "NzCv")] // movs.w r0, #0x80000000
    [InlineData(0xF05F_40FFu, 0u, "nZCv", 0x7F80_0000u, "nzcv")] // movs.w r0, #0x7f800000 (rotated: C = 0)
    [InlineData(0xF06F_0000u, 0u, "nzcv", 0xFFFF_FFFFu, "nzcv")] // mvn.w r0, #0
    [InlineData(0xF07F_00FFu, 0u, "nZCv", 0xFFFF_FF00u, "NzCv")] // mvns.w r0, #255
    [InlineData(0xF061_00FFu, 0u, "nzcv", 0xFFFF_FF00u, "nzcv")] // orn r0, r1, #255
    [InlineData(0xF071_4000u, 0u, "nzcv", 0x7FFF_FFFFu, "nzCv")] // orns r0, r1, #0x80000000
    [InlineData(0xF081_30FFu, 0x1234_5678u, "nzcv", 0xEDCB_A987u, "nzcv")] // eor.w r0, r1, #0xffffffff
    [InlineData(0xF091_3055u, 0x5555_5555u, "NzCv", 0x0000_0000u, "nZCv")] // eors.w r0, r1, #0x55555555 (pattern 11: C kept)
    [InlineData(0xF091_4F00u, 0x8000_0000u, "nzcv", Untouched, "nZCv")] // teq r1, #0x80000000
    // arithmetic: AddWithCarry, no carry from the expansion
    [InlineData(0xF501_7080u, 0xFFFF_FF00u, "nzcv", 0x0000_0000u, "nzcv")] // add.w r0, r1, #256 (no S)
    [InlineData(0xF111_4000u, 0x8000_0000u, "nzcv", 0x0000_0000u, "nZCV")] // adds.w r0, r1, #0x80000000
    [InlineData(0xF111_0F01u, 0xFFFF_FFFFu, "nzcv", Untouched, "nZCv")] // cmn.w r1, #1
    [InlineData(0xF111_0F01u, 0x7FFF_FFFFu, "nzcv", Untouched, "NzcV")] // cmn.w r1, #1
    [InlineData(0xF141_0001u, 5u, "nzCv", 7u, "nzCv")] // adc.w r0, r1, #1
    [InlineData(0xF151_00FFu, 0xFFFF_FF00u, "nzCv", 0u, "nZCv")] // adcs.w r0, r1, #255
    [InlineData(0xF151_00FFu, 0xFFFF_FF00u, "nzcv", 0xFFFF_FFFFu, "Nzcv")] // adcs.w r0, r1, #255
    [InlineData(0xF161_0001u, 5u, "nzcv", 3u, "nzcv")] // sbc.w r0, r1, #1
    [InlineData(0xF171_0000u, 0u, "nzcv", 0xFFFF_FFFFu, "Nzcv")] // sbcs.w r0, r1, #0
    [InlineData(0xF171_0000u, 0u, "nzCv", 0u, "nZCv")] // sbcs.w r0, r1, #0
    [InlineData(0xF5A1_7080u, 0x100u, "nzcv", 0u, "nzcv")] // sub.w r0, r1, #256 (no S)
    [InlineData(0xF1B1_0001u, 0x8000_0000u, "nzcv", 0x7FFF_FFFFu, "nzCV")] // subs.w r0, r1, #1
    [InlineData(0xF5B1_3F80u, 0x0001_0000u, "nzcv", Untouched, "nZCv")] // cmp.w r1, #0x10000
    [InlineData(0xF5B1_3F80u, 0x0000_FFFFu, "nzCv", Untouched, "Nzcv")] // cmp.w r1, #0x10000
    [InlineData(0xF5C1_7080u, 1u, "nzcv", 0xFFu, "nzcv")] // rsb r0, r1, #256
    [InlineData(0xF1D1_0000u, 1u, "nzCv", 0xFFFF_FFFFu, "Nzcv")] // rsbs r0, r1, #0
    [InlineData(0xF1D1_0000u, 0x8000_0000u, "nzcv", 0x8000_0000u, "NzcV")] // rsbs r0, r1, #0
    public void Operation_with_a_modified_immediate(uint encoding, uint r1, string flagsIn, uint expected, string flagsOut)
    {
        var t = RunOne(WithFlags(TestCpu.WithCode(encoding).Reg(0, Untouched).Reg(1, r1), flagsIn));
        t[0].Should().Be(expected);
        t[1].Should().Be(r1);
        FlagsOf(t).Should().Be(flagsOut);
    }

    [Theory]
    [InlineData(0xF50D_6080u, 0x2010_0000u, 0x2010_0400u, "nzcv")] // add.w r0, sp, #0x400
    [InlineData(0xF11D_0004u, 0xFFFF_FFFCu, 0x0000_0000u, "nZCv")] // adds.w r0, sp, #4
    [InlineData(0xF1BD_0004u, 0x2010_0000u, 0x200F_FFFCu, "nzCv")] // subs.w r0, sp, #4
    public void Sp_plus_or_minus_immediate_into_a_register(uint encoding, uint sp, uint expected, string flagsOut)
    {
        var t = RunOne(TestCpu.WithCode(encoding).Reg(13, sp));
        t[0].Should().Be(expected);
        FlagsOf(t).Should().Be(flagsOut);
    }

    [Fact]
    public void Sub_sp_sp_immediate_moves_the_stack_pointer()
    {
        var t = RunOne(TestCpu.WithCode(0xF5AD_7D80 /* sub.w sp, sp, #256 */).Reg(13, 0x2010_0000));
        t[13].Should().Be(0x200F_FF00u);
    }

    [Theory]
    [InlineData(0xF001_0D01u)] // and.w sp, r1, #1
    [InlineData(0xF001_0F01u)] // and.w pc, r1, #1 (no S)
    [InlineData(0xF00D_0001u)] // and.w r0, sp, #1
    [InlineData(0xF01F_0F01u)] // tst.w pc, #1
    [InlineData(0xF02D_0001u)] // bic r0, sp, #1
    [InlineData(0xF04D_0001u)] // orr r0, sp, #1
    [InlineData(0xF04F_0D01u)] // mov.w sp, #1
    [InlineData(0xF04F_0F01u)] // mov.w pc, #1
    [InlineData(0xF06F_0D00u)] // mvn sp, #0
    [InlineData(0xF091_0D01u)] // eors sp, r1, #1
    [InlineData(0xF09D_0F01u)] // teq sp, #1
    [InlineData(0xF10F_0001u)] // add.w r0, pc, #1
    [InlineData(0xF101_0D01u)] // add.w sp, r1, #1
    [InlineData(0xF10D_0F04u)] // add.w pc, sp, #4 (no S)
    [InlineData(0xF11F_0F01u)] // cmn.w pc, #1
    [InlineData(0xF141_0D01u)] // adc sp, r1, #1
    [InlineData(0xF14D_0001u)] // adc r0, sp, #1
    [InlineData(0xF161_0F01u)] // sbc pc, r1, #1
    [InlineData(0xF1AF_0001u)] // sub.w r0, pc, #1
    [InlineData(0xF1AD_0F04u)] // sub.w pc, sp, #4 (no S)
    [InlineData(0xF1BF_0F01u)] // cmp.w pc, #1
    [InlineData(0xF1CD_0001u)] // rsb r0, sp, #1
    [InlineData(0xF04F_1000u)] // mov.w r0, #0x00000000 in the 00xy00xy pattern (imm8 = 0)
    [InlineData(0xF04F_2000u)] // mov.w r0, pattern xy00xy00 with imm8 = 0
    [InlineData(0xF04F_3000u)] // mov.w r0, pattern xyxyxyxy with imm8 = 0
    public void Unpredictable_modified_immediate_encodings_fault(uint encoding) => ShouldFault(TestCpu.WithCode(encoding));

    [Theory]
    [InlineData(0xF0A1_0001u)] // op 0101
    [InlineData(0xF0C1_0001u)] // op 0110
    [InlineData(0xF0E1_0001u)] // op 0111
    [InlineData(0xF121_0001u)] // op 1001
    [InlineData(0xF181_0001u)] // op 1100
    [InlineData(0xF1E1_0001u)] // op 1111
    public void Unallocated_modified_immediate_opcodes_are_undefined(uint encoding) => ShouldFault(TestCpu.WithCode(encoding));

    [Fact]
    public void Sp_compare_forms_are_allowed()
    {
        var t = RunOne(TestCpu.WithCode(0xF1BD_0F04 /* cmp.w sp, #4 */).Reg(13, 4));
        FlagsOf(t).Should().Be("nZCv");
    }
}
