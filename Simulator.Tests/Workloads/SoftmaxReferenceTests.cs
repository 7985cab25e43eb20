using FluentAssertions;
using M7Sim.Tests.Workloads.Reference;
using Xunit;

namespace M7Sim.Tests.Workloads;

/// <summary>
/// gemmlowp exp / reciprocal and the int8 softmax built on them. The fixed-point functions are
/// approximations, so they are checked against the real function within their stated error (the 4th-order
/// Taylor step of exp has a remainder below (1/8)^5/120 ≈ 2.6e-7, i.e. ≈ 560 LSB of Q0.31; the Newton
/// reciprocal converges far below the rounding of its last steps); softmax outputs are checked on rows whose
/// result is exact by hand, and on random rows against a float softmax within 1 LSB (the README's contract).
/// </summary>
public sealed class SoftmaxReferenceTests
{
    private const double Q31 = 2147483648.0;

    [Fact]
    public void Exp_of_zero_is_one_in_Q0_31() => GemmlowpExp.ExpOnNegativeValues(0).Should().Be(int.MaxValue);

    [Theory]
    [InlineData(-1.0 / 64)]
    [InlineData(-0.25)]
    [InlineData(-0.3)]
    [InlineData(-1.0)]
    [InlineData(-2.71)]
    [InlineData(-7.5)]
    [InlineData(-16.0)]
    [InlineData(-31.9)]
    public void Exp_on_negative_values_is_within_the_Taylor_remainder_of_the_real_exp(double x)
    {
        int q526 = (int)Math.Round(x * (1 << 26));
        double expected = Math.Exp(q526 / (double)(1 << 26)) * Q31;

        ((double)GemmlowpExp.ExpOnNegativeValues(q526)).Should().BeApproximately(expected, 600);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.999)]
    public void One_over_one_plus_x_converges_to_the_reciprocal(double x)
    {
        int q031 = (int)Math.Min(Math.Round(x * Q31), int.MaxValue);
        double expected = Math.Min(Q31 / (1 + q031 / Q31), int.MaxValue);

        ((double)GemmlowpExp.OneOverOnePlusX(q031)).Should().BeApproximately(expected, 8);
    }

    // Input scale 1/16 (the benchmarks' parameters): beta multiplier 0.5 in Q31, left shift 23, diff_min -248.
    private static sbyte[] Softmax16(sbyte[] row, int rows = 1) => Softmax.Run(row, rows, row.Length / rows, 0x40000000, 23, -248);

    [Fact]
    public void A_single_element_row_has_probability_one_which_clamps_to_127() =>
        Softmax16([-37]).Should().Equal(127); // 256/256 - 128 = 128 > 127

    [Fact]
    public void Equal_entries_share_the_probability_exactly()
    {
        Softmax16([5, 5]).Should().Equal(0, 0);              // 1/2: 128 - 128
        Softmax16([-9, -9, -9, -9]).Should().Equal(-64, -64, -64, -64); // 1/4: 64 - 128
    }

    [Fact]
    public void Each_row_is_normalised_on_its_own()
    {
        Softmax16([5, 5, -100, -100], rows: 2).Should().Equal(0, 0, 0, 0);
    }

    [Fact]
    public void Entries_further_below_the_row_maximum_than_diff_min_give_minus_128_and_do_not_count()
    {
        // diff_min -50: the second entry (diff -100) is dropped, so the first has probability 1.
        Softmax.Run([0, -100], 1, 2, 0x40000000, 23, -50).Should().Equal(127, -128);
    }

    [Fact]
    public void Random_rows_agree_with_a_float_softmax_within_one_LSB()
    {
        var rng = new Random(1234);
        for (int trial = 0; trial < 200; trial++)
        {
            int n = rng.Next(2, 40);
            var row = new sbyte[n];
            for (int i = 0; i < n; i++) row[i] = (sbyte)rng.Next(-128, 128);
            var output = Softmax16(row);
            int max = row.Max(v => (int)v);
            double sum = row.Sum(v => Math.Exp((v - max) / 16.0));
            for (int i = 0; i < n; i++)
            {
                double want = Math.Min(Math.Exp((row[i] - max) / 16.0) / sum * 256 - 128, 127);
                ((double)output[i]).Should().BeApproximately(want, 1.0, $"row {string.Join(' ', row)}, element {i}");
            }
        }
    }
}
