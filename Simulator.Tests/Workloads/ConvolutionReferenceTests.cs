using FluentAssertions;
using M7Sim.Tests.Workloads.Reference;
using Xunit;

namespace M7Sim.Tests.Workloads;

/// <summary>
/// Convolution and depthwise convolution on small hand-computed cases: padding, strides, dilation, batches,
/// odd channel counts, zero points and activation clamps. Most cases use the identity requantisation
/// (multiplier 0.5 with shift +1 is exactly ×1) so the expected outputs are plain sums.
/// </summary>
public sealed class ConvolutionReferenceTests
{
    private static PerChannelQuant Identity(int channels) =>
        new(Enumerable.Repeat(1 << 30, channels).ToArray(), Enumerable.Repeat(1, channels).ToArray());

    private static sbyte[] Ramp(int n, int start = 0) => Enumerable.Range(start, n).Select(v => (sbyte)v).ToArray();

    private static sbyte[] Ones(int n) => Enumerable.Repeat((sbyte)1, n).ToArray();

    [Fact]
    public void Padded_positions_contribute_zero_not_the_input_offset()
    {
        // 3x3 input of 1s with input offset 2 (each real position contributes 3), 3x3 filter of 1s, pad 1:
        // corners see 4 positions, edges 6, the centre 9.
        var p = new ConvParams { InputOffset = 2, PadH = 1, PadW = 1 };
        var output = Convolution.Conv(p, Identity(1), new Shape(1, 3, 3, 1), Ones(9), new Shape(1, 3, 3, 1), Ones(9), [0], new Shape(1, 3, 3, 1));

        output.Should().Equal(12, 18, 12, 18, 27, 18, 12, 18, 12);
    }

    [Fact]
    public void Stride_two_moves_the_window_two_positions()
    {
        // 4x4 ramp 0..15, 2x2 filter of 1s, stride 2: the four 2x2 block sums.
        var p = new ConvParams { StrideH = 2, StrideW = 2 };
        var output = Convolution.Conv(p, Identity(1), new Shape(1, 4, 4, 1), Ramp(16), new Shape(1, 2, 2, 1), Ones(4), [0], new Shape(1, 2, 2, 1));

        output.Should().Equal(0 + 1 + 4 + 5, 2 + 3 + 6 + 7, 8 + 9 + 12 + 13, 10 + 11 + 14 + 15);
    }

    [Fact]
    public void Dilation_spreads_the_filter_taps()
    {
        // 5x5 ramp, 2x2 filter of 1s with dilation 2 reads (y,x), (y,x+2), (y+2,x), (y+2,x+2):
        // output(0,0) = 0 + 2 + 10 + 12 = 24, and every step of the window adds 4·(5·oy + ox).
        var p = new ConvParams { DilationH = 2, DilationW = 2 };
        var output = Convolution.Conv(p, Identity(1), new Shape(1, 5, 5, 1), Ramp(25), new Shape(1, 2, 2, 1), Ones(4), [0], new Shape(1, 3, 3, 1));

        output.Should().Equal(24, 28, 32, 44, 48, 52, 64, 68, 72);
    }

    [Fact]
    public void Batches_and_odd_channel_counts_use_the_OHWI_filter_per_batch()
    {
        // Two batches of one pixel with 3 channels, 5 output channels; input offset 1, output offset -5.
        sbyte[] input = [1, 2, 3, /* batch 1 */ -1, 0, 4];
        sbyte[] filter = [1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, -1, 2];
        int[] bias = [0, 0, 0, 0, 10];
        var p = new ConvParams { InputOffset = 1, OutputOffset = -5 };
        // batch 0: x+1 = (2,3,4) -> 2, 3, 4, 9, 2-3+8+10 = 17;  batch 1: (0,1,5) -> 0, 1, 5, 6, 0-1+10+10 = 19
        sbyte[] expected = [-3, -2, -1, 4, 12, -5, -4, 0, 1, 14];

        Convolution.Conv(p, Identity(5), new Shape(2, 1, 1, 3), input, new Shape(5, 1, 1, 3), filter, bias, new Shape(2, 1, 1, 5))
            .Should().Equal(expected);
        Convolution.Conv1x1(p, Identity(5), new Shape(2, 1, 1, 3), input, new Shape(5, 1, 1, 3), filter, bias, new Shape(2, 1, 1, 5))
            .Should().Equal(expected);
    }

