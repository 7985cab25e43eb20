using System.Text;
using FluentAssertions;
using M7Sim.Simulation;
using Xunit;

namespace M7Sim.Tests.DifferentialFpx;

/// <summary>
/// Random straight-line VFP sequences (tools/gen_random_vfp.py, 1000 per ELF): every sequence's final
/// D0-D15, FPSCR, r0-r7 and APSR in M7Sim must equal QEMU's. A failure names the first mismatching
/// sequence and register, with the sequence's instructions and its inputs.
/// </summary>
public sealed class VfpRandomSequenceTests
{
    public static TheoryData<string, string> Programs => FpxCases.Random();

    /// <summary>Field names of an output line: index, fpscr, apsr, d0-d15, r0-r7.</summary>
    private static readonly string[] Fields = BuildFieldNames();

    [Theory]
    [MemberData(nameof(Programs))]
    public void Random_vfp_sequences_match_qemu_register_for_register(string program, string variant)
    {
        var expected = FpxOracle.Load(program);
        if (variant == "mps2") FpxOracle.CheckLive(program, expected);

        var run = FpxSimulatorRun.Execute(program, variant);

        if (!run.Stdout.AsSpan().SequenceEqual(expected.Stdout))
            throw new Xunit.Sdk.XunitException(Report(program, expected.Stdout, run.Stdout) + "\n" + run.Describe());
        run.Result.Reason.Should().Be(StopReason.Exited, run.Describe());
        run.Result.ExitCode.Should().Be(expected.ExitCode);
    }

    private static string Report(string program, byte[] expected, byte[] actual)
    {
        string[] e = FpxOracle.Lines(expected), a = FpxOracle.Lines(actual);
        int n = Math.Min(e.Length, a.Length);
        for (int i = 0; i < n; i++)
        {
            if (e[i] == a[i]) continue;
            string[] ef = e[i].Split(' '), af = a[i].Split(' ');
            if (ef.Length != Fields.Length || af.Length != Fields.Length || ef[0] != af[0])
                return $"{program}: line {i + 1} differs\n  qemu:  {e[i]}\n  m7sim: {a[i]}";
            var sb = new StringBuilder();
            uint index = Convert.ToUInt32(ef[0], 16);
            sb.Append($"{program}: first mismatching sequence vseq_{index}; registers:");
            for (int f = 1; f < Fields.Length; f++)
            {
                if (ef[f] != af[f]) sb.Append($"\n  {Fields[f],-5} qemu {ef[f]}  m7sim {af[f]}");
            }
            AppendSequence(sb, program, index);
            return sb.ToString();
        }
        return $"{program}: {FpxOracle.FirstDifference(expected, actual)}";
    }

    private static void AppendSequence(StringBuilder sb, string program, uint index)
    {
        string id = program["fpx-vfprand-".Length..];
        string path = VfpRandomInputs.SourcePath(id);
        if (!File.Exists(path))
        {
            sb.Append($"\n(source {path} not found)");
            return;
        }
        string text = File.ReadAllText(path);
        sb.Append($"\ninputs (index fpscr apsr d0..d15 r0..r7):\n  {VfpRandomInputs.InputLine(VfpRandomInputs.FileSeed(text), index)}");
        sb.Append($"\nvseq_{index} in {path}:\n{VfpRandomInputs.SequenceText(text, index)}");
    }

    private static string[] BuildFieldNames()
    {
        var names = new List<string> { "index", "fpscr", "apsr" };
        for (int d = 0; d < 16; d++) names.Add($"d{d}");
        for (int r = 0; r < 8; r++) names.Add($"r{r}");
        return [.. names];
    }
}
