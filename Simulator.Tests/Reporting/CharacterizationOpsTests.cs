using System.Globalization;
using System.Text.RegularExpressions;
using FluentAssertions;
using M7Sim.Reporting;
using M7Sim.Tests.TestSupport;
using Xunit;

namespace M7Sim.Tests.Reporting;

[Collection("characterization")]
public class CharacterizationOpsTests(CharacterizationFixture fixture)
{
    /// <summary>Cases per program, from kernels-elf/README.md's micro-benchmark table (relu and add: 6 sizes for each of two kernels).</summary>
    private static readonly (string Suite, int Cases)[] ReadmeCases =
    [
        ("bench_conv", 12), ("bench_conv1x1", 10), ("bench_dwconv", 9), ("bench_fc", 10), ("bench_maxpool", 8),
        ("bench_avgpool", 8), ("bench_relu", 12), ("bench_softmax", 7), ("bench_add", 12),
    ];

    /// <summary>The CSV as (header name → value) per data row.</summary>
    private List<Dictionary<string, string>> CsvRows()
    {
        var lines = fixture.Read(CharacterizationWriters.OpsCsv).TrimEnd('\n').Split('\n');
        lines.Should().NotContain(l => l.Contains('"'), "no field of the bench CSV needs quoting");
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l =>
        {
            var cells = l.Split(',');
            cells.Should().HaveCount(header.Length, l);
            return header.Zip(cells).ToDictionary(p => p.First, p => p.Second);
        }).ToList();
    }

    /// <summary>"case ID OP SHAPE mpo=N macs=M" lines of a bench program's output under QEMU (build/expected, the functional oracle).</summary>
    private static List<(int Id, string Op, string Shape, long Mpo, long Macs)> QemuCases(string suite) =>
        Regex.Matches(File.ReadAllText(Path.Combine(ToolchainPaths.Expected, suite + ".txt")), @"^case (\d+) (\S+) (\S+) mpo=(\d+) macs=(\d+)", RegexOptions.Multiline)
            .Select(m => (int.Parse(m.Groups[1].Value), m.Groups[2].Value, m.Groups[3].Value, long.Parse(m.Groups[4].Value), long.Parse(m.Groups[5].Value)))
            .ToList();

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void The_csv_has_one_row_per_benchmark_case_in_suite_then_case_order()
    {
        var rows = CsvRows();
        rows.Should().HaveCount(ReadmeCases.Sum(c => c.Cases)); // 88
        var expected = ReadmeCases.SelectMany(s => Enumerable.Range(0, s.Cases).Select(i => $"{s.Suite}#{i}")).ToList();
        rows.Select(r => $"{r["suite"]}#{r["case"]}").Should().Equal(expected);
    }

    [Fact]
    public void The_readme_case_counts_agree_with_what_the_programs_print_under_QEMU()
    {
        foreach (var (suite, cases) in ReadmeCases)
            QemuCases(suite).Should().HaveCount(cases, suite);
    }

    [Fact]
    public void Each_case_is_labelled_with_the_operation_and_shape_the_program_printed()
    {
        foreach (var (suite, _) in ReadmeCases)
        {
            var ours = fixture.Result.Cases.Where(c => c.Suite == suite).Select(c => (c.Case, c.BenchOp, c.BenchShape));
            ours.Should().Equal(QemuCases(suite).Select(q => (q.Id, q.Op, q.Shape)), suite);
        }
    }

    [Fact]
    public void Work_per_output_from_the_call_arguments_equals_the_programs_own_figure()
    {
        // mpo in the program's output: k*k*cin, cin, k*k, FC inputs, window, row size, 1 (nn_bench.c).
        foreach (var (suite, _) in ReadmeCases)
        {
            var ours = fixture.Result.Cases.Where(c => c.Suite == suite).Select(c => c.WorkPerOutput);
            ours.Should().Equal(QemuCases(suite).Select(q => (double)q.Mpo), suite);
        }
        fixture.Result.Notes.Should().BeEmpty();
    }

    [Theory]
    [InlineData("bench_conv")]
    [InlineData("bench_conv1x1")]
    [InlineData("bench_dwconv")]
    [InlineData("bench_fc")]
    public void MAC_operations_count_the_programs_MACs_and_two_ops_per_MAC(string suite)
    {
        var ours = fixture.Result.Cases.Where(c => c.Suite == suite).ToList();
        ours.Select(c => c.Macs).Should().Equal(QemuCases(suite).Select(q => q.Macs));
        ours.Should().OnlyContain(c => c.Ops == 2 * c.Macs && c.WorkUnit == "MACs" && c.MacsPerOutput == c.WorkPerOutput);
    }

    [Fact]
    public void Pooling_counts_one_op_per_window_element_and_elementwise_one_per_element()
    {
        // 32x32x16, 2x2 stride 2: 16x16x16 outputs of 4 elements each.
        var pool = fixture.Result.Cases.First(c => c.Suite == "bench_maxpool" && c.Case == 0);
        (pool.Outputs, pool.Ops, pool.WorkUnit).Should().Be((16L * 16 * 16, 16L * 16 * 16 * 4, "window"));
        // relu on 16384 elements, in place.
        var relu = fixture.Result.Cases.First(c => c.Suite == "bench_relu" && c.Case == 5);
        (relu.Outputs, relu.Ops, relu.OpsPerOutput, relu.WorkUnit).Should().Be((16384L, 16384L, 1.0, "element"));
        // softmax 1x1000: one op per element, work = the row.
        var softmax = fixture.Result.Cases.First(c => c.Suite == "bench_softmax" && c.Case == 6);
        (softmax.Ops, softmax.WorkPerOutput, softmax.WorkUnit).Should().Be((1000L, 1000.0, "row"));
    }

    [Fact]
    public void Kernel_selection_follows_the_readme_rules()
    {
        string Fn(string suite, int id) => fixture.Result.Cases.Single(c => c.Suite == suite && c.Case == id).Function;
        // Depthwise wrapper: 3x3 with in_ch % 4 == 0 -> 3x3 kernel; 30 channels -> opt; ch_mult 2 -> generic.
        Fn("bench_dwconv", 0).Should().Be("arm_depthwise_conv_3x3_s8");
        Fn("bench_dwconv", 2).Should().Be("arm_depthwise_conv_s8_opt");
        Fn("bench_dwconv", 3).Should().Be("arm_depthwise_conv_s8");
        // Convolution wrapper: 1x8 with output width 63 -> general im2col; 1x9 with output width 64 -> 1xN.
        Fn("bench_conv", 10).Should().Be("arm_convolve_s8");
        Fn("bench_conv", 11).Should().Be("arm_convolve_1_x_n_s8");
        fixture.Result.Cases.Where(c => c.Suite == "bench_conv1x1").Should().OnlyContain(c => c.Type == "conv_1x1");
        fixture.Result.Cases.Where(c => c.Suite == "bench_relu").Select(c => c.Function).Distinct()
            .Should().Equal("arm_relu_q7", "arm_relu6_s8");
    }

    [Fact]
    public void Derived_columns_follow_from_ops_cycles_and_energy()
    {
        foreach (var r in CsvRows())
        {
            double ops = D(r["ops"]), cycles = D(r["cycles"]), energy = D(r["energy_j"]);
            cycles.Should().BePositive();
            D(r["ops_per_cycle"]).Should().BeApproximately(ops / cycles, 1e-12 * ops / cycles);
            D(r["macs_per_cycle"]).Should().BeApproximately(D(r["macs"]) / cycles, 1e-12);
            D(r["nj_per_op"]).Should().BeApproximately(energy * 1e9 / ops, 1e-9 * energy * 1e9 / ops);
            D(r["ops_per_output"]).Should().BeApproximately(ops / D(r["outputs"]), 1e-12);
        }
    }

    [Fact]
    public void The_summary_ranks_types_and_states_a_verdict_for_each_finding_of_the_paper()
    {
        var md = fixture.Read(CharacterizationWriters.SummaryMd);
        foreach (var type in fixture.Result.Cases.Select(c => c.Type).Distinct())
            md.Should().Contain($"| {type} |");
        var findings = md.Split('\n').SkipWhile(l => !l.StartsWith("| paper's finding", StringComparison.Ordinal)).Skip(2)
            .TakeWhile(l => l.StartsWith('|')).ToList();
        findings.Should().HaveCount(6);
        findings.Should().OnlyContain(l => Regex.IsMatch(l, @"^\| [^|]+ \| (matches|partly|\*\*does not match\*\*|not measured) \| [^|]+ \|$"));
    }
}
