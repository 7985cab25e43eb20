namespace M7Sim.Decoding;

/// <summary>
/// The instruction tables, one file per instruction-set part (InstTable.T16.cs, InstTable.T32.*.cs,
/// InstTable.Vfp.cs). Each contributes rows; the decoder orders them by specificity.
/// </summary>
internal static partial class InstTable
{
    private static Row[]? _all;

    public static Row[] All => _all ??= Build();

    private static Row[] Build()
    {
        var rows = new List<Row>();
        rows.AddRange(T16Rows());
        rows.AddRange(T32DataProcessingRows());
        rows.AddRange(T32BranchSystemRows());
        rows.AddRange(T32LoadStoreRows());
        rows.AddRange(T32MultiplyRows());
        rows.AddRange(T32DspRows());
        rows.AddRange(VfpRows());
        for (int i = 0; i < rows.Count; i++) rows[i].Id = (ushort)(i + 1);
        return rows.ToArray();
    }
}
