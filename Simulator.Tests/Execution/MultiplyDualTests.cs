using FluentAssertions;
using Xunit;

namespace M7Sim.Tests.Execution;

/// <summary>
/// Dual 16x16 multiplies (A7.7.116 SMLAD, A7.7.123 SMLALD, A7.7.131 SMLSD, A7.7.132 SMLSLD, A7.7.136 SMUAD, A7.7.140 SMUSD).
/// p1 = Rn.lo * Rm.lo, p2 = Rn.hi * Rm.hi (X: Rm's halves swapped). Q is set only by the 32-bit forms, and only
/// when the final sum does not fit 32 bits; it is never cleared.
/// </summary>
public class MultiplyDualTests
{
    private const uint Smlad = 0xFB22_4103;   // smlad r1, r2, r3, r4
    private const uint Smladx = 0xFB22_4113;  // smladx r1, r2, r3, r4
    private const uint Smuad = 0xFB22_F103;   // smuad r1, r2, r3
    private const uint Smuadx = 0xFB22_F113;  // smuadx r1, r2, r3
    private const uint Smlsd = 0xFB42_4103;   // smlsd r1, r2, r3, r4
    private const uint Smlsdx = 0xFB42_4113;  // smlsdx r1, r2, r3, r4
    private const uint Smusd = 0xFB42_F103;   // smusd r1, r2, r3
    private const uint Smusdx = 0xFB42_F113;  // smusdx r1, r2, r3
    private const uint Smlald = 0xFBC3_12C4;  // smlald r1, r2, r3, r4 (RdLo r1, RdHi r2, Rn r3, Rm r4)
    private const uint Smlaldx = 0xFBC3_12D4; // smlaldx r1, r2, r3, r4
    private const uint Smlsld = 0xFBD3_12C4;  // smlsld r1, r2, r3, r4
    private const uint Smlsldx = 0xFBD3_12D4; // smlsldx r1, r2, r3, r4

    [Theory]
    [InlineData(0x0002_0003u, 0x0004_0005u, 10u, 0x0000_0021u)]          // 3*5 + 2*4 + 10 = 33
    [InlineData(0xFFFF_0002u, 0x0003_FFFCu, 0u, 0xFFFF_FFF5u)]           // 2*-4 + -1*3 = -11
    [InlineData(0x7FFF_7FFFu, 0x7FFF_7FFFu, 0u, 0x7FFE_0002u)]           // 2 * 0x3FFF0001, fits
    [InlineData(0x0001_0000u, 0x0001_0000u, 0x7FFF_FFFEu, 0x7FFF_FFFFu)] // reaches INT_MAX exactly
    [InlineData(0x8000_8000u, 0x8000_8000u, 0x8000_0000u, 0u)]           // 2^31 + -2^31: only the partial sum is out of range
    public void Smlad_adds_both_halfword_products_to_the_accumulator_without_touching_q(uint rn, uint rm, uint ra, uint expected)
    {
        var t = DspTestCase.Run(Smlad, r2: rn, r3: rm, r4: ra);
        t[1].Should().Be(expected);
        t.Cpu.Q.Should().BeFalse();
    }

    [Theory]
    [InlineData(0x8000_8000u, 0x8000_8000u, 0u, 0x8000_0000u)]           // 2^30 + 2^30 = 2^31
    [InlineData(0x0001_0001u, 0x0001_0001u, 0x7FFF_FFFFu, 0x8000_0001u)] // accumulate past INT_MAX
    [InlineData(0x7FFF_7FFFu, 0x8000_8000u, 0x8000_0000u, 0x0001_0000u)] // -0x7FFF0000 - 2^31 wraps below INT_MIN
    public void Smlad_sets_q_when_the_sum_overflows_32_bits_and_keeps_the_wrapped_result(uint rn, uint rm, uint ra, uint expected)
    {
        var t = DspTestCase.Run(Smlad, r2: rn, r3: rm, r4: ra);
        t[1].Should().Be(expected);
        t.Cpu.Q.Should().BeTrue();
    }

    [Fact]
    public void Smlad_never_clears_a_set_q_flag()
    {
        var t = DspTestCase.Run(Smlad, r2: 0x0002_0003, r3: 0x0004_0005, r4: 10, q: true);
        t[1].Should().Be(33u);
        t.Cpu.Q.Should().BeTrue();
    }

    [Theory]
    [InlineData(0x0002_0003u, 0x0004_0005u, 10u, 0x0000_0020u)]          // 3*4 + 2*5 + 10 = 32
    [InlineData(0x8000_0001u, 0x0001_8000u, 0u, 0x4000_0001u)]           // 1*1 + -0x8000*-0x8000
    [InlineData(0xFFFF_0001u, 0x0002_0003u, 0u, 0xFFFF_FFFFu)]           // 1*2 + -1*3 = -1
    public void Smladx_multiplies_each_half_of_rn_by_the_opposite_half_of_rm(uint rn, uint rm, uint ra, uint expected)
    {
        var t = DspTestCase.Run(Smladx, r2: rn, r3: rm, r4: ra);
        t[1].Should().Be(expected);
        t.Cpu.Q.Should().BeFalse();
    }

