using FluentAssertions;
using Xunit;

namespace M7Sim.Tests.Execution;

/// <summary>
/// Signed halfword multiplies (A7.7.115 SMLAxy, A7.7.137 SMULxy, A7.7.119 SMLAWy, A7.7.139 SMULWy, A7.7.118 SMLALxy).
/// B/T select the bottom/top halfword of Rn (first letter) and Rm (second letter).
/// </summary>
public class MultiplyHalfwordTests
{
    // r2 = 0x0003_FFFE: top 3, bottom -2. r3 = 0x8000_0005: top -32768, bottom 5.
    private const uint N = 0x0003_FFFE, M = 0x8000_0005;

    [Theory]
    [InlineData(0xFB12_4103u, 0x0000_005Au)] // smlabb r1, r2, r3, r4: -2 * 5 + 100
    [InlineData(0xFB12_4113u, 0x0001_0064u)] // smlabt r1, r2, r3, r4: -2 * -32768 + 100
    [InlineData(0xFB12_4123u, 0x0000_0073u)] // smlatb r1, r2, r3, r4: 3 * 5 + 100
    [InlineData(0xFB12_4133u, 0xFFFE_8064u)] // smlatt r1, r2, r3, r4: 3 * -32768 + 100
    public void Smlaxy_multiplies_the_selected_halves_and_adds_ra(uint encoding, uint expected)
    {
        var t = DspTestCase.Run(encoding, r2: N, r3: M, r4: 100);
        t[1].Should().Be(expected);
        t.Cpu.Q.Should().BeFalse();
    }

    [Theory]
    [InlineData(0xFB12_F103u, 0xFFFF_FFF6u)] // smulbb r1, r2, r3: -2 * 5
    [InlineData(0xFB12_F113u, 0x0001_0000u)] // smulbt r1, r2, r3: -2 * -32768
    [InlineData(0xFB12_F123u, 0x0000_000Fu)] // smultb r1, r2, r3: 3 * 5
    [InlineData(0xFB12_F133u, 0xFFFE_8000u)] // smultt r1, r2, r3: 3 * -32768
    public void Smulxy_multiplies_the_selected_halves(uint encoding, uint expected)
    {
        var t = DspTestCase.Run(encoding, r2: N, r3: M, r4: 0x5555_5555);
        t[1].Should().Be(expected);
    }

    [Fact]
    public void Smulbb_of_two_int16_min_is_exactly_2_to_the_30_without_q()
    {
        var t = DspTestCase.Run(0xFB12_F103 /* smulbb r1, r2, r3 */, r2: 0x0000_8000, r3: 0x0000_8000);
        t[1].Should().Be(0x4000_0000u);
        t.Cpu.Q.Should().BeFalse();
    }

    [Theory]
    [InlineData(0x0000_8000u, 0x0000_8000u, 0x4000_0000u, 0x8000_0000u)]  // 2^30 + 2^30
    [InlineData(0x0000_7FFFu, 0x0000_8000u, 0x8000_0000u, 0x4000_8000u)]  // -0x3FFF8000 - 2^31
    public void Smlabb_sets_q_when_the_accumulation_overflows(uint rn, uint rm, uint ra, uint expected)
    {
        var t = DspTestCase.Run(0xFB12_4103 /* smlabb r1, r2, r3, r4 */, r2: rn, r3: rm, r4: ra);
        t[1].Should().Be(expected);
        t.Cpu.Q.Should().BeTrue();
    }

    [Fact]
    public void Smlabb_never_clears_a_set_q_flag()
    {
        var t = DspTestCase.Run(0xFB12_4103 /* smlabb r1, r2, r3, r4 */, r2: 2, r3: 3, r4: 4, q: true);
        t[1].Should().Be(10u);
        t.Cpu.Q.Should().BeTrue();
    }

    [Theory]
    [InlineData(0xFB32_4103u, 0x0001_0000u, 0x0000_0003u, 5u, 8u, false)]                      // smlawb: (65536 * 3 + (5 << 16)) >> 16
    [InlineData(0xFB32_4113u, 0x0001_0000u, 0x0003_0000u, 5u, 8u, false)]                      // smlawt: top half of Rm
    [InlineData(0xFB32_4103u, 0x7FFF_FFFFu, 0x0000_4000u, 0u, 0x1FFF_FFFFu, false)]            // 0x1FFF_FFFF_C000 >> 16
    [InlineData(0xFB32_4103u, 0x7FFF_FFFFu, 0x0000_7FFFu, 0x7FFF_FFFFu, 0xBFFF_7FFEu, true)]   // 0xBFFF_7FFE_8001 >> 16 exceeds INT_MAX
    [InlineData(0xFB32_F103u, 0xFFFF_FFFFu, 0x0000_0001u, 0u, 0xFFFF_FFFFu, false)]            // smulwb: -1 >> 16 rounds down to -1
    [InlineData(0xFB32_F103u, 0x8000_0000u, 0x0000_8000u, 0u, 0x4000_0000u, false)]            // smulwb: 2^46 >> 16, largest product
    [InlineData(0xFB32_F113u, 0x8000_0000u, 0x8000_1234u, 0u, 0x4000_0000u, false)]            // smulwt: top half -32768
    public void Smlawy_keeps_bits_47_to_16_of_the_48_bit_sum(uint encoding, uint rn, uint rm, uint ra, uint expected, bool q)
    {
        var t = DspTestCase.Run(encoding, r2: rn, r3: rm, r4: ra);
        t[1].Should().Be(expected);
        t.Cpu.Q.Should().Be(q);
    }

    [Theory]
    [InlineData(0xFBC3_1284u, 0xFFFF_FFFFu, 0u, 0x0003_0002u, 0x0004_0001u, 1u, 1u)]                     // smlalbb: 2 * 1 carries into RdHi
    [InlineData(0xFBC3_1294u, 0u, 0u, 0x0003_0002u, 0x0004_0001u, 8u, 0u)]                                // smlalbt: 2 * 4
    [InlineData(0xFBC3_12A4u, 0u, 0u, 0x0003_0002u, 0x0004_0001u, 3u, 0u)]                                // smlaltb: 3 * 1
    [InlineData(0xFBC3_12B4u, 0u, 0u, 0x0003_0002u, 0x0004_0001u, 12u, 0u)]                               // smlaltt: 3 * 4
    [InlineData(0xFBC3_1284u, 0u, 0u, 0x0000_FFFFu, 0x0000_0001u, 0xFFFF_FFFFu, 0xFFFF_FFFFu)]           // -1 sign-extends to 64 bits
    [InlineData(0xFBC3_1284u, 0xFFFF_FFFFu, 0x7FFF_FFFFu, 0x0000_8000u, 0x0000_8000u, 0x3FFF_FFFFu, 0x8000_0000u)] // INT64_MAX + 2^30 wraps, no Q
    public void Smlalxy_adds_the_halfword_product_to_the_64_bit_accumulator(uint encoding, uint lo, uint hi, uint rn, uint rm, uint expectedLo, uint expectedHi)
    {
        var t = DspTestCase.Run(encoding, r1: lo, r2: hi, r3: rn, r4: rm);
        t[1].Should().Be(expectedLo);
        t[2].Should().Be(expectedHi);
        t.Cpu.Q.Should().BeFalse();
    }
}
