using static M7Sim.Tests.Workloads.Reference.FixedPoint;

namespace M7Sim.Tests.Workloads.Reference;

/// <summary>
/// int8 fully connected layer (arm_fully_connected_s8): weights [out][in], one multiplier/shift for the whole
/// layer, symmetric weights (filter offset ignored); each of the <c>batches</c> input rows is processed alike.
/// </summary>
internal static class FullyConnected
{
    public static sbyte[] Run(int inputOffset, int outputOffset, int actMin, int actMax, int multiplier, int shift,
        int batches, int inputSize, ReadOnlySpan<sbyte> input, ReadOnlySpan<sbyte> weights, ReadOnlySpan<int> bias, int outputSize)
    {
        if (input.Length < batches * inputSize || weights.Length < inputSize * outputSize)
            throw new ArgumentException("fully connected operands are too short");
        var output = new sbyte[batches * outputSize];
        for (int b = 0; b < batches; b++)
            for (int o = 0; o < outputSize; o++)
            {
                int acc = bias.IsEmpty ? 0 : bias[o];
                for (int i = 0; i < inputSize; i++)
                    acc += (input[b * inputSize + i] + inputOffset) * weights[o * inputSize + i];
                output[b * outputSize + o] = Output(acc, multiplier, shift, outputOffset, actMin, actMax);
            }
        return output;
    }
}
