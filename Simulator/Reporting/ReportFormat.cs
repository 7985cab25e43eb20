namespace M7Sim.Reporting;

/// <summary>Output formats of `m7sim profile`.</summary>
public enum ReportFormat { Table, Json, Csv, Md, Html, Trace, Folded }

/// <summary>Writes a report in any format to a stream.</summary>
public static class ReportWriter
{
    public static void Write(ProfileReport r, ReportFormat format, Stream s)
    {
        if (format == ReportFormat.Json) { JsonReportWriter.Write(r, s); return; }
        if (format == ReportFormat.Trace) { ChromeTraceWriter.Write(r, s); return; }
        using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        switch (format)
        {
            case ReportFormat.Table: TableWriter.Write(r, w); break;
            case ReportFormat.Csv: DelimitedWriters.WriteCsv(r, w); break;
            case ReportFormat.Md: DelimitedWriters.WriteMarkdown(r, w); break;
            case ReportFormat.Html: HtmlReportWriter.Write(r, w); break;
            case ReportFormat.Folded: DelimitedWriters.WriteFolded(r, w); break;
        }
    }
}
