using FluentAssertions;
using M7Sim.Reporting;
using Xunit;

namespace M7Sim.Tests.Reporting;

/// <summary>The comparison logic on hand-made data (no simulation): interpolation, rankings, verdicts.</summary>
public class CharacterizationAnalysisTests
{
    private static int _id;

    /// <summary>A case with the given throughput; energy per op = 1 / throughput nJ (constant power), MAC types when macs is true.</summary>
    private static CharacterizationCase Case(string type, double work, double opsPerCycle, bool macs = true)
    {
        long outputs = 100, ops = (long)(outputs * work * (macs ? 2 : 1));
        double cycles = ops / opsPerCycle;
        return new CharacterizationCase("bench_x", _id++, type, "", type, "fn_" + type, null, outputs, work, macs ? "MACs" : "window",
            macs ? work : null, (double)ops / outputs, macs ? ops / 2 : 0, ops, cycles, cycles, opsPerCycle, macs ? ops / 2 / cycles : 0,
            ops / opsPerCycle * 1e-9, 1 / opsPerCycle);
    }

    private static CharacterizationResult Result(IEnumerable<CharacterizationCase> cases, params double[] energies) => new()
    {
        Board = "b", ClockHz = 1e8, TimingModel = "t", EnergyModel = "e", Cases = cases.ToList(),
        Models = energies.Select((e, i) => new DsCnnModel($"m{i}", 1000, 2000, 100 * e, e, e, 0, 20, e, 1, e / energies[0], e / energies[0], 200, 2 * e)).ToList(),
    };

    [Fact]
    public void Throughput_is_interpolated_linearly_in_log_work_between_cases()
    {
        var s = CharacterizationAnalysis.Series(Result([Case("conv", 10, 1.0), Case("conv", 100, 2.0)])).Single();
        s.OpsPerCycleAt(Math.Sqrt(10 * 100))!.Value.Should().BeApproximately(1.5, 1e-12); // log midpoint
        s.OpsPerCycleAt(10).Should().Be(1.0);
        s.OpsPerCycleAt(100).Should().Be(2.0);
    }

    [Fact]
    public void Beyond_the_sweep_a_type_counts_only_within_reach_of_its_nearest_case()
    {
        var s = CharacterizationAnalysis.Series(Result([Case("fc", 8, 1.0), Case("fc", 1024, 3.0)])).Single();
        s.OpsPerCycleAt(10).Should().NotBeNull();
        s.OpsPerCycleAt(8 / 1.25).Should().Be(1.0);   // exactly at reach
        s.OpsPerCycleAt(6).Should().BeNull();          // 8/6 = 1.33 > 1.25
        s.OpsPerCycleAt(1024 * 1.25).Should().Be(3.0);
        s.OpsPerCycleAt(1300).Should().BeNull();
    }

    [Fact]
    public void Cases_at_the_same_work_are_averaged()
    {
        var s = CharacterizationAnalysis.Series(Result([Case("dw", 9, 1.0), Case("dw", 9, 3.0)])).Single();
        s.OpsPerCycleAt(9).Should().Be(2.0);
        s.OpsPerCycle.Should().BeApproximately(2 * 1800 / (1800 + 600.0), 1e-12); // all ops / all cycles
    }

    [Fact]
    public void Rankings_list_types_best_first_only_where_two_or_more_are_measured()
    {
        var r = Result([Case("conv_1x1", 9, 1.0), Case("conv_1x1", 1000, 1.2), Case("fully_connected", 9, 0.8), Case("relu", 1, 0.5, macs: false)]);
        var ranks = CharacterizationAnalysis.Rankings(CharacterizationAnalysis.Series(r));
        ranks.Select(k => k.Work).Should().Equal(9); // 1: only relu; 64..1000: only conv_1x1
        ranks[0].Types.Select(t => t.Type).Should().Equal("conv_1x1", "fully_connected");
        ranks[0].ThroughputSpread.Should().BeApproximately(1.25, 1e-12);
    }

