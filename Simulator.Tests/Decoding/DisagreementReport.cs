using System.Text;

namespace M7Sim.Tests.Decoding;

/// <summary>
/// Text report of a Capstone comparison for the instruction-table authors: agreement figures, the
/// allowlist entries used, and every unexplained disagreement grouped by kind and mnemonic with
/// example encodings.
/// </summary>
internal static class DisagreementReport
{
    public static string Build(IEnumerable<CapstoneComparison> comparisons)
    {
        var sb = new StringBuilder();
        foreach (var c in comparisons)
        {
            sb.AppendLine(c.Summary());
            foreach (var (id, (count, example)) in c.Allowlisted.OrderByDescending(kv => kv.Value.Count))
            {
                sb.AppendLine($"  allowlisted {id}: {count} (e.g. {example.Describe()})");
                var rows = c.AllowlistedByRow.Where(kv => kv.Key.Entry == id).OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key.Row} {kv.Value}");
                sb.AppendLine($"      by row: {string.Join(", ", rows)}");
            }
            var groups = c.Unexplained
                .GroupBy(Key)
                .OrderByDescending(g => g.Count())
                .ToList();
            if (groups.Count > 0) sb.AppendLine($"  unexplained, {groups.Count} groups:");
            foreach (var g in groups)
            {
                sb.AppendLine($"  [{g.Count(),7}] {g.Key}");
                foreach (var d in g.Take(3)) sb.AppendLine($"            {d.Describe()}");
            }
            sb.AppendLine();
        }
        return sb.ToString();
    }

    private static string Key(Disagreement d) => d.Verdict switch
    {
        Verdict.MnemonicDiffers => $"mnemonic differs: ours {d.OurRow} '{d.OurMnemonic}' vs capstone '{MnemonicNormaliser.Normalise(d.Capstone.Mnemonic)}'",
        Verdict.OnlyOursValid => $"only ours valid: {d.OurRow} '{d.OurMnemonic}'",
        Verdict.OnlyCapstoneValid => $"only capstone valid: '{MnemonicNormaliser.Normalise(d.Capstone.Mnemonic)}' (ours {d.OurRow ?? "no row"} {d.OurStatus})",
        _ => d.Verdict.ToString(),
    };

    /// <summary>
    /// Writes the report where M7SIM_CAPSTONE_REPORT points (the engineers' shared notes), else next
    /// to the test binaries. Returns the path written.
    /// </summary>
    public static string Write(string text)
    {
        string path = Environment.GetEnvironmentVariable("M7SIM_CAPSTONE_REPORT") is { Length: > 0 } p
            ? p
            : Path.Combine(AppContext.BaseDirectory, "capstone-disagreements.txt");
        File.WriteAllText(path, text);
        return path;
    }
}
