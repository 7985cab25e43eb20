using FluentAssertions;
using M7Sim.Simulation;
using Xunit;
using static M7Sim.Tests.Execution.VfpTestSupport;

namespace M7Sim.Tests.Execution;

/// <summary>
/// VCVT between floating point and fixed point (to fixed: round towards zero, saturate, extend to the
/// register; from fixed: round to nearest whatever FPSCR says), VCVTB/VCVTT half precision with and
/// without FPSCR.AHP. Expected values by hand from the ARM ARM pseudocode.
/// </summary>
public class VfpConvertFixedHalfTests
{
    [Theory]
    [InlineData(0x4030_0000u, 0x0000_0005u, 0x10u)]   // 2.75 × 2 = 5.5 → 5
    [InlineData(0xC030_0000u, 0xFFFF_FFFBu, 0x10u)]   // −5.5 → −5, sign-extended to 32 bits
    [InlineData(0x469C_4000u, 0x0000_7FFFu, 0x01u)]   // 20000 × 2 = 40000 saturates to 32767
    [InlineData(0xC69C_4000u, 0xFFFF_8000u, 0x01u)]   // −40000 saturates to −32768
    [InlineData(0x7FC0_0000u, 0x0000_0000u, 0x01u)]   // NaN → 0
    public void Vcvt_s16_f32_with_one_fraction_bit(uint input, uint expected, uint flags)
    {
        var t = Fp(0xEEBE_0A67 /* vcvt.s16.f32 s0, s0, #1 */).S(0, input).Run();
        t.GetS(0).Should().Be(expected);
        t.FpFlags().Should().Be(flags);
    }

    [Theory]
    [InlineData(0x3F00_0000u, 0x8000_0000u, 0x00u)]   // 0.5 × 2^32 = 2^31
    [InlineData(0x3F80_0000u, 0xFFFF_FFFFu, 0x01u)]   // 1.0 × 2^32 saturates
    [InlineData(0x2F80_0000u, 0x0000_0001u, 0x00u)]   // 2^-32 → 1
    [InlineData(0x2F00_0000u, 0x0000_0000u, 0x10u)]   // 2^-33 → 0 (towards zero)
    public void Vcvt_u32_f32_with_32_fraction_bits(uint input, uint expected, uint flags)
    {
        var t = Fp(0xEEBF_0AC0 /* vcvt.u32.f32 s0, s0, #32 */).S(0, input).Run();
        t.GetS(0).Should().Be(expected);
        t.FpFlags().Should().Be(flags);
    }

    [Fact]
    public void Vcvt_s32_f32_with_one_fraction_bit_uses_imm4_and_i()
    {
        var t = Fp(0xEEBE_0AEF /* vcvt.s32.f32 s0, s0, #1 */).S(0, 0xC0A0_0000 /* −5 */).Run();
        t.GetS(0).Should().Be(0xFFFF_FFF6);   // −10
    }

    [Theory]
    [InlineData(0x0000_8000u, 0xBF00_0000u)]   // 0x8000 / 2^16 = −0.5
    [InlineData(0x1234_8000u, 0xBF00_0000u)]   // only the low 16 bits count
    [InlineData(0x0000_7FFFu, 0x3EFF_FE00u)]   // 32767 / 65536
    [InlineData(0x0000_0000u, 0x0000_0000u)]   // zero → +0
    public void Vcvt_f32_s16_with_16_fraction_bits(uint input, uint expected)
    {
        var t = Fp(0xEEBA_0A40 /* vcvt.f32.s16 s0, s0, #16 */).S(0, input).Run();
        t.GetS(0).Should().Be(expected);
        t.FpFlags().Should().Be(0);
    }