    private static Dictionary<string, Verdict> Verdicts(CharacterizationResult r) =>
        CharacterizationAnalysis.Findings(r, CharacterizationAnalysis.Rankings(CharacterizationAnalysis.Series(r)))
            .ToDictionary(f => f.Claim.Split(' ')[0] + " " + f.Claim.Split(' ')[1], f => f.Verdict);

    [Fact]
    public void The_papers_ordering_is_recognised_when_the_data_show_it()
    {
        // GEMM > GEMV > depthwise > max pooling at every point; spread 1.2/0.3 = 4x; DS-CNN energy spread 30%.
        var cases = new[] { 9.0, 1000 }.SelectMany(x => new[]
        {
            Case("conv_1x1", x, 1.2), Case("fully_connected", x, 1.0), Case("depthwise_conv", x, 0.5), Case("max_pool", x, 0.3, macs: false),
        });
        var v = Verdicts(Result(cases, 1.0, 1.3));
        v.Values.Should().OnlyContain(x => x == Verdict.Matches);
        v.Should().HaveCount(6);
    }

    [Fact]
    public void The_opposite_ordering_is_reported_as_not_matching()
    {
        var cases = new[] { 9.0, 1000 }.SelectMany(x => new[]
        {
            Case("conv_1x1", x, 0.5), Case("fully_connected", x, 1.0), Case("depthwise_conv", x, 1.1), Case("max_pool", x, 1.2, macs: false),
        });
        var v = Verdicts(Result(cases, 1.0, 1.01));
        v["max pooling"].Should().Be(Verdict.DoesNotMatch);
        v["1x1 convolution"].Should().Be(Verdict.DoesNotMatch);
        v["depthwise convolution"].Should().Be(Verdict.DoesNotMatch);
        v["DS-CNN models"].Should().Be(Verdict.DoesNotMatch); // 1% spread
    }

    [Fact]
    public void Softmax_and_elementwise_types_stay_out_of_the_papers_comparisons()
    {
        // Softmax is far slower per "op" than max pooling, but it is not one of the paper's layer types.
        var cases = new[] { 9.0, 1000 }.SelectMany(x => new[]
        {
            Case("conv", x, 1.0), Case("max_pool", x, 0.3, macs: false), Case("softmax", x, 0.003, macs: false),
        });
        var r = Result(cases, 1.0, 1.3);
        var findings = CharacterizationAnalysis.Findings(r, CharacterizationAnalysis.Rankings(CharacterizationAnalysis.Series(r)));
        findings.Single(f => f.Claim.StartsWith("max pooling", StringComparison.Ordinal)).Verdict.Should().Be(Verdict.Matches);
        findings.Single(f => f.Claim.StartsWith("throughput", StringComparison.Ordinal)).Evidence.Should().StartWith("widest 3.3x");
    }

    [Fact]
    public void A_dscnn_energy_spread_far_above_the_papers_is_only_a_partial_match()
    {
        var cases = new[] { Case("conv", 9, 1.0), Case("fully_connected", 9, 0.5) };
        var r = Result(cases, 1.0, 1.1, 2.5);
        var f = CharacterizationAnalysis.Findings(r, CharacterizationAnalysis.Rankings(CharacterizationAnalysis.Series(r))).Last();
        f.Verdict.Should().Be(Verdict.Partly);
        f.Evidence.Should().Contain("energy spread 150.0%").And.Contain("without m2: 10.0%");
    }

    [Fact]
    public void Spread_is_max_over_min_minus_one() =>
        CharacterizationAnalysis.Spread([2.0, 3.0, 2.5]).Should().BeApproximately(0.5, 1e-12);

    [Theory]
    [InlineData(0.83, 1.0)]
    [InlineData(1.0, 1.0)]
    [InlineData(1.3, 1.5)]
    [InlineData(2.2, 2.5)]
    [InlineData(4.0, 4.0)]
    [InlineData(6.5, 8.0)]
    [InlineData(8.5, 10.0)]
    [InlineData(0.031, 0.04)]
    public void Chart_axes_end_at_a_nice_value(double max, double expected) =>
        CharacterizationCharts.NiceCeiling(max).Should().BeApproximately(expected, 1e-12);
}
