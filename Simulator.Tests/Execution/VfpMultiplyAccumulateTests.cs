using FluentAssertions;
using Xunit;
using static M7Sim.Tests.Execution.VfpTestSupport;

namespace M7Sim.Tests.Execution;

/// <summary>
/// Chained (VMLA/VMLS/VNMLA/VNMLS: product rounded, then the sum) against fused (VFMA/VFMS/VFNMA/VFNMS:
/// one rounding) multiply-accumulate, and VNMUL. With n = m = 1 + 2^-12 the exact product is
/// 1 + 2^-11 + 2^-24, which single precision rounds (a tie, to even) to 1 + 2^-11 = 0x3F801000.
/// </summary>
public class VfpMultiplyAccumulateTests
{
    private const uint OnePlus2m12 = 0x3F80_0800;   // 1 + 2^-12
    private const uint OnePlus2m11 = 0x3F80_1000;   // 1 + 2^-11

    [Theory]
    [InlineData(0xEE00_0A81u, 0xBF80_1000u, 0x0000_0000u, 0x10u)]  // vmla.f32:  −(1+2^-11) + rounded product = +0, IXC from the product
    [InlineData(0xEEA0_0A81u, 0xBF80_1000u, 0x3380_0000u, 0x00u)]  // vfma.f32:  exact 2^-24
    [InlineData(0xEE00_0AC1u, 0x3F80_1000u, 0x0000_0000u, 0x10u)]  // vmls.f32:  (1+2^-11) − rounded product = +0
    [InlineData(0xEEA0_0AC1u, 0x3F80_1000u, 0xB380_0000u, 0x00u)]  // vfms.f32:  (1+2^-11) − exact product = −2^-24
    [InlineData(0xEE10_0AC1u, 0x3F80_0000u, 0xC000_0800u, 0x10u)]  // vnmla.f32: −1 − (1+2^-11) = −(2+2^-11)
    [InlineData(0xEE10_0A81u, 0x3F80_0000u, 0x3A00_0000u, 0x10u)]  // vnmls.f32: −1 + (1+2^-11) = 2^-11
    [InlineData(0xEE90_0AC1u, 0xBF80_1000u, 0xB380_0000u, 0x00u)]  // vfnma.f32: (1+2^-11) − exact product = −2^-24
    [InlineData(0xEE90_0A81u, 0x3F80_1000u, 0x3380_0000u, 0x00u)]  // vfnms.f32: −(1+2^-11) + exact product = 2^-24
    public void Multiply_accumulate_f32_rounds_once_when_fused_and_twice_when_chained(uint code, uint acc, uint expected, uint flags)
    {
        var t = Fp(code).S(0, acc).S(1, OnePlus2m12).S(2, OnePlus2m12).Run();
        t.GetS(0).Should().Be(expected);
        t.FpFlags().Should().Be(flags);
    }

    [Fact]
    public void Vnmul_f32_negates_the_rounded_product()
    {
        var t = Fp(0xEE20_0AC1 /* vnmul.f32 s0, s1, s2 */).S(1, OnePlus2m12).S(2, OnePlus2m12).Run();
        t.GetS(0).Should().Be(OnePlus2m11 | 0x8000_0000);
        t.FpFlags().Should().Be(0x10);
    }

    [Theory]
    // (1 + 2^-52)(1 − 2^-52) = 1 − 2^-104: fused keeps −2^-104 after adding −1, chained rounds the product to 1 first.
    [InlineData(0xEEA1_0B02u, 0xB970_0000_0000_0000ul, 0x00u)]   // vfma.f64 d0, d1, d2
    [InlineData(0xEE01_0B02u, 0x0000_0000_0000_0000ul, 0x10u)]   // vmla.f64 d0, d1, d2
    public void Multiply_accumulate_f64_fused_and_chained(uint code, ulong expected, uint flags)
    {
        var t = Fp(code).D(0, 0xBFF0_0000_0000_0000).D(1, 0x3FF0_0000_0000_0001).D(2, 0x3FEF_FFFF_FFFF_FFFE).Run();
        t.GetD(0).Should().Be(expected);
        t.FpFlags().Should().Be(flags);
    }

