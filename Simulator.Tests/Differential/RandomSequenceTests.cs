using System.Globalization;
using System.Text;
using FluentAssertions;
using M7Sim.Simulation;
using M7Sim.Tests.TestSupport;
using Xunit;

namespace M7Sim.Tests.Differential;

/// <summary>
/// Random straight-line sequences (tools/gen_random_seq.py → kernels-elf/tests/random/seqNN.S, 1000 per
/// ELF): every sequence's final r0-r12, r14 and APSR in M7Sim must equal QEMU's. One test per ELF and
/// board; a failure names the first mismatching sequence, its differing registers, its inputs and its
/// instructions.
/// </summary>
public sealed class RandomSequenceTests
{
    private static readonly string[] RegisterNames =
        ["r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12", "lr", "apsr"];

    public static TheoryData<string, string> Programs => DifferentialCases.RandomPrograms();

    [Theory]
    [MemberData(nameof(Programs))]
    public void Every_random_sequence_leaves_the_registers_qemu_left(string program, string variant)
    {
        var expected = ExpectedOutput.Load(program);
        if (variant == "mps2") ExpectedOutput.CheckLiveQemu(program, expected);
        var want = Parse(expected.Stdout);
        want.Count.Should().BeGreaterThan(0, "the committed QEMU output holds one line per sequence");

        string elf = DifferentialCases.ElfPath(program, variant);
        var run = SimulatorRun.Execute(elf, DifferentialCases.BoardFor(variant));
        var got = Parse(run.Stdout);

        for (int i = 0; i < want.Count; i++)
        {
            if (i >= got.Count)
                throw new Xunit.Sdk.XunitException($"{program}.{variant}: output stops before sequence {i} of {want.Count}. {run.Describe()}\n{Source(program, i)}");
            if (!want[i].AsSpan().SequenceEqual(got[i]))
                throw new Xunit.Sdk.XunitException(Mismatch(program, variant, elf, i, want[i], got[i]));
        }
        got.Count.Should().Be(want.Count, "M7Sim must run exactly the sequences QEMU ran");
        run.Stdout.AsSpan().SequenceEqual(expected.Stdout).Should().BeTrue(
            $"the whole output (including the summary line) must match; {OutputDiff.Describe(expected.Stdout, run.Stdout)}");
        run.Result.Reason.Should().Be(StopReason.Exited, run.Describe());
        run.Result.ExitCode.Should().Be(expected.ExitCode);
    }

    /// <summary>Lines "IIII r0 ... r12 lr apsr" (hex) in sequence order; the "done" line ends the list.</summary>
    private static List<uint[]> Parse(byte[] stdout)
    {
        var rows = new List<uint[]>();
        foreach (string line in Encoding.Latin1.GetString(stdout).Split('\n'))
        {
            string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length != 16 || !uint.TryParse(f[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint index) || index != rows.Count)
                break;
            var regs = new uint[15];
            bool ok = true;
            for (int r = 0; r < 15 && ok; r++)
                ok = uint.TryParse(f[r + 1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out regs[r]);
            if (!ok) break;
            rows.Add(regs);
        }
        return rows;
    }

    private static string Mismatch(string program, string variant, string elf, int index, uint[] want, uint[] got)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{program}.{variant}: sequence {index} differs from QEMU");
        for (int r = 0; r < 15; r++)
        {
            if (want[r] != got[r])
                sb.AppendLine(CultureInfo.InvariantCulture, $"  {RegisterNames[r],-4} expected {want[r]:x8} got {got[r]:x8}{(r == 14 ? "  " + Flags(want[r]) + " vs " + Flags(got[r]) : "")}");
        }
        uint seed = RandomSequenceInputs.FileSeed(elf);
        var inputs = RandomSequenceInputs.For(seed, (uint)index);
        sb.Append("  inputs:");
        for (int r = 0; r < 15; r++) sb.Append(CultureInfo.InvariantCulture, $" {RegisterNames[r]}={inputs[r]:x8}");
        sb.AppendLine(CultureInfo.InvariantCulture, $" ({Flags(inputs[14])})");
        sb.Append(Source(program, index));
        return sb.ToString();
    }

    private static string Flags(uint apsr) =>
        string.Create(CultureInfo.InvariantCulture, $"{((apsr >> 31) & 1) switch { 1 => "N", _ => "n" }}{((apsr >> 30) & 1) switch { 1 => "Z", _ => "z" }}" +
            $"{((apsr >> 29) & 1) switch { 1 => "C", _ => "c" }}{((apsr >> 28) & 1) switch { 1 => "V", _ => "v" }}" +
            $"{((apsr >> 27) & 1) switch { 1 => "Q", _ => "q" }} GE={(apsr >> 16) & 0xF:x}");

    /// <summary>The sequence's instructions from the committed generator output (tests/random/seqNN.S).</summary>
    private static string Source(string program, int index)
    {
        string path = Path.Combine(ToolchainPaths.TestSources, "random", "seq" + program["tests-random-".Length..] + ".S");
        if (!File.Exists(path)) return $"  (source {path} not found)";
        var sb = new StringBuilder($"  instructions ({Path.GetFileName(path)}):\n");
        bool inside = false;
        foreach (string line in File.ReadLines(path))
        {
            if (line == $"seq_{index}:") { inside = true; continue; }
            if (!inside) continue;
            if (line.StartsWith("push", StringComparison.Ordinal) || line.StartsWith("bl seq_enter", StringComparison.Ordinal)) continue;
            if (line.StartsWith("b seq_exit", StringComparison.Ordinal)) break;
            sb.Append("    ").AppendLine(line);
        }
        return sb.ToString();
    }
}
