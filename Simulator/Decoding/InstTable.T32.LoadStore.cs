namespace M7Sim.Decoding;

internal static partial class InstTable
{
    /// <summary>32-bit loads, stores, multiples, dual and exclusive (A5.3.5-A5.3.10).</summary>
    private static unsafe Row[] T32LoadStoreRows() =>
    [
    ];
}
