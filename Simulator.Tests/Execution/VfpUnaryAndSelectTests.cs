using FluentAssertions;
using Xunit;
using static M7Sim.Tests.Execution.VfpTestSupport;

namespace M7Sim.Tests.Execution;

/// <summary>VSQRT, VABS, VNEG, VMAXNM/VMINNM and VSEL.</summary>
public class VfpUnaryAndSelectTests
{
    [Theory]
    [InlineData(0x4080_0000u, 0x0000_0000u, 0x4000_0000u, 0x00u)]  // sqrt(4) = 2
    [InlineData(0x4000_0000u, 0x0000_0000u, 0x3FB5_04F3u, 0x10u)]  // sqrt(2) = 1.41421354 (RN)
    [InlineData(0x4000_0000u, 0x0040_0000u, 0x3FB5_04F4u, 0x10u)]  // RP rounds up (√2 lies above 0x3FB504F3)
    [InlineData(0x4000_0000u, 0x00C0_0000u, 0x3FB5_04F3u, 0x10u)]  // RZ
    [InlineData(0x8000_0000u, 0x0000_0000u, 0x8000_0000u, 0x00u)]  // sqrt(−0) = −0
    [InlineData(0xBF80_0000u, 0x0000_0000u, 0x7FC0_0000u, 0x01u)]  // sqrt(−1): invalid
    [InlineData(0xFF80_0000u, 0x0000_0000u, 0x7FC0_0000u, 0x01u)]  // sqrt(−∞): invalid
    [InlineData(0x7F80_0000u, 0x0000_0000u, 0x7F80_0000u, 0x00u)]  // sqrt(+∞) = +∞
    [InlineData(0x0000_0001u, 0x0000_0000u, 0x1A35_04F3u, 0x10u)]  // sqrt(2^-149) = √2·2^-75
    [InlineData(0x0000_0001u, 0x0100_0000u, 0x0000_0000u, 0x80u)]  // FZ: sqrt(flushed denormal) = +0, IDC
    [InlineData(0x7F80_0001u, 0x0000_0000u, 0x7FC0_0001u, 0x01u)]  // sNaN quietened
    public void Vsqrt_f32(uint input, uint fpscr, uint expected, uint flags)
    {
        var t = Fp(0xEEB1_0AE0 /* vsqrt.f32 s0, s1 */).S(1, input).Fpscr(fpscr).Run();
        t.GetS(0).Should().Be(expected);
        t.FpFlags().Should().Be(flags);
    }

    [Fact]
    public void Vsqrt_f64_of_two_is_correctly_rounded()
    {
        var t = Fp(0xEEB1_0BC1 /* vsqrt.f64 d0, d1 */).D(1, 0x4000_0000_0000_0000).Run();
        t.GetD(0).Should().Be(0x3FF6_A09E_667F_3BCD);
        t.FpFlags().Should().Be(0x10);
    }

    [Fact]
    public void Vabs_and_vneg_only_touch_the_sign_bit_even_for_signalling_NaNs_and_denormals_under_FZ()
    {
        var t = Fp(0xEEB0_0AE0 /* vabs.f32 s0, s1 */, 0xEEB1_1A60 /* vneg.f32 s2, s1 */)
            .S(1, 0xFF80_0001).Fpscr(0x0100_0000).Run();
        t.GetS(0).Should().Be(0x7F80_0001);
        t.GetS(2).Should().Be(0x7F80_0001);
        t.FpFlags().Should().Be(0);
        var u = Fp(0xEEB1_0A60 /* vneg.f32 s0, s1 */).S(1, 0x0000_0001).Fpscr(0x0100_0000).Run();
        u.GetS(0).Should().Be(0x8000_0001);
        u.FpFlags().Should().Be(0);
        var v = Fp(0xEEB0_0BC1 /* vabs.f64 d0, d1 */, 0xEEB1_1B41 /* vneg.f64 d1, d1 */).D(1, 0xC000_0000_0000_0000).Run();
        v.GetD(0).Should().Be(0x4000_0000_0000_0000);
        v.GetD(1).Should().Be(0x4000_0000_0000_0000);
    }

