using FluentAssertions;
using M7Sim.Simulation;
using Xunit;
using static M7Sim.Tests.Execution.VfpTestSupport;

namespace M7Sim.Tests.Execution;

/// <summary>The FPv5 directed conversions VCVTA/N/P/M and the VRINT family.</summary>
public class VfpDirectedRoundingTests
{
    [Theory]
    [InlineData(0xFEBC_0AE0u, 0x4020_0000u, 0x0000_0003u, 0x10u)]  // vcvta.s32.f32: 2.5 → 3 (ties away)
    [InlineData(0xFEBC_0AE0u, 0xC020_0000u, 0xFFFF_FFFDu, 0x10u)]  // −2.5 → −3
    [InlineData(0xFEBD_0AE0u, 0x4020_0000u, 0x0000_0002u, 0x10u)]  // vcvtn.s32.f32: 2.5 → 2 (ties even)
    [InlineData(0xFEBD_0AE0u, 0x4060_0000u, 0x0000_0004u, 0x10u)]  // 3.5 → 4
    [InlineData(0xFEBE_0A60u, 0x4006_6666u, 0x0000_0003u, 0x10u)]  // vcvtp.u32.f32: 2.1 → 3
    [InlineData(0xFEBE_0A60u, 0xBF00_0000u, 0x0000_0000u, 0x10u)]  // ceil(−0.5) = −0 → 0, inexact only
    [InlineData(0xFEBF_0A60u, 0xBF00_0000u, 0x0000_0000u, 0x01u)]  // vcvtm.u32.f32: floor(−0.5) = −1 → saturates
    [InlineData(0xFEBF_0AE0u, 0xBF00_0000u, 0xFFFF_FFFFu, 0x10u)]  // vcvtm.s32.f32: −1
    [InlineData(0xFEBC_0A60u, 0x4F80_0000u, 0xFFFF_FFFFu, 0x01u)]  // vcvta.u32.f32: 2^32 saturates
    public void Directed_conversions_to_integer(uint code, uint input, uint expected, uint flags)
    {
        var t = Fp(code).S(1, input).Fpscr(0x00C0_0000 /* RZ: must not matter */).Run();
        t.GetS(0).Should().Be(expected);
        t.FpFlags().Should().Be(flags);
    }

    [Fact]
    public void Vcvta_s32_f64_rounds_half_away_from_zero()
    {
        var t = Fp(0xFEBC_0BC1 /* vcvta.s32.f64 s0, d1 */).D(1, 0xBFE0_0000_0000_0000 /* −0.5 */).Run();
        t.GetS(0).Should().Be(0xFFFF_FFFF);
        t.FpFlags().Should().Be(0x10);
    }

