using System.Text;
using System.Text.Json;
using FluentAssertions;
using M7Sim.Reporting;
using Xunit;

namespace M7Sim.Tests.Profiling;

public class ReportFormatTests(CifarProfileFixture fixture) : IClassFixture<CifarProfileFixture>
{
    private string Render(ReportFormat f)
    {
        var ms = new MemoryStream();
        ReportWriter.Write(fixture.Report, f, ms);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    [Fact]
    public void Json_round_trips_with_its_schema_version()
    {
        var text = Render(ReportFormat.Json);
        var back = JsonReportWriter.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        back.Schema.Should().Be("m7sim.profile/1");
        back.Totals.Cycles.Should().Be(fixture.Report.Totals.Cycles);
        back.Operators.Should().HaveCount(fixture.Report.Operators.Count);
    }

    [Fact]
    public void Csv_has_a_header_and_one_row_per_operator()
    {
        var lines = Render(ReportFormat.Csv).TrimEnd().Split('\n');
        lines[0].Should().StartWith("index,type,function");
        lines.Should().HaveCount(1 + fixture.Report.Operators.Count);
    }

    [Fact]
    public void Folded_stacks_are_semicolon_paths_with_integer_cycles()
    {
        var lines = Render(ReportFormat.Folded).TrimEnd().Split('\n');
        lines.Should().OnlyContain(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^[^ ]+( [^ ]+)* \d+$"));
        lines.Should().Contain(l => l.Contains("arm_convolve_s8;"));
    }

    [Fact]
    public void Chrome_trace_is_valid_json_with_operator_spans()
    {
        using var doc = JsonDocument.Parse(Render(ReportFormat.Trace));
        var events = doc.RootElement.GetProperty("traceEvents").EnumerateArray().ToList();
        events.Count(e => e.GetProperty("ph").GetString() == "X" && e.GetProperty("cat").GetString() == "operator")
            .Should().Be(fixture.Report.Operators.Count);
    }

    [Fact]
    public void Markdown_and_table_name_every_operator_type()
    {
        foreach (var text in new[] { Render(ReportFormat.Md), Render(ReportFormat.Table) })
            foreach (var t in fixture.Report.Types) text.Should().Contain(t.Type);
    }
}
