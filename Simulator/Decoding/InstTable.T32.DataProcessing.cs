namespace M7Sim.Decoding;

internal static partial class InstTable
{
    /// <summary>32-bit data processing, modified and plain immediates, shifted registers (A5.3.1-A5.3.4, A5.3.11-12).</summary>
    private static unsafe Row[] T32DataProcessingRows() =>
    [
    ];
}