    [Theory]
    [InlineData(Smuad, 0x0002_0003u, 0x0004_0005u, 0x0000_0017u, false)]  // 15 + 8
    [InlineData(Smuad, 0x8000_7FFFu, 0x8000_8000u, 0x0000_8000u, false)]  // -0x3FFF8000 + 0x40000000
    [InlineData(Smuad, 0x8000_8000u, 0x8000_8000u, 0x8000_0000u, true)]   // the only overflow: 2^31
    [InlineData(Smuadx, 0x0002_0003u, 0x0004_0005u, 0x0000_0016u, false)] // 3*4 + 2*5
    [InlineData(Smuadx, 0x8000_8000u, 0x8000_8000u, 0x8000_0000u, true)]
    public void Smuad_adds_the_two_products_and_sets_q_only_for_two_int16_min_squares(uint encoding, uint rn, uint rm, uint expected, bool q)
    {
        var t = DspTestCase.Run(encoding, r2: rn, r3: rm, r4: 0x5555_5555);
        t[1].Should().Be(expected, "r4 is not an operand of SMUAD");
        t.Cpu.Q.Should().Be(q);
    }

    [Theory]
    [InlineData(Smlsd, 0x0002_0003u, 0x0004_0005u, 10u, 0x0000_0011u, false)]          // 15 - 8 + 10
    [InlineData(Smlsd, 0x8000_7FFFu, 0x7FFF_8000u, 0u, 0u, false)]                     // equal products cancel
    [InlineData(Smlsd, 0x8000_8000u, 0x8000_7FFFu, 0u, 0x8000_8000u, false)]           // -0x3FFF8000 - 0x40000000
    [InlineData(Smlsd, 0x8000_0000u, 0x7FFF_0000u, 0x8000_0000u, 0xBFFF_8000u, false)] // 0 + 0x3FFF8000 - 2^31
    [InlineData(Smlsd, 0x0000_0001u, 0x0000_0001u, 0x7FFF_FFFFu, 0x8000_0000u, true)]  // INT_MAX + 1
    [InlineData(Smlsd, 0x7FFF_0000u, 0x7FFF_0000u, 0x8000_0000u, 0x4000_FFFFu, true)]  // -0x3FFF0001 - 2^31
    [InlineData(Smlsdx, 0x0002_0003u, 0x0004_0005u, 10u, 0x0000_000Cu, false)]         // 3*4 - 2*5 + 10
    public void Smlsd_subtracts_the_top_product_from_the_bottom_and_sets_q_on_overflow(uint encoding, uint rn, uint rm, uint ra, uint expected, bool q)
    {
        var t = DspTestCase.Run(encoding, r2: rn, r3: rm, r4: ra);
        t[1].Should().Be(expected);
        t.Cpu.Q.Should().Be(q);
    }

    [Theory]
    [InlineData(Smusd, 0x0002_0003u, 0x0004_0005u, 0x0000_0007u)]   // 15 - 8
    [InlineData(Smusd, 0x8000_8000u, 0x7FFF_8000u, 0x7FFF_8000u)]   // largest difference: 2^30 + 0x3FFF8000, no overflow
    [InlineData(Smusd, 0x0001_0000u, 0x0001_0000u, 0xFFFF_FFFFu)]   // 0 - 1
    [InlineData(Smusdx, 0x0002_0003u, 0x0004_0005u, 0x0000_0002u)]  // 3*4 - 2*5
    public void Smusd_subtracts_the_products_and_cannot_overflow(uint encoding, uint rn, uint rm, uint expected)
    {
        var t = DspTestCase.Run(encoding, r2: rn, r3: rm, r4: 0x5555_5555);
        t[1].Should().Be(expected);
        t.Cpu.Q.Should().BeFalse();
    }

    [Theory]
    [InlineData(Smlald, 0xFFFF_FFFFu, 0u, 0x0001_0001u, 0x0001_0001u, 1u, 1u)]                   // 0xFFFFFFFF + 2 carries into RdHi
    [InlineData(Smlald, 0u, 0u, 0x8000_8000u, 0x8000_8000u, 0x8000_0000u, 0u)]                   // 2^31 fits in 64 bits: positive
    [InlineData(Smlald, 0u, 0u, 0xFFFF_FFFFu, 0x0001_0001u, 0xFFFF_FFFEu, 0xFFFF_FFFFu)]         // -2 sign-extends into RdHi
    [InlineData(Smlald, 0xFFFF_FFFFu, 0x7FFF_FFFFu, 0x0000_0001u, 0x0000_0001u, 0u, 0x8000_0000u)] // INT64_MAX + 1 wraps
    [InlineData(Smlaldx, 10u, 0u, 0x0002_0003u, 0x0004_0005u, 0x0000_0020u, 0u)]                 // 3*4 + 2*5 + 10
    [InlineData(Smlsld, 0u, 0u, 0x0002_0003u, 0x0004_0005u, 7u, 0u)]                              // 15 - 8
    [InlineData(Smlsld, 0u, 1u, 0x0001_0000u, 0x0001_0000u, 0xFFFF_FFFFu, 0u)]                   // 2^32 - 1 borrows from RdHi
    [InlineData(Smlsldx, 0u, 0u, 0x0002_0003u, 0x0004_0005u, 2u, 0u)]                             // 3*4 - 2*5
    public void Long_dual_multiplies_accumulate_into_rdhi_rdlo_modulo_2_to_the_64_without_q(uint encoding, uint lo, uint hi, uint rn, uint rm, uint expectedLo, uint expectedHi)
    {
        var t = DspTestCase.Run(encoding, r1: lo, r2: hi, r3: rn, r4: rm);
        t[1].Should().Be(expectedLo);
        t[2].Should().Be(expectedHi);
        t.Cpu.Q.Should().BeFalse();
    }
}