    [Theory]
    [InlineData(0x0000_0000u)]   // RN
    [InlineData(0x00C0_0000u)]   // RZ in FPSCR is ignored: fixed to float always rounds to nearest
    public void Vcvt_f32_u32_fixed_rounds_to_nearest_regardless_of_FPSCR(uint fpscr)
    {
        var t = Fp(0xEEBB_0AC0 /* vcvt.f32.u32 s0, s0, #32 */).S(0, 0xFFFF_FFFF).Fpscr(fpscr).Run();
        t.GetS(0).Should().Be(0x3F80_0000);   // (2^32 − 1) / 2^32 rounds to 1.0
        t.FpFlags().Should().Be(0x10);
        (t.Cpu.Fpscr & 0x00C0_0000).Should().Be(fpscr);
    }

    [Fact]
    public void Vcvt_fixed_with_doubles_extends_to_64_bits()
    {
        var t = Fp(0xEEBF_0B44 /* vcvt.u16.f64 d0, d0, #8 */).D(0, 0x3FF8_0000_0000_0000 /* 1.5 */).Run();
        t.GetD(0).Should().Be(0x0000_0000_0000_0180);
        var u = Fp(0xEEBE_0B44 /* vcvt.s16.f64 d0, d0, #8 */).D(0, 0xBFF8_0000_0000_0000 /* −1.5 */).Run();
        u.GetD(0).Should().Be(0xFFFF_FFFF_FFFF_FE80);
        var v = Fp(0xEEBA_0B44 /* vcvt.f64.s16 d0, d0, #8 */).D(0, 0xFFFF_FFFF_FFFF_FE80).Run();
        v.GetD(0).Should().Be(0xBFF8_0000_0000_0000);
        var w = Fp(0xEEBB_0BEF /* vcvt.f64.u32 d0, d0, #1 */).D(0, 0xFFFF_FFFF_0000_0003).Run();
        w.GetD(0).Should().Be(0x3FF8_0000_0000_0000);   // 3 / 2
    }

    [Theory]
    [InlineData(0xABCD_3C00u, 0x0000_0000u, 0x3F80_0000u, 0x00u)]  // 1.0 from the bottom half
    [InlineData(0x0000_0001u, 0x0000_0000u, 0x3380_0000u, 0x00u)]  // half denormal 2^-24, exact
    [InlineData(0x0000_0001u, 0x0100_0000u, 0x3380_0000u, 0x00u)]  // FZ does not flush half precision
    [InlineData(0x0000_7C00u, 0x0000_0000u, 0x7F80_0000u, 0x00u)]  // +∞
    [InlineData(0x0000_7C00u, 0x0400_0000u, 0x4780_0000u, 0x00u)]  // AHP: 0x7C00 is 65536
    [InlineData(0x0000_7FFFu, 0x0400_0000u, 0x47FF_E000u, 0x00u)]  // AHP: largest value 131008
    [InlineData(0x0000_FC01u, 0x0000_0000u, 0xFFC0_2000u, 0x01u)]  // sNaN: quietened, payload shifted up
    [InlineData(0x0000_7E01u, 0x0200_0000u, 0x7FC0_0000u, 0x00u)]  // DN: default NaN
    public void Vcvtb_f32_f16_widens_the_bottom_half(uint s1, uint fpscr, uint expected, uint flags)
    {
        var t = Fp(0xEEB2_0A60 /* vcvtb.f32.f16 s0, s1 */).S(1, s1).Fpscr(fpscr).Run();
        t.GetS(0).Should().Be(expected);
        t.FpFlags().Should().Be(flags);
    }

    [Fact]
    public void Vcvtt_f32_f16_widens_the_top_half()
    {
        var t = Fp(0xEEB2_0AE0 /* vcvtt.f32.f16 s0, s1 */).S(1, 0xC000_3C00).Run();
        t.GetS(0).Should().Be(0xC000_0000);   // −2.0
    }