    [Theory]
    [InlineData(0xEE01_0B42u, 0x4000_0000_0000_0000ul, 0x3FF0_0000_0000_0000ul)]  // vmls.f64:  3 − 1×2 = 1
    [InlineData(0xEE11_0B42u, 0x4000_0000_0000_0000ul, 0xC014_0000_0000_0000ul)]  // vnmla.f64: −3 − 2 = −5
    [InlineData(0xEE11_0B02u, 0x4000_0000_0000_0000ul, 0xBFF0_0000_0000_0000ul)]  // vnmls.f64: −3 + 2 = −1
    [InlineData(0xEE21_0B42u, 0x4000_0000_0000_0000ul, 0xC000_0000_0000_0000ul)]  // vnmul.f64: −(1×2)
    [InlineData(0xEEA1_0B42u, 0x4000_0000_0000_0000ul, 0x3FF0_0000_0000_0000ul)]  // vfms.f64:  3 + (−1)×2 = 1
    [InlineData(0xEE91_0B42u, 0x4000_0000_0000_0000ul, 0xC014_0000_0000_0000ul)]  // vfnma.f64: −3 + (−1)×2 = −5
    [InlineData(0xEE91_0B02u, 0x4000_0000_0000_0000ul, 0xBFF0_0000_0000_0000ul)]  // vfnms.f64: −3 + 1×2 = −1
    public void Double_precision_accumulate_forms_pick_the_right_signs(uint code, ulong m, ulong expected)
    {
        var t = Fp(code).D(0, 0x4008_0000_0000_0000 /* 3 */).D(1, 0x3FF0_0000_0000_0000 /* 1 */).D(2, m).Run();
        t.GetD(0).Should().Be(expected);
    }

    [Theory]
    // A quiet-NaN addend with 0 × ∞ still gives the default NaN and Invalid Operation (FPMulAdd).
    [InlineData(0xEEA0_0A81u, 0x7FC0_0001u, 0x0000_0000u, 0x7F80_0000u, 0x7FC0_0000u, 0x01u)]
    // Signalling NaN beats a quiet NaN in an earlier position: addend QNaN, n SNaN → n quietened.
    [InlineData(0xEEA0_0A81u, 0xFFC0_0009u, 0x7F80_0005u, 0x7FC0_0006u, 0x7FC0_0005u, 0x01u)]
    // Quiet NaNs only: the addend comes first.
    [InlineData(0xEEA0_0A81u, 0xFFC0_0009u, 0x7FC0_0005u, 0x3F80_0000u, 0xFFC0_0009u, 0x00u)]
    // VFMS negates n before the operation, so a NaN n propagates with its sign flipped.
    [InlineData(0xEEA0_0AC1u, 0x3F80_0000u, 0x7FC0_0001u, 0x3F80_0000u, 0xFFC0_0001u, 0x00u)]
    // ∞ + (−∞ product) is invalid; ∞ × 2 + 1 = ∞.
    [InlineData(0xEEA0_0A81u, 0x7F80_0000u, 0xFF80_0000u, 0x4000_0000u, 0x7FC0_0000u, 0x01u)]
    [InlineData(0xEEA0_0A81u, 0x3F80_0000u, 0x7F80_0000u, 0x4000_0000u, 0x7F80_0000u, 0x00u)]
    // −0 + (+0 × −1) = −0 (same-signed zeros); +0 + (+0 × −1) = +0 in RN.
    [InlineData(0xEEA0_0A81u, 0x8000_0000u, 0x0000_0000u, 0xBF80_0000u, 0x8000_0000u, 0x00u)]
    [InlineData(0xEEA0_0A81u, 0x0000_0000u, 0x0000_0000u, 0xBF80_0000u, 0x0000_0000u, 0x00u)]
    // Chained VMLA with a NaN product: the NaN from the multiply propagates through the add.
    [InlineData(0xEE00_0A81u, 0x3F80_0000u, 0x7F80_0003u, 0x3F80_0000u, 0x7FC0_0003u, 0x01u)]
    public void Multiply_accumulate_special_operands(uint code, uint acc, uint n, uint m, uint expected, uint flags)
    {
        var t = Fp(code).S(0, acc).S(1, n).S(2, m).Run();
        t.GetS(0).Should().Be(expected);
        t.FpFlags().Should().Be(flags);
    }
}