    [Theory]
    [InlineData(0x3F80_0000u, 0x7FC0_0000u, 0x3F80_0000u, 0x00u)]  // maxNum(1, qNaN) = 1
    [InlineData(0x7FC0_0000u, 0xFF80_0000u, 0xFF80_0000u, 0x00u)]  // maxNum(qNaN, −∞) = −∞
    [InlineData(0x7F80_0001u, 0x3F80_0000u, 0x7FC0_0001u, 0x01u)]  // a signalling NaN still propagates (quietened)
    [InlineData(0x7FC0_0002u, 0x7F80_0003u, 0x7FC0_0003u, 0x01u)]  // qNaN and sNaN: the sNaN wins
    [InlineData(0x7FC0_0002u, 0xFFC0_0003u, 0x7FC0_0002u, 0x00u)]  // two qNaNs: the first
    [InlineData(0x0000_0000u, 0x8000_0000u, 0x0000_0000u, 0x00u)]  // max(+0, −0) = +0
    [InlineData(0x8000_0000u, 0x0000_0000u, 0x0000_0000u, 0x00u)]  // max(−0, +0) = +0
    [InlineData(0x4000_0000u, 0x4040_0000u, 0x4040_0000u, 0x00u)]  // max(2, 3) = 3
    [InlineData(0xC000_0000u, 0xC040_0000u, 0xC000_0000u, 0x00u)]  // max(−2, −3) = −2
    [InlineData(0x0000_0001u, 0x0000_0000u, 0x0000_0001u, 0x00u)]  // a denormal beats +0 and is returned exactly
    public void Vmaxnm_f32_implements_IEEE_maxNum(uint a, uint b, uint expected, uint flags)
    {
        var t = Fp(0xFE80_0A81 /* vmaxnm.f32 s0, s1, s2 */).S(1, a).S(2, b).Run();
        t.GetS(0).Should().Be(expected);
        t.FpFlags().Should().Be(flags);
    }

    [Theory]
    [InlineData(0x3F80_0000u, 0x7FC0_0000u, 0x3F80_0000u, 0x00u)]  // minNum(1, qNaN) = 1
    [InlineData(0x7FC0_0000u, 0x7F80_0000u, 0x7F80_0000u, 0x00u)]  // minNum(qNaN, +∞) = +∞
    [InlineData(0x0000_0000u, 0x8000_0000u, 0x8000_0000u, 0x00u)]  // min(+0, −0) = −0
    [InlineData(0x4000_0000u, 0x4040_0000u, 0x4000_0000u, 0x00u)]  // min(2, 3) = 2
    [InlineData(0x0000_0001u, 0x8000_0000u, 0x8000_0000u, 0x80u)]  // FZ: the denormal is +0, min(+0, −0) = −0, IDC (fpscr below)
    public void Vminnm_f32_implements_IEEE_minNum(uint a, uint b, uint expected, uint flags)
    {
        var t = Fp(0xFE80_0AC1 /* vminnm.f32 s0, s1, s2 */).S(1, a).S(2, b).Fpscr(flags == 0x80 ? 0x0100_0000u : 0).Run();
        t.GetS(0).Should().Be(expected);
        t.FpFlags().Should().Be(flags);
    }

    [Fact]
    public void Vmaxnm_and_vminnm_f64_ignore_a_single_quiet_NaN()
    {
        var t = Fp(0xFE81_0B02 /* vmaxnm.f64 d0, d1, d2 */).D(1, 0x7FF8_0000_0000_0000).D(2, 0xC000_0000_0000_0000).Run();
        t.GetD(0).Should().Be(0xC000_0000_0000_0000);
        var u = Fp(0xFE81_0B42 /* vminnm.f64 d0, d1, d2 */).D(1, 0x3FF0_0000_0000_0000).D(2, 0x7FF8_0000_0000_0001).Run();
        u.GetD(0).Should().Be(0x3FF0_0000_0000_0000);
    }

    [Theory]
    [InlineData(0xFE00_0A81u, false, true, false, false, 1)]   // vseleq, Z=1 → s1
    [InlineData(0xFE00_0A81u, false, false, false, false, 2)]  // vseleq, Z=0 → s2
    [InlineData(0xFE10_0A81u, false, false, false, true, 1)]   // vselvs, V=1 → s1
    [InlineData(0xFE20_0A81u, true, false, false, true, 1)]    // vselge, N=V → s1
    [InlineData(0xFE20_0A81u, true, false, false, false, 2)]   // vselge, N≠V → s2
    [InlineData(0xFE30_0A81u, false, false, false, false, 1)]  // vselgt, Z=0 and N=V → s1
    [InlineData(0xFE30_0A81u, false, true, false, false, 2)]   // vselgt, Z=1 → s2
    public void Vsel_f32_picks_by_the_APSR_condition(uint code, bool n, bool z, bool c, bool v, int chosen)
    {
        var t = Fp(code).S(1, 0x7F80_0001).S(2, 0x4000_0000).Flags(n, z, c, v).Run();
        t.GetS(0).Should().Be(chosen == 1 ? 0x7F80_0001u : 0x4000_0000u);
        t.FpFlags().Should().Be(0);   // a plain move: no NaN processing
    }

    [Fact]
    public void Vsel_f64_moves_the_whole_double()
    {
        var t = Fp(0xFE01_0B02 /* vseleq.f64 d0, d1, d2 */).D(1, 0x1234_5678_9ABC_DEF0).D(2, 0).Flags(z: true).Run();
        t.GetD(0).Should().Be(0x1234_5678_9ABC_DEF0);
    }
}
