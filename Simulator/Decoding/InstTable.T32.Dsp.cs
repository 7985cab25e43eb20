namespace M7Sim.Decoding;

internal static partial class InstTable
{
    /// <summary>DSP extension: parallel add/sub, saturation, packing, extends (A5.3.13-A5.3.15).</summary>
    private static unsafe Row[] T32DspRows() =>
    [
    ];
}