    [Theory]
    [InlineData(0x3F80_0000u, 0x0000_0000u, 0xAAAA_3C00u, 0x00u)]  // 1.0, top half of s0 kept
    [InlineData(0x3F80_1000u, 0x0000_0000u, 0xAAAA_3C00u, 0x10u)]  // 1 + 2^-11: tie → even 1.0
    [InlineData(0x477F_F000u, 0x0000_0000u, 0xAAAA_7C00u, 0x14u)]  // 65520: tie above 65504 → overflow to ∞
    [InlineData(0x477F_F000u, 0x00C0_0000u, 0xAAAA_7BFFu, 0x10u)]  // RZ: 65504, below the overflow threshold so inexact only
    [InlineData(0x477F_F000u, 0x0400_0000u, 0xAAAA_7C00u, 0x10u)]  // AHP: 65536 is representable (0x7C00)
    [InlineData(0x4800_0000u, 0x0400_0000u, 0xAAAA_7FFFu, 0x01u)]  // AHP: 131072 overflows → largest, IOC not OFC
    [InlineData(0x3300_0000u, 0x0000_0000u, 0xAAAA_0000u, 0x18u)]  // 2^-25: tie → even 0, underflow
    [InlineData(0x3300_0000u, 0x0100_0000u, 0xAAAA_0000u, 0x18u)]  // FZ does not apply to a half result
    [InlineData(0x3380_0000u, 0x0000_0000u, 0xAAAA_0001u, 0x00u)]  // 2^-24: smallest half denormal, exact
    [InlineData(0x7FC0_0000u, 0x0400_0000u, 0xAAAA_0000u, 0x01u)]  // AHP: NaN → +0, IOC
    [InlineData(0xFF80_0000u, 0x0400_0000u, 0xAAAA_FFFFu, 0x01u)]  // AHP: −∞ → −largest, IOC
    [InlineData(0xFF80_0000u, 0x0000_0000u, 0xAAAA_FC00u, 0x00u)]  // IEEE half: −∞
    [InlineData(0x7F80_2001u, 0x0000_0000u, 0xAAAA_7E01u, 0x01u)]  // sNaN: quietened, payload bits 21:13 kept
    [InlineData(0xFFC0_0000u, 0x0200_0000u, 0xAAAA_7E00u, 0x00u)]  // DN: half default NaN
    public void Vcvtb_f16_f32_narrows_into_the_bottom_half(uint s1, uint fpscr, uint expected, uint flags)
    {
        var t = Fp(0xEEB3_0A60 /* vcvtb.f16.f32 s0, s1 */).S(0, 0xAAAA_5555).S(1, s1).Fpscr(fpscr).Run();
        t.GetS(0).Should().Be(expected);
        t.FpFlags().Should().Be(flags);
    }

    [Fact]
    public void Vcvtt_f16_f32_narrows_into_the_top_half()
    {
        var t = Fp(0xEEB3_0AE0 /* vcvtt.f16.f32 s0, s1 */).S(0, 0x0000_1234).S(1, 0xC000_0000).Run();
        t.GetS(0).Should().Be(0xC000_1234);
    }

    [Fact]
    public void Half_and_double_convert_both_ways_on_FPv5()
    {
        var t = Fp(0xEEB2_0B60 /* vcvtb.f64.f16 d0, s1 */).S(1, 0x0000_C000).Run();
        t.GetD(0).Should().Be(0xC000_0000_0000_0000);
        var u = Fp(0xEEB2_0BE0 /* vcvtt.f64.f16 d0, s1 */).S(1, 0x3555_0000).Run();
        u.GetD(0).Should().Be(0x3FD5_5400_0000_0000);   // 0x3555 = 0.333251953125
        var v = Fp(0xEEB3_0BC1 /* vcvtt.f16.f64 s0, d1 */).S(0, 0x0000_FFFF).D(1, 0x3FD5_5555_5555_5555).Run();
        v.GetS(0).Should().Be(0x3555_FFFF);             // 1/3 → 0x3555 (RN), inexact
        v.FpFlags().Should().Be(0x10);
        var w = Fp(0xEEB3_0B41 /* vcvtb.f16.f64 s0, d1 */).D(1, 0x40F0_0000_0000_0000).Run();
        w.GetS(0).Should().Be(0x0000_7C00);             // 65536 overflows IEEE half
        w.FpFlags().Should().Be(0x14);
    }
}
