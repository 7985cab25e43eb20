using FluentAssertions;
using M7Sim.Tests.TestSupport;
using Xunit;
using static M7Sim.Tests.Execution.DataProcessingTests;

namespace M7Sim.Tests.Execution;

/// <summary>
/// A5.3.11 data processing (shifted register), with MOV and the shifts by immediate. Logical ops take C
/// from the shifter (Shift_C); a shift of LSL #0 keeps C. RRX shifts C in at the top.
/// Every case starts with r0 = 0xDEADBEEF, so compare forms show that they write no register.
/// </summary>
public class DataProcessingShiftedRegisterTests
{
    private const uint Untouched = 0xDEAD_BEEF;

    // (encoding, r1, r2, flags in, expected r0, flags out)
    [Theory]
    [InlineData(0xEA01_0002u, 0xFF00_FF00u, 0x0FF0_0FF0u, "NZCV", 0x0F00_0F00u, "NZCV")] // and.w r0, r1, r2
    [InlineData(0xEA11_0042u, 0xFFFF_FFFFu, 0x8000_0001u, "nzcV", 0x0000_0002u, "nzCV")] // ands.w r0, r1, r2, lsl #1
    [InlineData(0xEA11_0012u, 0xFFFF_FFFFu, 0x8000_0000u, "nzcv", 0x0000_0000u, "nZCv")] // ands.w r0, r1, r2, lsr #32
    [InlineData(0xEA11_0022u, 0x0000_FFFFu, 0x8000_0000u, "nzcv", 0x0000_FFFFu, "nzCv")] // ands.w r0, r1, r2, asr #32
    [InlineData(0xEA11_1032u, 0xFFFF_FFFFu, 0x0000_000Fu, "nzcv", 0xF000_0000u, "NzCv")] // ands.w r0, r1, r2, ror #4
    [InlineData(0xEA11_0032u, 0xFFFF_FFFFu, 0x0000_0001u, "nzCv", 0x8000_0000u, "NzCv")] // ands.w r0, r1, r2, rrx
    [InlineData(0xEA11_0032u, 0xFFFF_FFFFu, 0x0000_0002u, "nzcv", 0x0000_0001u, "nzcv")] // ands.w r0, r1, r2, rrx
    [InlineData(0xEA11_7FC2u, 0x8000_0000u, 0x0000_0003u, "nzcv", Untouched, "NzCv")] // tst.w r1, r2, lsl #31
    [InlineData(0xEA21_1012u, 0xFFFF_FFFFu, 0x0000_0FF0u, "nzcv", 0xFFFF_FF00u, "nzcv")] // bic.w r0, r1, r2, lsr #4
    [InlineData(0xEA31_0002u, 0x0000_000Fu, 0x0000_000Fu, "nzCV", 0x0000_0000u, "nZCV")] // bics.w r0, r1, r2
    [InlineData(0xEA41_2002u, 0x0000_00FFu, 0x0000_0012u, "nzcv", 0x0000_12FFu, "nzcv")] // orr.w r0, r1, r2, lsl #8
    [InlineData(0xEA51_0062u, 0x0000_0000u, 0x8000_0001u, "nzcv", 0xC000_0000u, "NzCv")] // orrs.w r0, r1, r2, asr #1
    [InlineData(0xEA61_0002u, 0x0000_0000u, 0xFFFF_0000u, "nzcv", 0x0000_FFFFu, "nzcv")] // orn r0, r1, r2
    [InlineData(0xEA71_4002u, 0x0000_0000u, 0x0001_FFFFu, "nzcv", 0x0000_FFFFu, "nzCv")] // orns r0, r1, r2, lsl #16
    [InlineData(0xEA6F_0002u, 0u, 0x0000_0000u, "nzcv", 0xFFFF_FFFFu, "nzcv")] // mvn.w r0, r2
    [InlineData(0xEA7F_2032u, 0u, 0x0000_00FFu, "Nzcv", 0x00FF_FFFFu, "nzCv")] // mvns.w r0, r2, ror #8
    [InlineData(0xEA81_0002u, 0xFF00_FF00u, 0xFFFF_FFFFu, "nzcv", 0x00FF_00FFu, "nzcv")] // eor.w r0, r1, r2
    [InlineData(0xEA91_0052u, 0x0000_0000u, 0x0000_0001u, "nzcv", 0x0000_0000u, "nZCv")] // eors.w r0, r1, r2, lsr #1
    [InlineData(0xEA91_0F02u, 0x0000_8000u, 0x0000_8000u, "nzCv", Untouched, "nZCv")] // teq r1, r2
    [InlineData(0xEA91_0F42u, 0x0000_0000u, 0xC000_0000u, "nzcv", Untouched, "NzCv")] // teq r1, r2, lsl #1
    // moves and shifts by immediate (ORR with Rn = PC)
    [InlineData(0xEA4F_0002u, 0u, 0x1234_5678u, "nZCV", 0x1234_5678u, "nZCV")] // mov.w r0, r2
    [InlineData(0xEA5F_0002u, 0u, 0x0000_0000u, "NzCV", 0x0000_0000u, "nZCV")] // movs.w r0, r2
    [InlineData(0xEA4F_1002u, 0u, 0x1234_5678u, "nzcv", 0x2345_6780u, "nzcv")] // mov.w r0, r2, lsl #4
    [InlineData(0xEA5F_0042u, 0u, 0x8000_0000u, "nzcv", 0x0000_0000u, "nZCv")] // lsls.w r0, r2, #1
    [InlineData(0xEA5F_0012u, 0u, 0x8000_0000u, "nzcv", 0x0000_0000u, "nZCv")] // lsrs.w r0, r2, #32
    [InlineData(0xEA5F_0022u, 0u, 0x8000_0000u, "nzcv", 0xFFFF_FFFFu, "NzCv")] // asrs.w r0, r2, #32
    [InlineData(0xEA4F_0062u, 0u, 0x8000_0002u, "nzcv", 0xC000_0001u, "nzcv")] // asr.w r0, r2, #1
    [InlineData(0xEA5F_0072u, 0u, 0x0000_0001u, "nzcv", 0x8000_0000u, "NzCv")] // rors.w r0, r2, #1
    [InlineData(0xEA5F_0032u, 0u, 0x0000_0003u, "nzcv", 0x0000_0001u, "nzCv")] // rrxs r0, r2
    [InlineData(0xEA5F_0032u, 0u, 0x0000_0002u, "nzCV", 0x8000_0001u, "NzcV")] // rrxs r0, r2
    [InlineData(0xEA4F_0032u, 0u, 0x0000_0000u, "nzCv", 0x8000_0000u, "nzCv")] // rrx r0, r2 (no S)
    // arithmetic
    [InlineData(0xEB01_0082u, 0x0000_0001u, 0x4000_0001u, "nzcv", 0x0000_0005u, "nzcv")] // add.w r0, r1, r2, lsl #2
    [InlineData(0xEB11_0002u, 0x7FFF_FFFFu, 0x0000_0001u, "nzcv", 0x8000_0000u, "NzcV")] // adds.w r0, r1, r2
    [InlineData(0xEB11_0022u, 0x0000_0001u, 0x8000_0000u, "nzcv", 0x0000_0000u, "nZCv")] // adds.w r0, r1, r2, asr #32
    [InlineData(0xEB11_0F02u, 0x8000_0000u, 0x8000_0000u, "nzcv", Untouched, "nZCV")] // cmn.w r1, r2
    [InlineData(0xEB11_0F42u, 0x0000_0001u, 0x7FFF_FFFFu, "nzcv", Untouched, "Nzcv")] // cmn.w r1, r2, lsl #1
    [InlineData(0xEB41_0002u, 0x0000_0001u, 0x0000_0002u, "nzCv", 0x0000_0004u, "nzCv")] // adc.w r0, r1, r2
    [InlineData(0xEB51_0032u, 0x7FFF_FFFFu, 0x0000_0001u, "nzCv", 0x0000_0000u, "nZCv")] // adcs.w r0, r1, r2, rrx
    [InlineData(0xEB61_0002u, 10u, 3u, "nzcv", 6u, "nzcv")] // sbc.w r0, r1, r2
    [InlineData(0xEB71_0042u, 4u, 2u, "nzCv", 0u, "nZCv")] // sbcs.w r0, r1, r2, lsl #1
    [InlineData(0xEBA1_0002u, 10u, 3u, "nzcv", 7u, "nzcv")] // sub.w r0, r1, r2
    [InlineData(0xEBB1_70D2u, 0u, 0x8000_0000u, "nzCv", 0xFFFF_FFFFu, "Nzcv")] // subs.w r0, r1, r2, lsr #31
    [InlineData(0xEBB1_0F02u, 5u, 5u, "nzcv", Untouched, "nZCv")] // cmp.w r1, r2
    [InlineData(0xEBB1_1F22u, 0xF800_0000u, 0x8000_0000u, "nzcv", Untouched, "nZCv")] // cmp.w r1, r2, asr #4
    [InlineData(0xEBC1_0002u, 3u, 10u, "nzcv", 7u, "nzcv")] // rsb r0, r1, r2
    [InlineData(0xEBD1_0042u, 5u, 2u, "nzCv", 0xFFFF_FFFFu, "Nzcv")] // rsbs r0, r1, r2, lsl #1
    public void Operation_with_a_shifted_register(uint encoding, uint r1, uint r2, string flagsIn, uint expected, string flagsOut)
    {
        var t = RunOne(WithFlags(TestCpu.WithCode(encoding).Reg(0, Untouched).Reg(1, r1).Reg(2, r2), flagsIn));
        t[0].Should().Be(expected);
        t[2].Should().Be(r2);
        FlagsOf(t).Should().Be(flagsOut);
    }

