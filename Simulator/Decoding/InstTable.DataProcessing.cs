namespace M7Sim.Decoding;

internal static partial class InstTable
{
    /// <summary>Data processing, 16- and 32-bit: arithmetic, logic, moves, shifts, compares, MOVW/MOVT, ADR, bitfield, SSAT/USAT, CLZ/RBIT/REV* (A5.2.1-A5.2.4, A5.3.1-A5.3.3, A5.3.11, A5.3.15).</summary>
    private static unsafe Row[] DataProcessingRows() =>
    [
    ];
}
