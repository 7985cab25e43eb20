using FluentAssertions;
using Gee.External.Capstone;
using Gee.External.Capstone.Arm;
using M7Sim.Decoding;
using Xunit;
using Xunit.Abstractions;

namespace M7Sim.Tests.Decoding;

/// <summary>
/// Runs the two comparisons once per test run (they take seconds): every 16-bit encoding, and a seeded
/// sample of a million 32-bit encodings whose first halfword carries a 32-bit prefix (A5.1).
/// </summary>
public sealed class CapstoneComparisonFixture : IDisposable
{
    public const int RandomEncodings = 1_000_000;
    public const ulong Seed = 0x4D37_5369_6D43_5331; // "M7SimCS1"

    internal CapstoneThumb Capstone { get; } = new();
    internal CapstoneComparison Halfwords { get; }
    internal CapstoneComparison Words { get; }
    public string Report { get; }
    public string ReportPath { get; }

    public CapstoneComparisonFixture()
    {
        Halfwords = new CapstoneComparison(Capstone, "16-bit (all halfwords without a 32-bit prefix)");
        for (uint hw = 0; hw < 0x10000; hw++)
            if (!Decoder.Is32Bit((ushort)hw)) Halfwords.Add(hw, is32: false);

        Words = new CapstoneComparison(Capstone, $"32-bit ({RandomEncodings} seeded random encodings, seed 0x{Seed:X16})");
        ulong s = Seed;
        for (int i = 0; i < RandomEncodings; i++)
        {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17; // xorshift64
            uint prefix = (uint)(0x1D + (s >> 40) % 3);          // 11101, 11110, 11111
            uint hw1 = (prefix << 11) | (uint)(s & 0x7FF);
            uint hw2 = (uint)(s >> 16) & 0xFFFF;
            Words.Add((hw1 << 16) | hw2, is32: true);
        }

        Report = $"M7Sim decoder vs Capstone {Capstone.Version} (Thumb + M-class), {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC\n\n" +
                 DisagreementReport.Build([Halfwords, Words]);
        ReportPath = DisagreementReport.Write(Report);
    }

    public void Dispose() => Capstone.Dispose();
}

/// <summary>
/// Decoder agreement with an independent disassembler (Capstone 4.0, Thumb + M-class): on valid vs
/// invalid and on the mnemonic, for all 16-bit encodings and a million random 32-bit ones. Every
/// disagreement must be explained by <see cref="CapstoneAllowlist"/>; the figures are printed.
/// </summary>
public sealed class CapstoneAgreementTests(CapstoneComparisonFixture fixture, ITestOutputHelper output) : IClassFixture<CapstoneComparisonFixture>
{
    [Fact]
    public void Every_16_bit_encoding_agrees_with_capstone_or_is_allowlisted()
    {
        Print(fixture.Halfwords);
        fixture.Halfwords.Total.Should().Be(0x10000 - 3 * 0x800, "all halfwords except the 6144 32-bit prefixes are compared");
        fixture.Halfwords.Unexplained.Should().BeEmpty(Because(fixture.Halfwords));
    }

    [Fact]
    public void A_million_random_32_bit_encodings_agree_with_capstone_or_are_allowlisted()
    {
        Print(fixture.Words);
        fixture.Words.Total.Should().Be(CapstoneComparisonFixture.RandomEncodings);
        fixture.Words.Unexplained.Should().BeEmpty(Because(fixture.Words));
    }

    [Fact]
    public void Every_allowlist_entry_explains_at_least_one_encoding()
    {
        // The sample is seeded, so an entry that matches nothing is dead weight that could hide a
        // future real disagreement: remove it (or narrow the sample) rather than keep it.
        var used = fixture.Halfwords.Allowlisted.Keys.Concat(fixture.Words.Allowlisted.Keys).ToHashSet();
        var unused = CapstoneAllowlist.Entries.Select(e => e.Id).Where(id => !used.Contains(id)).ToList();
        unused.Should().BeEmpty();
        var staleRows = CapstoneAllowlist.ShouldBeBits.Keys.Where(n => InstTable.All.All(r => r.Name != n)).ToList();
        staleRows.Should().BeEmpty("every should-be entry names a row of the table");
    }

    [Fact]
    public void Fast_native_capstone_calls_agree_with_the_capstone_net_wrapper()
    {
        // The comparison calls libcapstone directly for speed; the package's managed API is the
        // reference for how the native library is meant to be driven.
        using var wrapper = CapstoneDisassembler.CreateArmDisassembler(ArmDisassembleMode.Thumb | ArmDisassembleMode.CortexM);
        ulong s = 0x9E37_79B9_7F4A_7C15;
        int compared = 0;
        var bytes = new byte[4];
        for (int i = 0; i < 3000; i++)
        {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            bool is32 = (i & 1) == 0;
            uint raw;
            if (is32)
            {
                uint hw1 = (uint)((0x1D + (s >> 40) % 3) << 11) | (uint)(s & 0x7FF);
                raw = (hw1 << 16) | ((uint)(s >> 16) & 0xFFFF);
                bytes[0] = (byte)(raw >> 16); bytes[1] = (byte)(raw >> 24); bytes[2] = (byte)raw; bytes[3] = (byte)(raw >> 8);
            }
            else
            {
                raw = (uint)(s & 0xFFFF);
                if (Decoder.Is32Bit((ushort)raw)) continue;
                bytes[0] = (byte)raw; bytes[1] = (byte)(raw >> 8);
            }
            var reference = wrapper.Disassemble(bytes.AsSpan(0, is32 ? 4 : 2).ToArray(), 0x1000, 1);
            // Each wrapper call starts with no IT state only if no IT came before: reset by skipping ITs.
            bool referenceValid = reference.Length == 1 && reference[0].Bytes.Length == (is32 ? 4 : 2);
            var fast = fixture.Capstone.Disassemble(raw, is32);
            fast.Valid.Should().Be(referenceValid, $"validity of {raw:X8}");
            if (referenceValid)
            {
                fast.Mnemonic.Should().Be(reference[0].Mnemonic, $"mnemonic of {raw:X8}");
                if (reference[0].Mnemonic.StartsWith("it", StringComparison.Ordinal))
                    wrapper.Disassemble([0x00, 0xBF, 0x00, 0xBF, 0x00, 0xBF, 0x00, 0xBF], 0x1000);
            }
            compared++;
        }
        compared.Should().BeGreaterThan(2500);
    }

    private void Print(CapstoneComparison c)
    {
        output.WriteLine(c.Summary());
        foreach (var (id, (count, _)) in c.Allowlisted.OrderByDescending(kv => kv.Value.Count))
            output.WriteLine($"  allowlisted {id}: {count}");
        output.WriteLine($"full report: {fixture.ReportPath}");
    }

    private static string Because(CapstoneComparison c)
    {
        var first = c.Unexplained.Take(10).Select(d => d.Describe());
        return $"every disagreement must be fixed or allowlisted with its ARM ARM reason ({c.Unexplained.Count} unexplained; first: {string.Join("; ", first)})";
    }
}
