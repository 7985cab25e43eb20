using FluentAssertions;
using M7Sim.Tests.Workloads.Reference;
using Xunit;

namespace M7Sim.Tests.Workloads;

/// <summary>The reference's rounding arithmetic on hand-computed values (TFLite/gemmlowp definitions).</summary>
public sealed class FixedPointTests
{
    [Theory]
    [InlineData(int.MinValue, int.MinValue, int.MaxValue)]     // the one overflow: (-1)·(-1) = +1 saturates
    [InlineData(1 << 30, 1 << 30, 1 << 29)]                     // 0.5 · 0.5 = 0.25
    [InlineData(1, 1 << 30, 1)]                                 // 2^30/2^31 = 0.5 rounds up
    [InlineData(-1, 1 << 30, 0)]                                // -0.5 rounds toward +infinity
    [InlineData(3, 1 << 30, 2)]                                 // 1.5 -> 2
    [InlineData(-3, 1 << 30, -1)]                               // -1.5 -> -1
    [InlineData(int.MaxValue, int.MaxValue, int.MaxValue - 1)]  // (2^31-1)^2 / 2^31 = 2^31 - 2 + 2^-31
    [InlineData(int.MinValue, int.MaxValue, -int.MaxValue)]     // -2^31·(2^31-1)/2^31 exactly
    [InlineData(-5, int.MinValue, 5)]
    public void Srdhm_rounds_the_doubled_high_half_with_ties_toward_plus_infinity(int a, int b, int expected) =>
        FixedPoint.Srdhm(a, b).Should().Be(expected);

    [Theory]
    [InlineData(5, 1, 3)]    // 2.5 -> 3
    [InlineData(-5, 1, -3)]  // -2.5 -> -3: ties away from zero
    [InlineData(4, 1, 2)]
    [InlineData(5, 2, 1)]    // 1.25
    [InlineData(-5, 2, -1)]
    [InlineData(6, 2, 2)]    // 1.5
    [InlineData(-6, 2, -2)]
    [InlineData(7, 2, 2)]    // 1.75
    [InlineData(-7, 2, -2)]
    [InlineData(-7, 0, -7)]
    [InlineData(int.MaxValue, 12, 524288)]  // (2^31-1)/4096 = 524287.9998
    [InlineData(int.MaxValue, 31, 1)]
    [InlineData(int.MinValue, 31, -1)]
    public void Rounding_divide_by_power_of_two_rounds_ties_away_from_zero(int x, int exponent, int expected) =>
        FixedPoint.RoundingDivideByPot(x, exponent).Should().Be(expected);

    [Theory]
    [InlineData(100, 1 << 30, 0, 50)]        // x 0.5
    [InlineData(100, 1 << 30, -1, 25)]       // x 0.25
    [InlineData(100, 1 << 30, 1, 100)]       // x 0.5 x 2: a left shift is applied before the multiply
    [InlineData(-100, 1 << 30, 1, -100)]
    [InlineData(1, 1 << 30, -1, 1)]          // 0.25 -> 1: 0.5 rounds up, then 0.5 rounds up again (two roundings)
    [InlineData(-1, 1 << 30, -1, 0)]         // -0.5 -> 0 in the multiply, 0 after the shift
    [InlineData(-3, 1 << 30, -1, -1)]        // -1.5 -> -1, then -0.5 -> -1
    [InlineData(12345, 0x5A000000, -8, 34)]  // 12345·0.703125 = 8680.08 -> 8680; /256 = 33.9 -> 34
    public void Requantize_multiplies_by_the_Q31_multiplier_then_shifts(int acc, int multiplier, int shift, int expected) =>
        FixedPoint.Requantize(acc, multiplier, shift).Should().Be(expected);

    [Theory]
    [InlineData(1000, 127)]
    [InlineData(-1000, -128)]
    [InlineData(10, 7)]      // 10 + output offset -3
    [InlineData(-126, -128)] // the output offset is added before the clamp
    public void Output_adds_the_output_offset_and_clamps_to_the_activation_range(int acc, int expected) =>
        FixedPoint.Output(acc, 1 << 30, 1, -3, -128, 127).Should().Be((sbyte)expected);

    [Fact]
    public void Fnv1a_of_no_bytes_is_the_offset_basis_and_of_one_byte_follows_the_definition()
    {
        Fnv1a.Hash([]).Should().Be(0x811C9DC5u);
        // (0x811C9DC5 ^ 0x61) * 0x01000193 mod 2^32 = 0xE40C292C, FNV-1a 32 of "a"
        Fnv1a.Hash([(sbyte)'a']).Should().Be(0xE40C292Cu);
        // bytes are hashed as unsigned: -1 is 0xFF
        Fnv1a.Hash([(sbyte)-1]).Should().Be(unchecked((0x811C9DC5u ^ 0xFFu) * 0x01000193u));
    }
}