    // (encoding, sp, r2, register checked, expected, flags out)
    [Theory]
    [InlineData(0xEB0D_0082u, 0x2010_0000u, 4u, 0, 0x2010_0010u, "nzcv")] // add.w r0, sp, r2, lsl #2
    [InlineData(0xEB0D_0DC2u, 0x2010_0000u, 2u, 13, 0x2010_0010u, "nzcv")] // add.w sp, sp, r2, lsl #3
    [InlineData(0xEB1D_0002u, 0x2010_0000u, 0xE000_0000u, 0, 0x0010_0000u, "nzCv")] // adds.w r0, sp, r2
    [InlineData(0xEBAD_0002u, 0x2010_0000u, 0x100u, 0, 0x200F_FF00u, "nzcv")] // sub.w r0, sp, r2
    [InlineData(0xEBAD_0D82u, 0x2010_0000u, 0x40u, 13, 0x200F_FF00u, "nzcv")] // sub.w sp, sp, r2, lsl #2
    [InlineData(0xEA4F_0D02u, 0x2010_0000u, 0x2000_0100u, 13, 0x2000_0100u, "nzcv")] // mov.w sp, r2
    public void Sp_forms_with_a_register(uint encoding, uint sp, uint r2, int rd, uint expected, string flagsOut)
    {
        var t = RunOne(TestCpu.WithCode(encoding).Reg(13, sp).Reg(2, r2));
        t[rd].Should().Be(expected);
        FlagsOf(t).Should().Be(flagsOut);
    }

