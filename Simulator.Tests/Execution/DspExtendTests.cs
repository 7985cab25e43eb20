using FluentAssertions;
using M7Sim.Tests.TestSupport;
using Xunit;

namespace M7Sim.Tests.Execution;

/// <summary>
/// Extends with and without add (A7.7.143-A7.7.148 SXT*, A7.7.188-A7.7.193 UXT*). The source r2/r3 = 0x807F01FE
/// has a distinct byte in each lane (b3 = 0x80, b2 = 0x7F, b1 = 0x01, b0 = 0xFE), so each rotation picks a
/// visibly different byte or halfword: ROR #8 = 0xFE807F01, ROR #16 = 0x01FE807F, ROR #24 = 0x7F01FE80.
/// </summary>
public class DspExtendTests
{
    private const uint Source = 0x807F_01FE;

    [Theory]
    [InlineData(0xB211u, 0x1234_8765u, 0xFFFF_8765u)] // sxth r1, r2
    [InlineData(0xB211u, 0xFFFF_7F80u, 0x0000_7F80u)] // sxth r1, r2
    [InlineData(0xB251u, 0x1234_8765u, 0x0000_0065u)] // sxtb r1, r2
    [InlineData(0xB251u, 0x0000_7F80u, 0xFFFF_FF80u)] // sxtb r1, r2
    [InlineData(0xB291u, 0x1234_8765u, 0x0000_8765u)] // uxth r1, r2
    [InlineData(0xB2D1u, 0xFFFF_FF80u, 0x0000_0080u)] // uxtb r1, r2
    public void Sixteen_bit_extends_take_the_low_byte_or_halfword(uint encoding, uint rm, uint expected)
    {
        var t = TestCpu.WithCode(encoding).Reg(2, rm).Flags(z: true).Run();
        t[1].Should().Be(expected);
        t.Cpu.Z.Should().BeTrue("extends never set flags");
    }

    [Theory]
    [InlineData(0xFA4F_F182u, 0xFFFF_FFFEu)] // sxtb.w r1, r2
    [InlineData(0xFA4F_F192u, 0x0000_0001u)] // sxtb.w r1, r2, ror #8
    [InlineData(0xFA4F_F1A2u, 0x0000_007Fu)] // sxtb.w r1, r2, ror #16
    [InlineData(0xFA4F_F1B2u, 0xFFFF_FF80u)] // sxtb.w r1, r2, ror #24
    [InlineData(0xFA5F_F182u, 0x0000_00FEu)] // uxtb.w r1, r2
    [InlineData(0xFA5F_F192u, 0x0000_0001u)] // uxtb.w r1, r2, ror #8
    [InlineData(0xFA5F_F1A2u, 0x0000_007Fu)] // uxtb.w r1, r2, ror #16
    [InlineData(0xFA5F_F1B2u, 0x0000_0080u)] // uxtb.w r1, r2, ror #24
    [InlineData(0xFA0F_F182u, 0x0000_01FEu)] // sxth.w r1, r2
    [InlineData(0xFA0F_F192u, 0x0000_7F01u)] // sxth.w r1, r2, ror #8
    [InlineData(0xFA0F_F1A2u, 0xFFFF_807Fu)] // sxth.w r1, r2, ror #16
    [InlineData(0xFA0F_F1B2u, 0xFFFF_FE80u)] // sxth.w r1, r2, ror #24
    [InlineData(0xFA1F_F182u, 0x0000_01FEu)] // uxth.w r1, r2
    [InlineData(0xFA1F_F192u, 0x0000_7F01u)] // uxth.w r1, r2, ror #8
    [InlineData(0xFA1F_F1A2u, 0x0000_807Fu)] // uxth.w r1, r2, ror #16
    [InlineData(0xFA1F_F1B2u, 0x0000_FE80u)] // uxth.w r1, r2, ror #24
    [InlineData(0xFA2F_F182u, 0x007F_FFFEu)] // sxtb16 r1, r2            bytes 0 and 2: 0xFE, 0x7F
    [InlineData(0xFA2F_F192u, 0xFF80_0001u)] // sxtb16 r1, r2, ror #8    0x01, 0x80
    [InlineData(0xFA2F_F1A2u, 0xFFFE_007Fu)] // sxtb16 r1, r2, ror #16   0x7F, 0xFE
    [InlineData(0xFA2F_F1B2u, 0x0001_FF80u)] // sxtb16 r1, r2, ror #24   0x80, 0x01
    [InlineData(0xFA3F_F182u, 0x007F_00FEu)] // uxtb16 r1, r2
    [InlineData(0xFA3F_F192u, 0x0080_0001u)] // uxtb16 r1, r2, ror #8
    [InlineData(0xFA3F_F1A2u, 0x00FE_007Fu)] // uxtb16 r1, r2, ror #16
    [InlineData(0xFA3F_F1B2u, 0x0001_0080u)] // uxtb16 r1, r2, ror #24
    public void Extend_takes_its_lane_after_rotating_rm(uint encoding, uint expected)
    {
        var t = DspTestCase.Run(encoding, r2: Source);
        t[1].Should().Be(expected);
    }

