using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using M7Sim.Tests.TestSupport;

namespace M7Sim.Tests.DifferentialFpx;

/// <summary>
/// Replays kernels-elf/tests-fpx/vfprand_main.c's input derivation (xorshift32 from the file seed and
/// the sequence index) and reads a sequence's text from tests-fpx/random/vseqNN.S, so a mismatch can
/// be reported with the instructions and the registers they started from.
/// </summary>
internal static partial class VfpRandomInputs
{
    private static readonly uint[] Sp32 =
    [
        0x00000000u, 0x80000000u, 0x3F800000u, 0xBF800000u, 0x00000001u, 0x807FFFFFu, 0x00800000u, 0x7F7FFFFFu,
        0x7F800000u, 0xFF800000u, 0x7FC00000u, 0xFFC00001u, 0x7F800001u, 0xFFA00000u, 0x3EAAAAABu, 0x4F000000u,
    ];

    private static readonly ulong[] Sp64 =
    [
        0x0000000000000000ul, 0x8000000000000000ul, 0x3FF0000000000000ul, 0xBFF0000000000000ul,
        0x0000000000000001ul, 0x800FFFFFFFFFFFFFul, 0x0010000000000000ul, 0x7FEFFFFFFFFFFFFFul,
        0x7FF0000000000000ul, 0xFFF0000000000000ul, 0x7FF8000000000000ul, 0xFFF8000000000001ul,
        0x7FF0000000000001ul, 0xFFF4000000000000ul, 0x3FD5555555555555ul, 0x41E0000000000000ul,
    ];

    private static readonly uint[] SpInt =
        [0x00000000u, 0x00000001u, 0xFFFFFFFFu, 0x7FFFFFFFu, 0x80000000u, 0x3F800000u, 0x7FC00000u, 0x0000FFFFu];

    public static string SourcePath(string id) =>
        Path.Combine(ToolchainPaths.RepoRoot, "kernels-elf", "tests-fpx", "random", $"vseq{id}.S");

    /// <summary>The input line (same layout as the program's output line) of sequence <paramref name="index"/>.</summary>
    public static string InputLine(uint fileSeed, uint index)
    {
        var g = new Rng(fileSeed * 0x9E3779B9u + index * 0x85EBCA6Bu);
        var s = new uint[32];
        for (int d = 0; d < 16; d++)
        {
            if ((g.Next() & 1u) != 0)
            {
                ulong v = Double(g);
                s[2 * d] = (uint)v;
                s[2 * d + 1] = (uint)(v >> 32);
            }
            else
            {
                s[2 * d] = Single(g);
                s[2 * d + 1] = Single(g);
            }
        }
        uint m = g.Next();
        uint fpscr = (m & 3u) << 22;
        if (((m >> 2) & 3u) == 0) fpscr |= 1u << 24;
        if (((m >> 4) & 3u) == 0) fpscr |= 1u << 25;
        if (((m >> 6) & 7u) == 0) fpscr |= 1u << 26;
        if (((m >> 9) & 3u) == 0) fpscr |= (m >> 12) & 0x9Fu;
        fpscr |= m & 0xF0000000u;
        var r = new uint[8];
        for (int i = 0; i < 8; i++)
        {
            uint x = g.Next();
            r[i] = (x & 3u) == 0 ? SpInt[(x >> 2) & 7u] : (x & 3u) == 1 ? Single(g) : g.Next();
        }
        uint apsr = g.Next() & 0xF80F0000u;

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{index:x4} {fpscr:x8} {apsr:x8}");
        for (int d = 0; d < 16; d++) sb.Append(CultureInfo.InvariantCulture, $" {s[2 * d + 1]:x8}{s[2 * d]:x8}");
        for (int i = 0; i < 8; i++) sb.Append(CultureInfo.InvariantCulture, $" {r[i]:x8}");
        return sb.ToString();
    }

    /// <summary>vseq_file_seed of a generated file.</summary>
    public static uint FileSeed(string sourceText)
    {
        var m = FileSeedPattern().Match(sourceText);
        if (!m.Success) throw new InvalidDataException("no vseq_file_seed in the sequence file");
        return uint.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The instructions of vseq_INDEX (between the enter call and the exit branch).</summary>
    public static string SequenceText(string sourceText, uint index)
    {
        string label = $"\nvseq_{index.ToString(CultureInfo.InvariantCulture)}:\n";
        int start = sourceText.IndexOf(label, StringComparison.Ordinal);
        if (start < 0) return "(sequence not found in the source)";
        int body = sourceText.IndexOf("bl vseq_enter\n", start, StringComparison.Ordinal);
        int end = sourceText.IndexOf("b vseq_exit\n", start, StringComparison.Ordinal);
        if (body < 0 || end < 0) return "(sequence not found in the source)";
        body += "bl vseq_enter\n".Length;
        return "    " + sourceText[body..end].TrimEnd().Replace("\n", "\n    ", StringComparison.Ordinal);
    }

    private static uint Single(Rng g)
    {
        uint r = g.Next();
        return (r & 3u) switch
        {
            0 => Sp32[(r >> 2) & 15u],
            1 or 2 => (g.Next() & 0x807FFFFFu) | ((0x70u + ((r >> 2) & 31u)) << 23),
            _ => g.Next(),
        };
    }

    private static ulong Double(Rng g)
    {
        uint r = g.Next();
        ulong hi = g.Next(), lo = g.Next();
        return (r & 3u) switch
        {
            0 => Sp64[(r >> 2) & 15u],
            1 or 2 => ((hi << 32 | lo) & 0x800FFFFFFFFFFFFFul) | ((ulong)(0x3E0u + ((r >> 2) & 63u)) << 52),
            _ => hi << 32 | lo,
        };
    }

    /// <summary>xorshift32 seeded as vfprand_main.c seeds it (zero becomes 1, four values discarded).</summary>
    private sealed class Rng
    {
        private uint _x;

        public Rng(uint seed)
        {
            _x = seed == 0 ? 1u : seed;
            for (int i = 0; i < 4; i++) Next();
        }

        public uint Next()
        {
            _x ^= _x << 13;
            _x ^= _x >> 17;
            _x ^= _x << 5;
            return _x;
        }
    }

    [GeneratedRegex(@"vseq_file_seed: \.word (\d+)")]
    private static partial Regex FileSeedPattern();
}