    [Fact]
    public void Mov_w_reads_sp()
    {
        var t = RunOne(TestCpu.WithCode(0xEA4F_020D /* mov.w r2, sp */).Reg(13, 0x2010_0000));
        t[2].Should().Be(0x2010_0000u);
    }

    [Fact]
    public void Cmp_w_accepts_sp_as_first_operand()
    {
        var t = RunOne(TestCpu.WithCode(0xEBBD_0F02 /* cmp.w sp, r2 */).Reg(13, 8).Reg(2, 8));
        FlagsOf(t).Should().Be("nZCv");
    }

    [Theory]
    [InlineData(0xEB0D_1D02u)] // add.w sp, sp, r2, lsl #4 (SP only by LSL #0..3)
    [InlineData(0xEB0D_0D52u)] // add.w sp, sp, r2, lsr #1
    [InlineData(0xEBAD_0D32u)] // sub.w sp, sp, r2, rrx
    [InlineData(0xEB0D_0F02u)] // add.w pc, sp, r2 (no S)
    [InlineData(0xEB0D_000Du)] // add.w r0, sp, sp
    [InlineData(0xEA0D_0002u)] // and.w r0, sp, r2
    [InlineData(0xEA01_000Du)] // and.w r0, r1, sp
    [InlineData(0xEA01_0D02u)] // and.w sp, r1, r2
    [InlineData(0xEA01_0F02u)] // and.w pc, r1, r2 (no S)
    [InlineData(0xEA11_0F0Fu)] // tst.w r1, pc
    [InlineData(0xEA21_0D02u)] // bic.w sp, r1, r2
    [InlineData(0xEA4D_0002u)] // orr.w r0, sp, r2
    [InlineData(0xEA4F_0F02u)] // mov.w pc, r2
    [InlineData(0xEA4F_000Fu)] // mov.w r0, pc
    [InlineData(0xEA4F_0D0Du)] // mov.w sp, sp
    [InlineData(0xEA5F_0D02u)] // movs.w sp, r2
    [InlineData(0xEA5F_000Du)] // movs.w r0, sp
    [InlineData(0xEA4F_0D42u)] // lsl.w sp, r2, #1
    [InlineData(0xEA4F_004Du)] // lsl.w r0, sp, #1
    [InlineData(0xEA4F_0D32u)] // rrx sp, r2
    [InlineData(0xEA6D_0002u)] // orn r0, sp, r2
    [InlineData(0xEA6F_0D02u)] // mvn.w sp, r2
    [InlineData(0xEA8F_0002u)] // eor.w r0, pc, r2
    [InlineData(0xEA9D_0F02u)] // teq sp, r2
    [InlineData(0xEB0F_0002u)] // add.w r0, pc, r2
    [InlineData(0xEB11_0F0Du)] // cmn.w r1, sp
    [InlineData(0xEB4D_0002u)] // adc.w r0, sp, r2
    [InlineData(0xEB61_0F02u)] // sbc.w pc, r1, r2
    [InlineData(0xEBA1_0D02u)] // sub.w sp, r1, r2
    [InlineData(0xEBBF_0F02u)] // cmp.w pc, r2
    [InlineData(0xEBB1_0F0Du)] // cmp.w r1, sp
    [InlineData(0xEBC1_000Fu)] // rsb r0, r1, pc
    public void Unpredictable_shifted_register_encodings_fault(uint encoding) => ShouldFault(TestCpu.WithCode(encoding));

    [Theory]
    [InlineData(0xEA01_8002u)] // and.w with the (0) bit 15 of the second halfword set
    [InlineData(0xEAA1_0002u)] // op 0101
    [InlineData(0xEB21_0002u)] // op 1001
    [InlineData(0xEBE1_0002u)] // op 1111
    public void Should_be_zero_bits_set_and_unallocated_opcodes_fault(uint encoding) => ShouldFault(TestCpu.WithCode(encoding));
}
