using M7Sim.Decoding;

namespace M7Sim.Tests.Decoding;

/// <summary>How our decoder and Capstone judged one encoding.</summary>
internal enum Verdict
{
    BothValidSameMnemonic,
    BothInvalid,
    MnemonicDiffers,
    /// <summary>We decode an instruction, Capstone rejects the encoding.</summary>
    OnlyOursValid,
    /// <summary>Capstone decodes an instruction, we treat the encoding as UNDEFINED/UNPREDICTABLE.</summary>
    OnlyCapstoneValid,
}

/// <summary>One encoding on which the two decoders disagree.</summary>
internal sealed record Disagreement(uint Raw, bool Is32, Verdict Verdict, string? OurRow, string OurMnemonic, DecodeStatus OurStatus, CapstoneResult Capstone)
{
    public string Hex => Is32 ? $"{Raw >> 16:X4} {Raw & 0xFFFF:X4}" : $"{Raw:X4}";

    public string Describe() =>
        $"{Hex}: ours {(OurRow is null ? "no row" : OurRow + " (" + OurMnemonic + ")")} {OurStatus}; capstone {Capstone.Text}";
}

/// <summary>
/// Runs encodings through both decoders, counts agreement, and sorts every disagreement into an
/// allowlist entry (<see cref="CapstoneAllowlist"/>) or the unexplained list.
/// </summary>
internal sealed class CapstoneComparison(CapstoneThumb capstone, string label)
{
    private readonly Dictionary<Verdict, long> _counts = [];

    public string Label { get; } = label;
    public long Total { get; private set; }
    public List<Disagreement> Unexplained { get; } = [];
    public Dictionary<string, (long Count, Disagreement Example)> Allowlisted { get; } = [];

    /// <summary>Allowlisted encodings per entry and row (or Capstone mnemonic when no row matched), for review.</summary>
    public Dictionary<(string Entry, string Row), long> AllowlistedByRow { get; } = [];

    public long Count(Verdict v) => _counts.GetValueOrDefault(v);

    public void Add(uint raw, bool is32)
    {
        Total++;
        var status = Decoder.Instance.Decode(raw, is32, out _, out var row);
        bool ours = status == DecodeStatus.Ok;
        string ourMnemonic = row?.Mnemonic ?? "";
        var cs = capstone.Disassemble(raw, is32);

        Verdict verdict = (ours, cs.Valid) switch
        {
            (true, true) => MnemonicNormaliser.Same(ourMnemonic, cs.Mnemonic) ? Verdict.BothValidSameMnemonic : Verdict.MnemonicDiffers,
            (false, false) => Verdict.BothInvalid,
            (true, false) => Verdict.OnlyOursValid,
            (false, true) => Verdict.OnlyCapstoneValid,
        };
        _counts[verdict] = Count(verdict) + 1;
        if (verdict is Verdict.BothValidSameMnemonic or Verdict.BothInvalid) return;

        var d = new Disagreement(raw, is32, verdict, row?.Name, ourMnemonic, status, cs);
        var entry = CapstoneAllowlist.Match(d);
        if (entry is null)
        {
            Unexplained.Add(d);
            return;
        }
        Allowlisted[entry.Id] = Allowlisted.TryGetValue(entry.Id, out var e) ? (e.Count + 1, e.Example) : (1, d);
        var key = (entry.Id, d.OurRow ?? "capstone " + MnemonicNormaliser.Normalise(d.Capstone.Mnemonic));
        AllowlistedByRow[key] = AllowlistedByRow.GetValueOrDefault(key) + 1;
    }

    public long Agreements => Count(Verdict.BothValidSameMnemonic) + Count(Verdict.BothInvalid);
    public long AllowlistedTotal => Allowlisted.Values.Sum(v => v.Count);

    public string Summary() =>
        $"{Label}: {Total} encodings; agree {Agreements} ({100.0 * Agreements / Math.Max(1, Total):F3}%: " +
        $"{Count(Verdict.BothValidSameMnemonic)} valid with the same mnemonic, {Count(Verdict.BothInvalid)} both invalid); " +
        $"disagree {Total - Agreements} (mnemonic differs {Count(Verdict.MnemonicDiffers)}, only ours valid {Count(Verdict.OnlyOursValid)}, " +
        $"only Capstone valid {Count(Verdict.OnlyCapstoneValid)}); allowlisted {AllowlistedTotal} in {Allowlisted.Count} entries; unexplained {Unexplained.Count}";
}
