using static M7Sim.Tests.Workloads.Reference.FixedPoint;

namespace M7Sim.Tests.Workloads.Reference;

/// <summary>int8 elementwise add/mul (arm_elementwise_add_s8 / _mul_s8) and the in-place activations.</summary>
internal static class Elementwise
{
    /// <summary>
    /// Add: each input is offset, scaled up by 2^leftShift and requantised to the common scale; the sum is
    /// requantised to the output scale.
    /// </summary>
    public static sbyte[] Add(ReadOnlySpan<sbyte> in1, ReadOnlySpan<sbyte> in2, int offset1, int mult1, int shift1,
        int offset2, int mult2, int shift2, int leftShift, int outOffset, int outMult, int outShift, int actMin, int actMax)
    {
        if (in1.Length != in2.Length) throw new ArgumentException("add operands differ in length");
        var output = new sbyte[in1.Length];
        for (int i = 0; i < in1.Length; i++)
        {
            int a = Requantize((in1[i] + offset1) * (1 << leftShift), mult1, shift1);
            int b = Requantize((in2[i] + offset2) * (1 << leftShift), mult2, shift2);
            output[i] = Output(a + b, outMult, outShift, outOffset, actMin, actMax);
        }
        return output;
    }

    /// <summary>Mul: the product of the offset inputs, requantised to the output scale.</summary>
    public static sbyte[] Mul(ReadOnlySpan<sbyte> in1, ReadOnlySpan<sbyte> in2, int offset1, int offset2,
        int outOffset, int outMult, int outShift, int actMin, int actMax)
    {
        if (in1.Length != in2.Length) throw new ArgumentException("mul operands differ in length");
        var output = new sbyte[in1.Length];
        for (int i = 0; i < in1.Length; i++)
            output[i] = Output((in1[i] + offset1) * (in2[i] + offset2), outMult, outShift, outOffset, actMin, actMax);
        return output;
    }

    /// <summary>arm_relu_q7: max(x, 0) on the raw int8 values.</summary>
    public static sbyte[] Relu(ReadOnlySpan<sbyte> input)
    {
        var output = new sbyte[input.Length];
        for (int i = 0; i < input.Length; i++) output[i] = Math.Max(input[i], (sbyte)0);
        return output;
    }

    /// <summary>arm_relu6_s8: min(max(x, 0), 6) on the raw int8 values.</summary>
    public static sbyte[] Relu6(ReadOnlySpan<sbyte> input)
    {
        var output = new sbyte[input.Length];
        for (int i = 0; i < input.Length; i++) output[i] = (sbyte)Clamp(input[i], 0, 6);
        return output;
    }
}
