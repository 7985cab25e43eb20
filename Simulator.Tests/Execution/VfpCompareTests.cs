using FluentAssertions;
using Xunit;
using static M7Sim.Tests.Execution.VfpTestSupport;

namespace M7Sim.Tests.Execution;

/// <summary>VCMP/VCMPE: FPSCR.NZCV is 1000 less, 0110 equal, 0010 greater, 0011 unordered (ARM ARM FPCompare).</summary>
public class VfpCompareTests
{
    private const uint VcmpS0S1 = 0xEEB4_0A60;   // vcmp.f32 s0, s1
    private const uint VcmpeS0S1 = 0xEEB4_0AE0;  // vcmpe.f32 s0, s1
    private const uint VcmpS0Zero = 0xEEB5_0A40; // vcmp.f32 s0, #0.0
    private const uint VcmpeS0Zero = 0xEEB5_0AC0; // vcmpe.f32 s0, #0.0
    private const uint VcmpD0D1 = 0xEEB4_0B41;   // vcmp.f64 d0, d1
    private const uint VcmpeD0D1 = 0xEEB4_0BC1;  // vcmpe.f64 d0, d1

    [Theory]
    [InlineData(VcmpS0S1, 0x3F80_0000u, 0x4000_0000u, 0x8u, 0x00u)]   // 1 < 2
    [InlineData(VcmpS0S1, 0x4000_0000u, 0x3F80_0000u, 0x2u, 0x00u)]   // 2 > 1
    [InlineData(VcmpS0S1, 0x0000_0000u, 0x8000_0000u, 0x6u, 0x00u)]   // +0 == −0
    [InlineData(VcmpS0S1, 0xBF80_0000u, 0x3F80_0000u, 0x8u, 0x00u)]   // −1 < 1
    [InlineData(VcmpS0S1, 0xC000_0000u, 0xBF80_0000u, 0x8u, 0x00u)]   // −2 < −1
    [InlineData(VcmpS0S1, 0xFF80_0000u, 0xFF7F_FFFFu, 0x8u, 0x00u)]   // −∞ < −max
    [InlineData(VcmpS0S1, 0x7FC0_0000u, 0x3F80_0000u, 0x3u, 0x00u)]   // quiet NaN: unordered, no flag for VCMP
    [InlineData(VcmpeS0S1, 0x7FC0_0000u, 0x3F80_0000u, 0x3u, 0x01u)]  // VCMPE: quiet NaN signals IOC
    [InlineData(VcmpS0S1, 0x3F80_0000u, 0x7F80_0001u, 0x3u, 0x01u)]   // signalling NaN: IOC even for VCMP
    [InlineData(VcmpS0S1, 0x0000_0001u, 0x0000_0002u, 0x8u, 0x00u)]   // denormals compare by value
    public void Vcmp_f32_sets_FPSCR_NZCV(uint code, uint a, uint b, uint nzcv, uint flags)
    {
        var t = Fp(code).S(0, a).S(1, b).Run();
        (t.Cpu.Fpscr >> 28).Should().Be(nzcv);
        t.FpFlags().Should().Be(flags);
    }

    [Fact]
    public void Vcmp_with_flush_to_zero_treats_denormals_as_zero_and_sets_IDC()
    {
        var t = Fp(VcmpS0S1).S(0, 0x0000_0001).S(1, 0x8000_0002).Fpscr(0x0100_0000).Run();
        (t.Cpu.Fpscr >> 28).Should().Be(0x6u);
        t.FpFlags().Should().Be(0x80);
    }

    [Theory]
    [InlineData(VcmpS0Zero, 0x8000_0000u, 0x6u, 0x00u)]   // −0 == #0
    [InlineData(VcmpS0Zero, 0x8000_0001u, 0x8u, 0x00u)]   // tiny negative < 0
    [InlineData(VcmpeS0Zero, 0x7FC0_0000u, 0x3u, 0x01u)]
    [InlineData(VcmpS0Zero, 0x7FC0_0000u, 0x3u, 0x00u)]
    public void Vcmp_with_zero_compares_against_plus_zero(uint code, uint a, uint nzcv, uint flags)
    {
        var t = Fp(code).S(0, a).S(1, 0xFFFF_FFFF).Run();
        (t.Cpu.Fpscr >> 28).Should().Be(nzcv);
        t.FpFlags().Should().Be(flags);
    }

    [Theory]
    [InlineData(VcmpD0D1, 0x3FF0_0000_0000_0000ul, 0x3FF0_0000_0000_0001ul, 0x8u, 0x00u)]
    [InlineData(VcmpD0D1, 0xFFF0_0000_0000_0000ul, 0xFFF0_0000_0000_0000ul, 0x6u, 0x00u)]   // −∞ == −∞
    [InlineData(VcmpeD0D1, 0x3FF0_0000_0000_0000ul, 0x7FF8_0000_0000_0000ul, 0x3u, 0x01u)]
    public void Vcmp_f64_sets_FPSCR_NZCV(uint code, ulong a, ulong b, uint nzcv, uint flags)
    {
        var t = Fp(code).D(0, a).D(1, b).Run();
        (t.Cpu.Fpscr >> 28).Should().Be(nzcv);
        t.FpFlags().Should().Be(flags);
    }

    [Fact]
    public void Vcmp_then_vmrs_APSR_nzcv_drives_a_conditional_branch_condition()
    {
        // vcmp.f32 s0, s1 ; vmrs APSR_nzcv, fpscr
        var t = Fp(VcmpS0S1, 0xEEF1_FA10).S(0, 0x4000_0000).S(1, 0x4000_0000).Run();
        t.Cpu.Z.Should().BeTrue();
        t.Cpu.C.Should().BeTrue();
        t.Cpu.N.Should().BeFalse();
        t.Cpu.V.Should().BeFalse();
    }
}
