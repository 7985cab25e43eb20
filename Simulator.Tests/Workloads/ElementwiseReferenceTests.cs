using FluentAssertions;
using M7Sim.Tests.Workloads.Reference;
using Xunit;

namespace M7Sim.Tests.Workloads;

/// <summary>Elementwise add/mul and the activations on hand-computed values.</summary>
public sealed class ElementwiseReferenceTests
{
    // The benchmark parameters: offsets 7 / -5, input multipliers 0.5 / 0.75 with shift -1, left shift 20,
    // output multiplier 0.625 with shift -19, output offset -3.
    private static sbyte[] BenchAdd(sbyte[] a, sbyte[] b, int actMax = 127) =>
        Elementwise.Add(a, b, 7, 0x40000000, -1, -5, 0x60000000, -1, 20, -3, 0x50000000, -19, -128, actMax);

    [Fact]
    public void Add_rescales_both_offset_inputs_then_requantises_the_sum()
    {
        // a = 17·2^20·0.5/2 = 17·2^18; b = -2·2^20·0.75/2 = -3·2^18; (a+b)·0.625/2^19 = 4.375 -> 4; 4 - 3 = 1
        BenchAdd([10], [3]).Should().Equal(1);
        // (134 + 183)·2^18·0.625/2^19 = 99.06 -> 99; 96, then the activation maximum 50 clamps it
        BenchAdd([127], [127]).Should().Equal(96);
        BenchAdd([127], [127], actMax: 50).Should().Equal(50);
    }

    [Fact]
    public void Add_with_unit_scales_is_the_sum_of_the_offset_inputs_plus_the_output_offset()
    {
        // multiplier 0.5 with shift +1 is exactly 1; left shift 0
        Elementwise.Add([1, -128, 100], [2, -128, 100], 3, 1 << 30, 1, -4, 1 << 30, 1, 0, 10, 1 << 30, 1, -128, 127)
            .Should().Equal(12, -128, 127); // (4 + -2) + 10; (-125 + -132) + 10 clamps; (103 + 96) + 10 clamps
    }

    [Fact]
    public void Mul_requantises_the_product_of_the_offset_inputs()
    {
        // 107·95 = 10165; ·0.703125 = 7147.27 -> 7147; /256 = 27.92 -> 28; 28 - 3 = 25
        // -121·122 = -14762; ·0.703125 = -10379.53 -> -10380; /256 = -40.55 -> -41; -41 - 3 = -44
        Elementwise.Mul([100, -128], [100, 127], 7, -5, -3, 0x5A000000, -8, -128, 127).Should().Equal(25, -44);
        // activation range [-40, 20] clamps both
        Elementwise.Mul([100, -128], [100, 127], 7, -5, -3, 0x5A000000, -8, -40, 20).Should().Equal(20, -40);
    }

    [Fact]
    public void Relu_and_relu6_clamp_the_raw_values()
    {
        sbyte[] x = [-128, -1, 0, 1, 5, 6, 7, 127];
        Elementwise.Relu(x).Should().Equal(0, 0, 0, 1, 5, 6, 7, 127);
        Elementwise.Relu6(x).Should().Equal(0, 0, 0, 1, 5, 6, 6, 6);
    }
}
