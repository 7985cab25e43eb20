using FluentAssertions;
using M7Sim.Baselines;
using M7Sim.Tests.TestSupport;
using Xunit;

namespace M7Sim.Tests.Baselines;

/// <summary>
/// The deliberate regression (kernels-elf/fixtures: one NOP added to the convolution inner loop)
/// is caught by the baseline check and attributed to the convolution operators.
/// </summary>
public class RegressionFixtureTests
{
    private static readonly string Build = ToolchainPaths.KernelsBuild;

    private static BaselineEntry Measure(string elf) => BaselineRunner.MeasureOne(new ManifestEntry
    {
        Name = "cifar10_cnn",
        Elf = Path.Combine(Build, elf),
    }, Build);

    private static readonly Lazy<(BaselineEntry Normal, BaselineEntry Regressed)> Runs = new(() =>
        (Measure("cifar10_cnn.f746.elf"), Measure("fixture_regressed_cifar10_cnn.f746.elf")));

    private static BaselineFile Baseline(BaselineEntry e) => new() { M7SimVersion = "test", Entries = [e] };

    [Fact]
    public void The_extra_inner_loop_instruction_is_a_regression_of_the_convolutions_only()
    {
        var (normal, regressed) = Runs.Value;
        var result = BaselineComparer.Compare(Baseline(normal), [regressed], []);
        result.HasRegression.Should().BeTrue();

        var instr = result.Deltas.Where(d => d.Metric == "instructions" && d.Scope != "total").ToList();
        // One NOP per iteration of the 4-column SMLAD loop of arm_nn_mat_mult_kernel_s8_s16, which
        // computes 2 output pixels x 2 output channels per call row: iterations =
        // (pixels / 2) * (out_ch / 2) * floor(kh * kw * in_ch / 4) for each of the three 5x5 convolutions.
        long Iterations(int pixels, int outCh, int inCh) => (pixels / 2L) * (outCh / 2) * (5 * 5 * inCh / 4);
        var expected = new[] { Iterations(32 * 32, 32, 3), Iterations(16 * 16, 32, 32), Iterations(8 * 8, 64, 32) };
        instr.Where(d => d.OperatorType == "conv").Select(d => (long)d.Change).Should().Equal(expected);
        instr.Where(d => d.OperatorType != "conv").Should().OnlyContain(d => d.Change == 0 && d.Verdict == Verdict.Within);

        var worstCycles = result.Deltas.Where(d => d.Metric == "cycles" && d.Scope != "total").MaxBy(d => d.Change)!;
        worstCycles.OperatorType.Should().Be("conv");
        worstCycles.Verdict.Should().Be(Verdict.Regression);
    }

    [Fact]
    public void The_markdown_report_lists_the_convolution_regressions_first()
    {
        var (normal, regressed) = Runs.Value;
        string md = CheckReports.Markdown(BaselineComparer.Compare(Baseline(normal), [regressed], []));
        md.Should().Contain("regression(s)");
        var rows = md.Split('\n').Where(l => l.StartsWith("| cifar10_cnn |", StringComparison.Ordinal)).ToList();
        rows.Should().NotBeEmpty();
        rows.Take(3).Should().OnlyContain(r => r.Contains("arm_convolve_s8") || r.Contains("| total |"));
    }

    [Fact]
    public void Going_back_to_the_normal_build_is_reported_as_an_improvement()
    {
        var (normal, regressed) = Runs.Value;
        var result = BaselineComparer.Compare(Baseline(regressed), [normal], []);
        result.HasImprovement.Should().BeTrue();
        result.Deltas.Where(d => d.Metric == "instructions" && d.OperatorType == "conv").Should().OnlyContain(d => d.Verdict == Verdict.Improvement);
    }

    [Fact]
    public void A_relative_tolerance_on_the_convolutions_absorbs_the_regression()
    {
        var (normal, regressed) = Runs.Value;
        var tolerances = new[] { "cycles=50%", "instructions=50%", "energyJ=50%" }.Select(Tolerance.Parse).ToList();
        var result = BaselineComparer.Compare(Baseline(normal), [regressed], tolerances);
        result.Deltas.Where(d => d.Metric is "cycles" or "instructions" or "energyJ").Should().OnlyContain(d => d.Verdict == Verdict.Within);
    }
}
