using System.Xml.Linq;
using FluentAssertions;
using M7Sim.Reporting;
using Xunit;

namespace M7Sim.Tests.Reporting;

[Collection("characterization")]
public class CharacterizationChartTests(CharacterizationFixture fixture)
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private XDocument Load(string name) => XDocument.Parse(fixture.Read(name));

    private static List<XElement> Series(XDocument d) =>
        d.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "series").ToList();

    [Fact]
    public void The_ops_chart_is_an_svg_document_with_one_series_per_operator_type()
    {
        var d = Load(CharacterizationWriters.OpsSvg);
        d.Root!.Name.Should().Be(Svg + "svg");
        var types = fixture.Result.Cases.Select(c => c.Type).Distinct().Order(StringComparer.Ordinal).ToList();
        var series = Series(d);
        series.Select(g => (string)g.Attribute("data-type")!).Order(StringComparer.Ordinal).Should().Equal(types);
        foreach (var g in series)
        {
            string type = (string)g.Attribute("data-type")!;
            g.Elements(Svg + "circle").Should().HaveCount(fixture.Result.Cases.Count(c => c.Type == type), type);
        }
    }

    [Fact]
    public void The_ops_chart_has_a_legend_entry_per_type_and_markers_inside_the_plot()
    {
        var d = Load(CharacterizationWriters.OpsSvg);
        var legend = d.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "legend");
        var labels = legend.Elements(Svg + "text").Select(t => t.Value).ToList();
        foreach (var type in fixture.Result.Cases.Select(c => c.Type).Distinct())
            labels.Should().Contain(l => l.StartsWith(type + " (", StringComparison.Ordinal));
        // The plot frame is the axes' rect; every marker lies within it.
        var frame = d.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "axes").Element(Svg + "rect")!;
        double x0 = (double)frame.Attribute("x")!, y0 = (double)frame.Attribute("y")!;
        double x1 = x0 + (double)frame.Attribute("width")!, y1 = y0 + (double)frame.Attribute("height")!;
        foreach (var c in Series(d).SelectMany(g => g.Elements(Svg + "circle")))
        {
            ((double)c.Attribute("cx")!).Should().BeInRange(x0, x1);
            ((double)c.Attribute("cy")!).Should().BeInRange(y0, y1);
        }
    }

    [Fact]
    public void The_dscnn_chart_has_ops_cycles_and_energy_bars_for_each_model()
    {
        var d = Load(CharacterizationWriters.DsCnnSvg);
        d.Root!.Name.Should().Be(Svg + "svg");
        var series = Series(d);
        series.Select(g => (string)g.Attribute("data-type")!).Should().Equal("ops", "cycles", "energy");
        series.Should().OnlyContain(g => g.Elements(Svg + "rect").Count() == fixture.Result.Models.Count);
    }

    [Theory]
    [InlineData(CharacterizationWriters.OpsSvg)]
    [InlineData(CharacterizationWriters.DsCnnSvg)]
    public void Charts_are_self_contained(string name)
    {
        var d = Load(name);
        d.Descendants().Should().NotContain(e => e.Name.LocalName == "script" || e.Name.LocalName == "image" || e.Name.LocalName == "use");
        d.Descendants().Attributes().Should().NotContain(a => a.Name.LocalName == "href");
        d.Descendants().Attributes().Where(a => a.Name.LocalName is "x" or "y" or "cx" or "cy" or "width" or "height")
            .Should().OnlyContain(a => double.IsFinite(double.Parse(a.Value, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