    [Theory]
    [InlineData(0xFA42_F183u, 0x0FFF_FFFEu)] // sxtab r1, r2, r3            + -2
    [InlineData(0xFA42_F193u, 0x1000_0001u)] // sxtab r1, r2, r3, ror #8    + 1
    [InlineData(0xFA42_F1A3u, 0x1000_007Fu)] // sxtab r1, r2, r3, ror #16   + 127
    [InlineData(0xFA42_F1B3u, 0x0FFF_FF80u)] // sxtab r1, r2, r3, ror #24   + -128
    [InlineData(0xFA52_F183u, 0x1000_00FEu)] // uxtab r1, r2, r3
    [InlineData(0xFA52_F193u, 0x1000_0001u)] // uxtab r1, r2, r3, ror #8
    [InlineData(0xFA52_F1A3u, 0x1000_007Fu)] // uxtab r1, r2, r3, ror #16
    [InlineData(0xFA52_F1B3u, 0x1000_0080u)] // uxtab r1, r2, r3, ror #24
    [InlineData(0xFA02_F183u, 0x1000_01FEu)] // sxtah r1, r2, r3            + 0x01FE
    [InlineData(0xFA02_F193u, 0x1000_7F01u)] // sxtah r1, r2, r3, ror #8    + 0x7F01
    [InlineData(0xFA02_F1A3u, 0x0FFF_807Fu)] // sxtah r1, r2, r3, ror #16   + -0x7F81
    [InlineData(0xFA02_F1B3u, 0x0FFF_FE80u)] // sxtah r1, r2, r3, ror #24   + -0x180
    [InlineData(0xFA12_F183u, 0x1000_01FEu)] // uxtah r1, r2, r3
    [InlineData(0xFA12_F193u, 0x1000_7F01u)] // uxtah r1, r2, r3, ror #8
    [InlineData(0xFA12_F1A3u, 0x1000_807Fu)] // uxtah r1, r2, r3, ror #16
    [InlineData(0xFA12_F1B3u, 0x1000_FE80u)] // uxtah r1, r2, r3, ror #24
    public void Extend_and_add_adds_the_rotated_lane_to_rn(uint encoding, uint expected)
    {
        var t = DspTestCase.Run(encoding, r2: 0x1000_0000, r3: Source);
        t[1].Should().Be(expected);
    }

    [Theory]
    [InlineData(0xFA22_F183u, 0x0080_FFFDu)] // sxtab16 r1, r2, r3            lo 0xFFFF + -2, hi 1 + 0x7F
    [InlineData(0xFA22_F193u, 0xFF81_0000u)] // sxtab16 r1, r2, r3, ror #8    lo 0xFFFF + 1 wraps without carrying into hi, hi 1 + -128
    [InlineData(0xFA22_F1A3u, 0xFFFF_007Eu)] // sxtab16 r1, r2, r3, ror #16   lo 0xFFFF + 0x7F, hi 1 + -2
    [InlineData(0xFA22_F1B3u, 0x0002_FF7Fu)] // sxtab16 r1, r2, r3, ror #24   lo 0xFFFF + -128, hi 1 + 1
    [InlineData(0xFA32_F183u, 0x0080_00FDu)] // uxtab16 r1, r2, r3            lo 0xFFFF + 0xFE, hi 1 + 0x7F
    [InlineData(0xFA32_F193u, 0x0081_0000u)] // uxtab16 r1, r2, r3, ror #8    lo 0xFFFF + 1, hi 1 + 0x80
    [InlineData(0xFA32_F1A3u, 0x00FF_007Eu)] // uxtab16 r1, r2, r3, ror #16   lo 0xFFFF + 0x7F, hi 1 + 0xFE
    [InlineData(0xFA32_F1B3u, 0x0002_007Fu)] // uxtab16 r1, r2, r3, ror #24   lo 0xFFFF + 0x80, hi 1 + 1
    public void Dual_extend_and_add_adds_each_halfword_modulo_2_to_the_16(uint encoding, uint expected)
    {
        var t = DspTestCase.Run(encoding, r2: 0x0001_FFFF, r3: Source);
        t[1].Should().Be(expected);
    }

    [Fact]
    public void Uxtah_wraps_the_32_bit_sum()
    {
        var t = DspTestCase.Run(0xFA12_F183 /* uxtah r1, r2, r3 */, r2: 0xFFFF_FFFF, r3: 0x0000_0002);
        t[1].Should().Be(1u);
    }
}
