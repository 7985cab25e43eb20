namespace M7Sim.Decoding;

internal static partial class InstTable
{
    /// <summary>FPv5 floating point (A5.3.18, A6).</summary>
    private static unsafe Row[] VfpRows() =>
    [
    ];
}