    [Theory]
    [InlineData(0xFEB8_0A60u, 0x4020_0000u, 0x0000_0000u, 0x4040_0000u, 0x00u)]  // vrinta: 2.5 → 3.0, no IXC
    [InlineData(0xFEB8_0A60u, 0xC020_0000u, 0x0000_0000u, 0xC040_0000u, 0x00u)]  // −2.5 → −3.0
    [InlineData(0xFEB8_0A60u, 0xBECC_CCCDu, 0x0000_0000u, 0x8000_0000u, 0x00u)]  // −0.4 → −0.0
    [InlineData(0xFEB8_0A60u, 0x3F00_0000u, 0x0000_0000u, 0x3F80_0000u, 0x00u)]  // 0.5 → 1.0
    [InlineData(0xFEB9_0A60u, 0x3F00_0000u, 0x0000_0000u, 0x0000_0000u, 0x00u)]  // vrintn: 0.5 → 0.0
    [InlineData(0xFEBA_0A60u, 0xBFC0_0000u, 0x0000_0000u, 0xBF80_0000u, 0x00u)]  // vrintp: −1.5 → −1.0
    [InlineData(0xFEBB_0A60u, 0xBFC0_0000u, 0x0000_0000u, 0xC000_0000u, 0x00u)]  // vrintm: −1.5 → −2.0
    [InlineData(0xFEBB_0A60u, 0x4E80_0000u, 0x0000_0000u, 0x4E80_0000u, 0x00u)]  // 2^30 is already integral
    [InlineData(0xFEB8_0A60u, 0x7F80_0001u, 0x0000_0000u, 0x7FC0_0001u, 0x01u)]  // sNaN quietened, IOC
    [InlineData(0xFEB8_0A60u, 0xFF80_0000u, 0x0000_0000u, 0xFF80_0000u, 0x00u)]  // −∞
    [InlineData(0xEEB6_0AE0u, 0xC02C_CCCDu, 0x0000_0000u, 0xC000_0000u, 0x00u)]  // vrintz: −2.7 → −2.0
    [InlineData(0xEEB6_0A60u, 0x4006_6666u, 0x0040_0000u, 0x4040_0000u, 0x00u)]  // vrintr, FPSCR RP: 2.1 → 3.0, no IXC
    [InlineData(0xEEB7_0A60u, 0x4020_0000u, 0x0000_0000u, 0x4000_0000u, 0x10u)]  // vrintx, RN: 2.5 → 2.0, IXC
    [InlineData(0xEEB7_0A60u, 0x4040_0000u, 0x0000_0000u, 0x4040_0000u, 0x00u)]  // vrintx of an integer: exact
    [InlineData(0xEEB7_0A60u, 0x0000_0001u, 0x0100_0000u, 0x0000_0000u, 0x80u)]  // FZ: denormal → +0, IDC, no IXC
    public void Vrint_f32_variants(uint code, uint input, uint fpscr, uint expected, uint flags)
    {
        var t = Fp(code).S(1, input).Fpscr(fpscr).Run();
        t.GetS(0).Should().Be(expected);
        t.FpFlags().Should().Be(flags);
    }

    [Theory]
    [InlineData(0xFEB9_0B41u, 0x4004_0000_0000_0000ul, 0x0000_0000u, 0x4000_0000_0000_0000ul, 0x00u)]  // vrintn: 2.5 → 2
    [InlineData(0xFEBA_0B41u, 0xBFE0_0000_0000_0000ul, 0x0000_0000u, 0x8000_0000_0000_0000ul, 0x00u)]  // vrintp: −0.5 → −0
    [InlineData(0xFEB8_0B41u, 0x4330_0000_0000_0001ul, 0x0000_0000u, 0x4330_0000_0000_0001ul, 0x00u)]  // 2^52 + 1 is integral
    [InlineData(0xEEB6_0BC1u, 0xC005_9999_9999_999Aul, 0x0000_0000u, 0xC000_0000_0000_0000ul, 0x00u)]  // vrintz: −2.7 → −2
    [InlineData(0xEEB6_0B41u, 0x4000_CCCC_CCCC_CCCDul, 0x0040_0000u, 0x4008_0000_0000_0000ul, 0x00u)]  // vrintr RP: 2.1 → 3
    [InlineData(0xEEB7_0B41u, 0x4004_0000_0000_0000ul, 0x0000_0000u, 0x4000_0000_0000_0000ul, 0x10u)]  // vrintx: 2.5 → 2, IXC
    public void Vrint_f64_variants(uint code, ulong input, uint fpscr, ulong expected, uint flags)
    {
        var t = Fp(code).D(1, input).Fpscr(fpscr).Run();
        t.GetD(0).Should().Be(expected);
        t.FpFlags().Should().Be(flags);
    }

    [Fact]
    public void Vrinta_inside_an_IT_block_is_unpredictable_and_faults()
    {
        // it eq ; vrinta.f32 s0, s1
        var t = Fp(0xBF08, 0xFEB8_0A60).S(1, 0x4020_0000).Flags(z: true).Run();
        t.Result.Reason.Should().Be(StopReason.Fault);
        t.Result.Message.Should().Contain("UNDEFINSTR");
    }
}
