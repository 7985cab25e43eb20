namespace M7Sim.Decoding;

internal static partial class InstTable
{
    /// <summary>32-bit multiply, multiply-accumulate, long multiply and divide (A5.3.16-A5.3.17).</summary>
    private static unsafe Row[] T32MultiplyRows() =>
    [
    ];
}
