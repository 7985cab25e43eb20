using System.Diagnostics;
using System.Text;
using FluentAssertions;
using M7Sim.Reporting;
using M7Sim.Tests.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace M7Sim.Tests.Profiling;

/// <summary>The HTML report rendered by a real browser: Debian's headless Chromium.</summary>
public class HtmlReportBrowserTests(CifarProfileFixture fixture, ITestOutputHelper output) : IClassFixture<CifarProfileFixture>
{
    private static string Chromium() =>
        ToolchainPaths.FindOnPath("chromium") ?? ToolchainPaths.FindOnPath("chromium-browser")
        ?? throw new InvalidOperationException("chromium is not installed (Debian package 'chromium'); .ci/run installs it");

    private static (int Exit, string Stdout, string Stderr) RunChromium(params string[] args)
    {
        var psi = new ProcessStartInfo(Chromium()) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr", "--v=0" }.Concat(args))
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(90_000)) { p.Kill(true); throw new TimeoutException("chromium did not finish in 90 s"); }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    private string WriteHtml()
    {
        string path = Path.Combine(Path.GetTempPath(), $"m7sim-report-{Guid.NewGuid():N}.html");
        using (var fs = File.Create(path)) ReportWriter.Write(fixture.Report, ReportFormat.Html, fs);
        return path;
    }

    [Fact]
    public void The_report_renders_its_three_charts_without_console_errors()
    {
        string html = WriteHtml();
        var (exit, dom, log) = RunChromium("--dump-dom", new Uri(html).AbsoluteUri);
        exit.Should().Be(0);
        // Console messages appear as "CONSOLE(line)" in Chromium's log; the page has no scripts, so there must be none.
        log.Split('\n').Where(l => l.Contains("CONSOLE", StringComparison.Ordinal)).Should().BeEmpty();
        foreach (var id in new[] { "cycles-per-operator", "throughput-per-type", "memory-breakdown" })
            dom.Should().Contain($"<svg id=\"{id}\"");
        dom.Split("<rect").Length.Should().BeGreaterThan(fixture.Report.Operators.Count + fixture.Report.Types.Count);
    }

    [Fact]
    public void A_screenshot_of_the_report_shows_a_rendered_page()
    {
        string html = WriteHtml();
        string png = Path.ChangeExtension(html, ".png");
        var (exit, _, _) = RunChromium("--window-size=1100,1600", $"--screenshot={png}", new Uri(html).AbsoluteUri);
        exit.Should().Be(0);
        var bytes = File.ReadAllBytes(png);
        bytes.Take(8).Should().Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A });
        // Width and height from the IHDR chunk.
        int width = (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19];
        width.Should().Be(1100);
        // A blank page compresses to a few KB; charts, tables and text do not.
        bytes.Length.Should().BeGreaterThan(40_000);
        output.WriteLine($"screenshot: {png} ({bytes.Length} bytes)");
    }
}
