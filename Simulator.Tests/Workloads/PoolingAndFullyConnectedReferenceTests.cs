using FluentAssertions;
using M7Sim.Tests.Workloads.Reference;
using Xunit;

namespace M7Sim.Tests.Workloads;

/// <summary>Pooling and fully connected reference operators on hand-computed cases.</summary>
public sealed class PoolingAndFullyConnectedReferenceTests
{
    // 4x4 ramp -8..7 (value = 4y + x - 8), 3x3 windows, stride 2, pad 1: windows rows/cols {-1,0,1} and {1,2,3}.
    private static readonly sbyte[] Ramp4x4 = Enumerable.Range(-8, 16).Select(v => (sbyte)v).ToArray();
    private static readonly Shape In4x4 = new(1, 4, 4, 1), Out2x2 = new(1, 2, 2, 1);

    [Fact]
    public void Max_pool_takes_the_largest_value_inside_the_input_then_clamps()
    {
        var p = new PoolParams { StrideH = 2, StrideW = 2, PadH = 1, PadW = 1, ActMax = 6 };
        // maxima at (1,1) = -3, (1,3) = -1, (3,1) = 5, (3,3) = 7 (clamped to 6)
        Pooling.Max(p, In4x4, Ramp4x4, 3, 3, Out2x2).Should().Equal(-3, -1, 5, 6);
    }

    [Fact]
    public void Average_pool_counts_only_positions_inside_the_input_and_rounds_half_away_from_zero()
    {
        var p = new PoolParams { StrideH = 2, StrideW = 2, PadH = 1, PadW = 1 };
        // (0,0): -8-7-4-3 = -22 over 4 = -5.5 -> -6
        // (0,1): -7-6-5-3-2-1 = -24 over 6 = -4
        // (1,0): -4-3+0+1+4+5 = 3 over 6 = 0.5 -> 1
        // (1,1): -3-2-1+1+2+3+5+6+7 = 18 over 9 = 2
        Pooling.Average(p, In4x4, Ramp4x4, 3, 3, Out2x2).Should().Equal(-6, -4, 1, 2);
    }

    [Fact]
    public void Pooling_works_per_channel_and_per_batch()
    {
        // Two batches of a 2x1 column with 3 channels, one 2x1 window.
        sbyte[] input = [1, -1, 100, 2, -2, 127, /* batch 1 */ 0, 0, -128, 0, 1, -127];
        var inShape = new Shape(2, 2, 1, 3);
        var outShape = new Shape(2, 1, 1, 3);
        var p = new PoolParams { StrideH = 2 };
        // averages 1.5 -> 2, -1.5 -> -2, 113.5 -> 114; 0, 0.5 -> 1, -127.5 -> -128
        Pooling.Average(p, inShape, input, 2, 1, outShape).Should().Equal(2, -2, 114, 0, 1, -128);
        Pooling.Max(p, inShape, input, 2, 1, outShape).Should().Equal(2, -1, 127, 0, 1, -127);
    }

    [Fact]
    public void Fully_connected_applies_offset_bias_and_one_scale_to_every_batch_row()
    {
        // W = [[1,2,3],[-1,0,1]], bias (1,-1), input offset 2, identity scale, output offset -1.
        // batch 0: x+2 = (2,3,4) -> 2+6+12+1 = 21, -2+0+4-1 = 1;  batch 1: x+2 = 0 -> 1, -1
        sbyte[] weights = [1, 2, 3, -1, 0, 1];
        sbyte[] input = [0, 1, 2, -2, -2, -2];
        FullyConnected.Run(2, -1, -128, 127, 1 << 30, 1, 2, 3, input, weights, [1, -1], 2).Should().Equal(20, 0, 0, -2);
        FullyConnected.Run(2, -1, -1, 15, 1 << 30, 1, 2, 3, input, weights, [1, -1], 2).Should().Equal(15, 0, 0, -1);
    }
}
