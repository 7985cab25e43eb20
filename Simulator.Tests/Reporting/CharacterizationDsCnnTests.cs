using System.Globalization;
using FluentAssertions;
using M7Sim.Reporting;
using Xunit;

namespace M7Sim.Tests.Reporting;

[Collection("characterization")]
public class CharacterizationDsCnnTests(CharacterizationFixture fixture)
{
    /// <summary>Total MACs and depthwise MAC share (%) per network, from kernels-elf/README.md (tools/gen_weights.py's layer tables).</summary>
    private static readonly (string Name, long Macs, double DepthwisePercent)[] Readme =
    [
        ("ds_cnn_s", 2_656_768, 10.8), ("ds_cnn_v1", 2_663_152, 7.4), ("ds_cnn_v2", 2_639_624, 13.3),
        ("ds_cnn_v3", 2_656_768, 30.1), ("ds_cnn_v4", 2_680_672, 18.8), ("ds_cnn_v5", 2_678_600, 5.9),
    ];

    [Fact]
    public void The_six_models_appear_in_a_fixed_order_with_the_readme_MACs_and_two_ops_per_MAC()
    {
        var m = fixture.Result.Models;
        m.Select(x => x.Name).Should().Equal(Readme.Select(x => x.Name));
        m.Select(x => x.Macs).Should().Equal(Readme.Select(x => x.Macs));
        m.Select(x => x.Ops).Should().Equal(Readme.Select(x => 2 * x.Macs));
    }

    [Fact]
    public void Depthwise_MAC_shares_match_the_readme()
    {
        foreach (var (model, r) in fixture.Result.Models.Zip(Readme))
            (100 * model.DepthwiseMacShare).Should().BeApproximately(r.DepthwisePercent, 0.05, model.Name);
    }

    [Fact]
    public void Relative_figures_are_to_ds_cnn_s_and_inference_is_part_of_the_run()
    {
        var m = fixture.Result.Models;
        (m[0].RelativeOps, m[0].RelativeCycles, m[0].RelativeEnergy).Should().Be((1.0, 1.0, 1.0));
        foreach (var x in m)
        {
            x.RelativeCycles.Should().BeApproximately(x.Cycles / m[0].Cycles, 1e-12);
            x.RelativeEnergy.Should().BeApproximately(x.EnergyJoules / m[0].EnergyJoules, 1e-12);
            x.Cycles.Should().BePositive().And.BeLessThan(x.RunCycles);
            x.EnergyJoules.Should().BePositive().And.BeLessThan(x.RunEnergyJoules);
            x.Seconds.Should().BeApproximately(x.Cycles / fixture.Result.ClockHz, 1e-15);
        }
    }

    [Fact]
    public void The_csv_has_a_header_and_the_six_models_in_order()
    {
        var lines = fixture.Read(CharacterizationWriters.DsCnnCsv).TrimEnd('\n').Split('\n');
        lines[0].Should().StartWith("model,macs,ops,cycles,");
        lines.Skip(1).Select(l => l.Split(',')[0]).Should().Equal(Readme.Select(x => x.Name));
        lines.Skip(1).Select(l => long.Parse(l.Split(',')[2], CultureInfo.InvariantCulture)).Should().Equal(Readme.Select(x => 2 * x.Macs));
    }
}
