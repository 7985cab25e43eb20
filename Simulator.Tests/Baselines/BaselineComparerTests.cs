using FluentAssertions;
using M7Sim.Baselines;
using Xunit;

namespace M7Sim.Tests.Baselines;

public class BaselineComparerTests
{
    private static BaselineEntry Entry(string name, double cycles, string coreHash = "c1", params (string Type, double Cycles)[] ops) => new()
    {
        Name = name,
        Elf = name + ".elf",
        ElfSha256 = "e",
        Board = "b",
        TimingModel = "cortex-m7",
        ModelHashes = new(StringComparer.Ordinal) { ["core"] = coreHash },
        Totals = new(StringComparer.Ordinal) { ["cycles"] = cycles },
        Operators = ops.Select((o, i) => new BaselineOperator
        {
            Index = i + 1, Type = o.Type, Function = "f_" + o.Type,
            Metrics = new(StringComparer.Ordinal) { ["cycles"] = o.Cycles },
        }).ToList(),
    };

    private static BaselineFile File(params BaselineEntry[] e) => new() { M7SimVersion = "t", Entries = e.ToList() };

    [Fact]
    public void Identical_figures_are_within_the_default_exact_tolerance()
    {
        var r = BaselineComparer.Compare(File(Entry("a", 100, ops: ("conv", 60))), [Entry("a", 100, ops: ("conv", 60))], []);
        r.HasRegression.Should().BeFalse();
        r.Deltas.Should().OnlyContain(d => d.Verdict == Verdict.Within);
    }

    [Fact]
    public void One_cycle_more_is_a_regression_by_default()
    {
        var r = BaselineComparer.Compare(File(Entry("a", 100)), [Entry("a", 101)], []);
        r.Deltas.Single().Verdict.Should().Be(Verdict.Regression);
    }

    [Theory]
    [InlineData("cycles=1%", 101, Verdict.Within)]
    [InlineData("cycles=1%", 102, Verdict.Regression)]
    [InlineData("cycles=5", 105, Verdict.Within)]
    [InlineData("cycles=5", 94, Verdict.Improvement)]
    public void Tolerances_are_relative_with_a_percent_sign_and_absolute_without(string tol, double current, Verdict expected)
    {
        var r = BaselineComparer.Compare(File(Entry("a", 100)), [Entry("a", current)], [Tolerance.Parse(tol)]);
        r.Deltas.Single().Verdict.Should().Be(expected);
    }

    [Fact]
    public void An_operator_scoped_tolerance_applies_to_that_type_only()
    {
        var tol = new[] { Tolerance.Parse("conv:cycles=10%") };
        var r = BaselineComparer.Compare(File(Entry("a", 100, ops: [("conv", 50), ("fc", 50)])), [Entry("a", 100, ops: [("conv", 54), ("fc", 54)])], tol);
        r.Deltas.Single(d => d.OperatorType == "conv").Verdict.Should().Be(Verdict.Within);
        r.Deltas.Single(d => d.OperatorType == "fc").Verdict.Should().Be(Verdict.Regression);
    }

    [Fact]
    public void A_changed_timing_model_is_reported_as_a_model_change_not_a_kernel_regression()
    {
        var r = BaselineComparer.Compare(File(Entry("a", 100, "old")), [Entry("a", 180, "new")], []);
        r.Deltas.Should().ContainSingle().Which.Verdict.Should().Be(Verdict.ModelChanged);
        r.Deltas.Should().NotContain(d => d.Verdict == Verdict.Regression);
    }

    [Fact]
    public void Missing_and_new_entries_are_reported_unless_checking_a_shard()
    {
        var full = BaselineComparer.Compare(File(Entry("a", 1), Entry("b", 1)), [Entry("a", 1), Entry("c", 1)], []);
        full.Deltas.Should().Contain(d => d.Entry == "b" && d.Verdict == Verdict.Removed);
        full.Deltas.Should().Contain(d => d.Entry == "c" && d.Verdict == Verdict.Added);
        var shard = BaselineComparer.Compare(File(Entry("a", 1), Entry("b", 1)), [Entry("a", 1)], [], complete: false);
        shard.HasRegression.Should().BeFalse();
    }

    [Theory]
    [InlineData("cycles")]
    [InlineData("=5")]
    [InlineData("cycles=abc")]
    [InlineData("cycles=-1%")]
    public void Malformed_tolerances_are_rejected(string text) =>
        FluentActions.Invoking(() => Tolerance.Parse(text)).Should().Throw<BaselineException>().WithMessage("--tolerance*");

    [Fact]
    public void Shards_are_disjoint_and_cover_the_manifest()
    {
        var m = new BaselineManifest { Entries = Enumerable.Range(0, 7).Select(i => new ManifestEntry { Name = $"e{i}", Elf = "x" }).ToList() };
        var shards = Enumerable.Range(1, 3).Select(k => BaselineRunner.Shard(m, k, 3)).ToList();
        shards.SelectMany(s => s).Select(e => e.Name).Should().BeEquivalentTo(m.Entries.Select(e => e.Name));
        shards.Sum(s => s.Count).Should().Be(7);
    }

    [Fact]
    public void Merging_shards_orders_entries_by_name_and_refuses_duplicates()
    {
        var merged = BaselineComparer.Merge([File(Entry("b", 1)), File(Entry("a", 1))]);
        merged.Entries.Select(e => e.Name).Should().Equal("a", "b");
        FluentActions.Invoking(() => BaselineComparer.Merge([File(Entry("a", 1)), File(Entry("a", 2))]))
            .Should().Throw<BaselineException>();
    }

    [Fact]
    public void JUnit_has_a_failing_case_for_each_regressed_scope()
    {
        var r = BaselineComparer.Compare(File(Entry("a", 100, ops: [("conv", 50), ("fc", 50)])), [Entry("a", 110, ops: [("conv", 60), ("fc", 50)])], []);
        var xml = System.Xml.Linq.XDocument.Parse(CheckReports.JUnit(r));
        var cases = xml.Descendants("testcase").ToList();
        cases.Should().HaveCount(3);
        cases.Where(c => c.Element("failure") is not null).Select(c => (string)c.Attribute("name")!).Should().BeEquivalentTo("total", "#1 f_conv");
    }
}
