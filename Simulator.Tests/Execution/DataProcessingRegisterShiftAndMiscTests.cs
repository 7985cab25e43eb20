using FluentAssertions;
using M7Sim.Tests.TestSupport;
using Xunit;
using static M7Sim.Tests.Execution.DataProcessingTests;

namespace M7Sim.Tests.Execution;

/// <summary>A5.3.12 shifts by register (bottom byte of Rm, amounts up to 255) and A5.3.15 CLZ, RBIT, REV, REV16, REVSH.</summary>
public class DataProcessingRegisterShiftAndMiscTests
{
    // r0 = r1 shifted by r2: (encoding, r1, r2, flags in, expected, flags out)
    [Theory]
    [InlineData(0xFA01_F002u, 0x0000_0001u, 4u, "NZCV", 0x0000_0010u, "NZCV")] // lsl.w r0, r1, r2 (no S)
    [InlineData(0xFA11_F002u, 0x0000_0001u, 32u, "nzcv", 0x0000_0000u, "nZCv")] // lsls.w r0, r1, r2
    [InlineData(0xFA11_F002u, 0xFFFF_FFFFu, 0x1FFu, "nzCV", 0x0000_0000u, "nZcV")] // lsls.w r0, r1, r2 (bottom byte 255)
    [InlineData(0xFA11_F002u, 0x8000_0001u, 0x300u, "nzCv", 0x8000_0001u, "NzCv")] // lsls.w r0, r1, r2 (bottom byte 0: C kept)
    [InlineData(0xFA31_F002u, 0x8000_0000u, 31u, "nzCv", 0x0000_0001u, "nzcv")] // lsrs.w r0, r1, r2
    [InlineData(0xFA31_F002u, 0x8000_0000u, 33u, "nzCv", 0x0000_0000u, "nZcv")] // lsrs.w r0, r1, r2
    [InlineData(0xFA51_F002u, 0x8000_0000u, 0xFFu, "nzcv", 0xFFFF_FFFFu, "NzCv")] // asrs.w r0, r1, r2
    [InlineData(0xFA51_F002u, 0x7FFF_FFFFu, 32u, "nzCv", 0x0000_0000u, "nZcv")] // asrs.w r0, r1, r2
    [InlineData(0xFA71_F002u, 0x1234_5678u, 16u, "nzCv", 0x5678_1234u, "nzcv")] // rors.w r0, r1, r2
    [InlineData(0xFA71_F002u, 0x1234_5678u, 32u, "nzCv", 0x1234_5678u, "nzcv")] // rors.w r0, r1, r2 (by 32: C = bit 31)
    [InlineData(0xFA71_F002u, 0x8000_0000u, 64u, "nzcv", 0x8000_0000u, "NzCv")] // rors.w r0, r1, r2
    [InlineData(0xFA61_F002u, 0x0000_0001u, 1u, "nzcv", 0x8000_0000u, "nzcv")] // ror.w r0, r1, r2 (no S)
    public void Shift_by_register(uint encoding, uint r1, uint r2, string flagsIn, uint expected, string flagsOut)
    {
        var t = RunOne(WithFlags(TestCpu.WithCode(encoding).Reg(1, r1).Reg(2, r2), flagsIn));
        t[0].Should().Be(expected);
        t[1].Should().Be(r1);
        FlagsOf(t).Should().Be(flagsOut);
    }

    // r0 = op(r1): (encoding, r1, expected)
    [Theory]
    [InlineData(0xFA91_F081u, 0x1234_5678u, 0x7856_3412u)] // rev.w r0, r1
    [InlineData(0xFA91_F091u, 0x1234_5678u, 0x3412_7856u)] // rev16.w r0, r1
    [InlineData(0xFA91_F0A1u, 0x0000_0001u, 0x8000_0000u)] // rbit r0, r1
    [InlineData(0xFA91_F0A1u, 0x1234_5678u, 0x1E6A_2C48u)] // rbit r0, r1
    [InlineData(0xFA91_F0B1u, 0x0000_80FFu, 0xFFFF_FF80u)] // revsh.w r0, r1
    [InlineData(0xFA91_F0B1u, 0xFFFF_7F01u, 0x0000_017Fu)] // revsh.w r0, r1
    [InlineData(0xFAB1_F081u, 0x0000_0000u, 32u)] // clz r0, r1
    [InlineData(0xFAB1_F081u, 0x0000_0001u, 31u)] // clz r0, r1
    [InlineData(0xFAB1_F081u, 0x8000_0000u, 0u)] // clz r0, r1
    [InlineData(0xFAB1_F081u, 0x0001_0000u, 15u)] // clz r0, r1
    public void One_operand_bit_operations(uint encoding, uint r1, uint expected)
    {
        var t = RunOne(WithFlags(TestCpu.WithCode(encoding).Reg(1, r1), "nZCv"));
        t[0].Should().Be(expected);
        FlagsOf(t).Should().Be("nZCv");
    }

    [Fact]
    public void High_registers_work_in_the_32_bit_forms()
    {
        var t = TestCpu.WithCode(0xFA99_F889 /* rev.w r8, r9 */, 0xFABB_FA8B /* clz r10, r11 */).Reg(9, 0xAABB_CCDD).Reg(11, 0x00FF_0000);
        t.Run(2);
        t[8].Should().Be(0xDDCC_BBAAu);
        t[10].Should().Be(8u);
    }

    [Theory]
    [InlineData(0xFA0D_F002u)] // lsl.w r0, sp, r2
    [InlineData(0xFA01_FD02u)] // lsl.w sp, r1, r2
    [InlineData(0xFA01_F00Fu)] // lsl.w r0, r1, pc
    [InlineData(0xFA92_F081u)] // rev.w r0 with the two Rm fields different (r2 / r1)
    [InlineData(0xFA9D_F08Du)] // rev.w r0, sp
    [InlineData(0xFA91_FF91u)] // rev16.w pc, r1
    [InlineData(0xFABF_F08Fu)] // clz r0, pc
    [InlineData(0xFAB1_FD81u)] // clz sp, r1
    public void Unpredictable_encodings_fault(uint encoding) => ShouldFault(TestCpu.WithCode(encoding));

    [Fact]
    public void A_register_shift_needs_ones_in_bits_15_to_12() => ShouldFault(TestCpu.WithCode(0xFA01_E002));
}
