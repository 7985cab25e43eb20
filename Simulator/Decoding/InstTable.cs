namespace M7Sim.Decoding;

/// <summary>
/// The instruction tables, one file per group of the Armv7-M ARM (InstTable.DataProcessing.cs,
/// InstTable.LoadStore.cs, ...; each holds the 16- and 32-bit encodings of its group, so one handler
/// serves all encodings of an instruction). Each contributes rows; the decoder orders them by specificity.
/// </summary>
internal static partial class InstTable
{
    private static Row[]? _all;

    // EnsureInitialized: test threads (and hosts) can race here; everyone must see the same Row objects.
    public static Row[] All => LazyInitializer.EnsureInitialized(ref _all, Build);

    private static Row[] Build()
    {
        var rows = new List<Row>();
        rows.AddRange(DataProcessingRows());
        rows.AddRange(BranchSystemRows());
        rows.AddRange(LoadStoreRows());
        rows.AddRange(MultiplyRows());
        rows.AddRange(DspRows());
        rows.AddRange(VfpRows());
        rows.AddRange(CoprocessorRows());
        for (int i = 0; i < rows.Count; i++) rows[i].Id = (ushort)(i + 1);
        return rows.ToArray();
    }
}
