namespace M7Sim.Decoding;

internal static partial class InstTable
{
    /// <summary>16-bit Thumb encodings (Armv7-M ARM A5.2).</summary>
    private static unsafe Row[] T16Rows() =>
    [
    ];
}
