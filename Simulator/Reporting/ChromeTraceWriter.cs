using System.Text.Json;

namespace M7Sim.Reporting;

/// <summary>
/// Chrome trace-event JSON (opens in Perfetto and chrome://tracing): operators on one track and the
/// call stack on another, as complete ("X") events on the simulated-time axis in microseconds.
/// </summary>
internal static class ChromeTraceWriter
{
    public static void Write(ProfileReport r, Stream s)
    {
        double usPerCycle = 1e6 / r.ClockHz;
        using var w = new Utf8JsonWriter(s, new JsonWriterOptions { Indented = false });
        w.WriteStartObject();
        w.WriteString("displayTimeUnit", "ns");
        w.WriteStartArray("traceEvents");
        Meta(w, 1, "operators");
        Meta(w, 2, "functions");
        foreach (var sp in r.Spans.OrderBy(x => x.StartCycle).ThenBy(x => x.Depth))
        {
            w.WriteStartObject();
            w.WriteString("name", sp.Name);
            w.WriteString("cat", sp.Category);
            w.WriteString("ph", "X");
            w.WriteNumber("pid", 1);
            w.WriteNumber("tid", sp.Category == "operator" ? 1 : 2);
            w.WriteNumber("ts", sp.StartCycle * usPerCycle);
            w.WriteNumber("dur", (sp.EndCycle - sp.StartCycle) * usPerCycle);
            w.WriteStartObject("args");
            w.WriteNumber("cycles", sp.EndCycle - sp.StartCycle);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Meta(Utf8JsonWriter w, int tid, string name)
    {
        w.WriteStartObject();
        w.WriteString("name", "thread_name");
        w.WriteString("ph", "M");
        w.WriteNumber("pid", 1);
        w.WriteNumber("tid", tid);
        w.WriteStartObject("args");
        w.WriteString("name", name);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
