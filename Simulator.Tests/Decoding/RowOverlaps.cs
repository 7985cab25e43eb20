using M7Sim.Decoding;

namespace M7Sim.Tests.Decoding;

/// <summary>How two rows of the same width relate when some encoding matches both.</summary>
internal enum OverlapKind
{
    /// <summary>The first row fixes every bit the second fixes, and more: it is the more specific row.</summary>
    FirstMoreSpecific,
    /// <summary>The second row is the more specific one.</summary>
    SecondMoreSpecific,
    /// <summary>Identical masks and values: two rows claim exactly the same encodings.</summary>
    Identical,
    /// <summary>Each row fixes a bit the other leaves free: neither contains the other.</summary>
    Partial,
}

internal readonly record struct RowOverlap(Row First, Row Second, OverlapKind Kind)
{
    public Row Specific => Kind == OverlapKind.SecondMoreSpecific ? Second : First;
    public Row General => Kind == OverlapKind.SecondMoreSpecific ? First : Second;
}

/// <summary>
/// Pairwise overlap analysis of the instruction table. Two rows overlap when an encoding matches both:
/// <c>((v1 ^ v2) &amp; m1 &amp; m2) == 0</c>. One is strictly more specific when its mask contains
/// the other's (<c>(m1 &amp; m2) == m2</c>) and has more bits.
/// </summary>
internal static class RowOverlaps
{
    public static bool Overlap(Row a, Row b) =>
        a.Is32 == b.Is32 && ((a.Pattern.Value ^ b.Pattern.Value) & a.Pattern.Mask & b.Pattern.Mask) == 0;

    public static OverlapKind Classify(Row a, Row b)
    {
        uint ma = a.Pattern.Mask, mb = b.Pattern.Mask;
        if (ma == mb) return OverlapKind.Identical;
        if ((ma & mb) == mb) return OverlapKind.FirstMoreSpecific;
        if ((ma & mb) == ma) return OverlapKind.SecondMoreSpecific;
        return OverlapKind.Partial;
    }

    public static List<RowOverlap> All(IReadOnlyList<Row> rows)
    {
        var list = new List<RowOverlap>();
        for (int i = 0; i < rows.Count; i++)
            for (int j = i + 1; j < rows.Count; j++)
                if (Overlap(rows[i], rows[j]))
                    list.Add(new RowOverlap(rows[i], rows[j], Classify(rows[i], rows[j])));
        return list;
    }
}
