namespace M7Sim.Decoding;

internal static partial class InstTable
{
    /// <summary>DSP extension: parallel add/subtract, saturating QADD family, SEL, PKH, extends with and without add (16- and 32-bit), SSAT16/USAT16, USAD8 (A5.3.12-A5.3.14).</summary>
    private static unsafe Row[] DspRows() =>
    [
    ];
}
