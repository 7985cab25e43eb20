using FluentAssertions;
using M7Sim.Decoding;
using Xunit;

namespace M7Sim.Tests.Decoding;

/// <summary>
/// Self-tests of the instruction table (DESIGN.md §3): every row is executable, decodes its own
/// canonical encoding, and overlaps another row only where the Armv7-M ARM makes it so
/// (<see cref="DecoderAliasAllowlist"/>).
/// </summary>
public sealed class DecoderTableTests
{
    private static IReadOnlyList<Row> Rows => InstTable.All;

    private static readonly Dictionary<string, Row> ByName = InstTable.All.ToDictionary(r => r.Name);

    [Fact]
    public unsafe void Every_row_has_a_handler_and_a_decode_step()
    {
        var missing = Rows.Where(r => r.Exec == null || r.Decode is null).Select(r => r.Name).ToList();
        missing.Should().BeEmpty("the run loop calls the handler of whatever row decodes");
        Rows.Should().NotBeEmpty();
    }

    [Fact]
    public void Row_names_are_unique()
    {
        var dup = Rows.GroupBy(r => r.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        dup.Should().BeEmpty("rows are named after ARM ARM encodings and the allowlists refer to them by name");
    }

    [Fact]
    public void Every_row_decodes_its_canonical_encoding_to_itself_or_an_intended_alias()
    {
        var exceptions = DecoderAliasAllowlist.CanonicalExceptions.ToDictionary(e => e.Row);
        var failures = new List<string>();
        foreach (var row in Rows)
        {
            uint encoding = exceptions.TryGetValue(row.Name, out var ex) ? ex.Encoding : row.Pattern.Canonical;
            Decoder.Instance.Decode(encoding, row.Is32, out _, out var got);
            // by name: rows are compared across Decoder.Instance and InstTable.All, which need not
            // be the same objects if the tables were built twice
            if (got?.Name == row.Name) continue;
            if (ex is null && got is not null && IsAllowedAlias(row, got)) continue;
            failures.Add($"{row.Name} {row.Pattern.Text}: 0x{encoding:X} decodes to {got?.Name ?? "nothing"}");
        }
        failures.Should().BeEmpty("a row's own encoding must reach the row, or an alias named in DecoderAliasAllowlist");
    }

    [Fact]
    public void Rows_overlap_only_as_allowlisted_aliases_or_shared_spaces()
    {
        var failures = new List<string>();
        foreach (var o in RowOverlaps.All(Rows))
        {
            switch (o.Kind)
            {
                case OverlapKind.Identical:
                    failures.Add($"{o.First.Name} and {o.Second.Name} claim exactly the same encodings ({o.First.Pattern.Text})");
                    break;
                case OverlapKind.Partial:
                    if (!InSameSharedSpace(o.First.Name, o.Second.Name))
                        failures.Add($"partial overlap {o.First.Name} {o.First.Pattern.Text} / {o.Second.Name} {o.Second.Pattern.Text}: add a SharedSpace with its SEE rule, or fix a pattern");
                    break;
                default:
                    if (!IsListedAlias(o.General.Name, o.Specific.Name))
                        failures.Add($"{o.Specific.Name} {o.Specific.Pattern.Text} lies inside {o.General.Name} {o.General.Pattern.Text}: add an Alias with its ARM ARM rule, or fix a pattern");
                    break;
            }
        }
        failures.Should().BeEmpty();
    }

    [Fact]
    public void Allowlisted_aliases_name_existing_rows_that_really_nest()
    {
        var failures = new List<string>();
        foreach (var a in DecoderAliasAllowlist.Aliases)
        {
            foreach (string s in a.Specific)
            {
                if (!ByName.TryGetValue(a.General, out var g) || !ByName.TryGetValue(s, out var sp))
                {
                    failures.Add($"alias {a.General} > {s}: no such row");
                    continue;
                }
                if (!RowOverlaps.Overlap(g, sp) || RowOverlaps.Classify(sp, g) != OverlapKind.FirstMoreSpecific)
                    failures.Add($"alias {a.General} > {s}: {s} {sp.Pattern.Text} is not strictly more specific inside {g.Pattern.Text}");
            }
        }
        foreach (var sh in DecoderAliasAllowlist.SharedSpaces)
            foreach (string r in sh.Rows)
                if (!ByName.ContainsKey(r)) failures.Add($"shared space row {r}: no such row");
        foreach (var e in DecoderAliasAllowlist.CanonicalExceptions)
            if (!ByName.ContainsKey(e.Row)) failures.Add($"canonical exception {e.Row}: no such row");
        failures.Should().BeEmpty("a stale allowlist entry would hide a future overlap");
    }

    [Fact]
    public void More_specific_rows_are_tried_first()
    {
        // SMUAD (SMLAD with Ra = 1111): smuad r0, r1, r2 = FB21 F002
        Decoder.Instance.Decode(0xFB21_F002, is32: true, out _, out var smuad);
        smuad!.Name.Should().Be("SmuadT1");
        // cmp.w r1, #1 = F1B1 0F01 (SUB immediate T3 with Rd = 1111 and S = 1)
        Decoder.Instance.Decode(0xF1B1_0F01, is32: true, out _, out var cmp);
        cmp!.Name.Should().Be("CmpImmT2");
    }

    private static bool IsListedAlias(string general, string specific) =>
        DecoderAliasAllowlist.Aliases.Any(a => a.General == general && a.Specific.Contains(specific));

    private static bool InSameSharedSpace(string a, string b) =>
        DecoderAliasAllowlist.SharedSpaces.Any(s => s.Rows.Contains(a) && s.Rows.Contains(b));

    /// <summary>The canonical encoding may land in a row listed as an alias of this one, directly or one step removed.</summary>
    private static bool IsAllowedAlias(Row row, Row got)
    {
        if (IsListedAlias(row.Name, got.Name)) return true;
        foreach (var a in DecoderAliasAllowlist.Aliases.Where(a => a.General == row.Name))
            foreach (string mid in a.Specific)
                if (IsListedAlias(mid, got.Name)) return true;
        return false;
    }
}
