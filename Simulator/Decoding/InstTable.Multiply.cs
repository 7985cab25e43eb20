namespace M7Sim.Decoding;

internal static partial class InstTable
{
    /// <summary>Multiply, multiply-accumulate, long multiply, divide, including the DSP multiplies SMLAD/SMLAxy/SMMUL... (A5.3.16-A5.3.17, MUL T1).</summary>
    private static unsafe Row[] MultiplyRows() =>
    [
    ];
}