    [Fact]
    public void Per_channel_requantisation_then_the_activation_clamp()
    {
        // One input value 30; channel 0 scales by 0.5 (15, clamped to 10), channel 1 by 1 after bias -50 (-20, clamped to -10).
        var p = new ConvParams { ActMin = -10, ActMax = 10 };
        var q = new PerChannelQuant([1 << 30, 1 << 30], [0, 1]);
        Convolution.Conv(p, q, new Shape(1, 1, 1, 1), [30], new Shape(2, 1, 1, 1), [1, 1], [0, -50], new Shape(1, 1, 1, 2))
            .Should().Equal(10, -10);
    }

    [Fact]
    public void One_by_n_convolution_with_padding_and_stride()
    {
        // Row 1..6, filter (1,2,3), pad 1, stride 2: windows at -1..1, 1..3, 3..5.
        var p = new ConvParams { PadW = 1, StrideW = 2 };
        Convolution.Conv1xN(p, Identity(1), new Shape(1, 1, 6, 1), Ramp(6, 1), new Shape(1, 1, 3, 1), [1, 2, 3], [0], new Shape(1, 1, 3, 1))
            .Should().Equal(0 + 2 + 6, 2 + 6 + 12, 4 + 10 + 18);
    }

    [Fact]
    public void Specialised_kernels_reject_shapes_they_do_not_implement()
    {
        var act = () => Convolution.Conv1x1(new ConvParams { PadH = 1, PadW = 1 }, Identity(1), new Shape(1, 3, 3, 1), Ones(9),
            new Shape(1, 3, 3, 1), Ones(9), [0], new Shape(1, 3, 3, 1));
        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Depthwise_output_channel_reads_input_channel_o_over_ch_mult()
    {
        // Input (3, -2) + offset 1 = (4, -1); ch_mult 2 -> outputs 4·1, 4·2, -1·3, -1·4.
        var p = new ConvParams { InputOffset = 1, ChannelMultiplier = 2 };
        Convolution.Depthwise(p, Identity(4), new Shape(1, 1, 1, 2), [3, -2], new Shape(1, 1, 1, 4), [1, 2, 3, 4], [0, 0, 0, 0], new Shape(1, 1, 1, 4))
            .Should().Equal(4, 8, -3, -4);
    }

    [Fact]
    public void Depthwise_dilation_with_padding_skips_taps_outside_the_input()
    {
        // 3x3 input 1..9, 3x3 filter of 1s, dilation 2, pad 2: taps at offsets -2, 0, 2 around (oy, ox);
        // corners see the four corners (1+3+7+9), edges two values (2+8 or 4+6), the centre only 5.
        var p = new ConvParams { PadH = 2, PadW = 2, DilationH = 2, DilationW = 2 };
        Convolution.Depthwise(p, Identity(1), new Shape(1, 3, 3, 1), Ramp(9, 1), new Shape(1, 3, 3, 1), Ones(9), [0], new Shape(1, 3, 3, 1))
            .Should().Equal(20, 10, 20, 10, 5, 10, 20, 10, 20);
    }

    [Fact]
    public void Depthwise_with_batches_odd_channels_and_stride()
    {
        // Two batches of a 1x3 row of 3-channel pixels, 1x2 filter, stride 2 (one output pixel), output offset 1.
        sbyte[] input = [1, 2, 3, 4, 5, 6, 7, 8, 9, /* batch 1 */ -1, -2, -3, -4, -5, -6, -7, -8, -9];
        sbyte[] filter = [1, 1, 1, /* kx = 1 */ 2, 0, -1];
        var p = new ConvParams { StrideH = 2, StrideW = 2, OutputOffset = 1 };
        // batch 0: (1+8, 2+0, 3-6) = (9, 2, -3); batch 1 negated
        Convolution.Depthwise(p, Identity(3), new Shape(2, 1, 3, 3), input, new Shape(1, 1, 2, 3), filter, [0, 0, 0], new Shape(2, 1, 1, 3))
            .Should().Equal(10, 3, -2, -8, -1, 4);
    }
}
