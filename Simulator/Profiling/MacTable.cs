using M7Sim.Decoding;

namespace M7Sim.Profiling;

/// <summary>
/// Multiply-accumulates performed by one retired instruction, by mnemonic: dual 16-bit MACs
/// (SMLAD family) count 2, single multiplies and MACs count 1, FP multiply-adds count 1.
/// Plain multiplies (MUL, SMULxy, SMULL) count 1 because kernels use them as MACs with a
/// separate add; this is the convention the report states.
/// </summary>
internal static class MacTable
{
    private static readonly Dictionary<string, byte> ByMnemonic = new(StringComparer.Ordinal)
    {
        ["smlad"] = 2, ["smladx"] = 2, ["smlsd"] = 2, ["smlsdx"] = 2, ["smuad"] = 2, ["smuadx"] = 2,
        ["smusd"] = 2, ["smusdx"] = 2, ["smlald"] = 2, ["smlaldx"] = 2, ["smlsld"] = 2, ["smlsldx"] = 2,
        ["mla"] = 1, ["mls"] = 1, ["mul"] = 1, ["muls"] = 1, ["smull"] = 1, ["umull"] = 1, ["smlal"] = 1, ["umlal"] = 1, ["umaal"] = 1,
        ["smlabb"] = 1, ["smlabt"] = 1, ["smlatb"] = 1, ["smlatt"] = 1, ["smlawb"] = 1, ["smlawt"] = 1,
        ["smulbb"] = 1, ["smulbt"] = 1, ["smultb"] = 1, ["smultt"] = 1, ["smulwb"] = 1, ["smulwt"] = 1,
        ["smlalbb"] = 1, ["smlalbt"] = 1, ["smlaltb"] = 1, ["smlaltt"] = 1,
        ["smmul"] = 1, ["smmulr"] = 1, ["smmla"] = 1, ["smmlar"] = 1, ["smmls"] = 1, ["smmlsr"] = 1,
        ["vmla"] = 1, ["vmls"] = 1, ["vnmla"] = 1, ["vnmls"] = 1, ["vfma"] = 1, ["vfms"] = 1, ["vfnma"] = 1, ["vfnms"] = 1,
    };

    private static byte[]? _byId;

    /// <summary>MACs per instruction indexed by <see cref="DecodedInst.Id"/> (row id; 0 = undecoded).</summary>
    public static byte[] ById => _byId ??= Build();

    private static byte[] Build()
    {
        var rows = InstTable.All;
        var table = new byte[rows.Length + 1];
        foreach (var r in rows) table[r.Id] = ByMnemonic.GetValueOrDefault(r.Mnemonic);
        return table;
    }
}
