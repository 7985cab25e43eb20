using System.Globalization;
using System.Text;

namespace M7Sim.Debugging;

/// <summary>
/// Writes trace records as text columns, CSV or JSON Lines. Each record is formatted into a reused
/// buffer and written straight to the output, so memory stays bounded for whole runs.
/// </summary>
internal sealed class TraceWriter
{
    private readonly TextWriter _out;
    private readonly TraceFormat _format;
    private readonly StringBuilder _sb = new(256);
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public TraceWriter(TextWriter output, TraceFormat format)
    {
        _out = output;
        _format = format;
        if (format == TraceFormat.Csv) _out.WriteLine("instruction,cycle,delta,pc,symbol,encoding,disassembly,executed,target,writes,memory,slot,stalls");
        if (format == TraceFormat.Text) _out.WriteLine($"{"cycle",12} {"+cyc",5}  {"pc",-8}  {"symbol",-36} {"encoding",-9}  {"disassembly",-32} effects");
    }

    public void Write(TraceRecord r)
    {
        _sb.Clear();
        switch (_format)
        {
            case TraceFormat.Csv: Csv(r); break;
            case TraceFormat.Json: Json(r); break;
            default: Text(r); break;
        }
        _out.WriteLine(_sb);
    }

    public void Flush() => _out.Flush();

    private void Text(TraceRecord r)
    {
        var sb = _sb;
        sb.Append(Ci, $"{r.Cycle,12} {"+" + r.Delta.ToString(Ci),5}  {r.Pc:x8}  {Fit(r.Symbol, 36),-36} {r.Encoding,-9}  {r.Disassembly,-32}");
        if (!r.Executed) sb.Append(" (condition failed)");
        foreach (var (name, value) in r.Writes)
        {
            if (name == "apsr") Flags(value);
            else sb.Append(Ci, $" {name}=0x{value:x8}");
        }
        foreach (var a in r.Accesses)
        {
            sb.Append(Ci, $" {(a.IsWrite ? "W" : "R")}{a.Size}[0x{a.Address:x8} {a.Region}]");
            if (a.Value is { } v) sb.Append(Ci, $"=0x{v.ToString(a.Size == 4 ? "x8" : a.Size == 2 ? "x4" : "x2", Ci)}");
        }
        if (r.Target is { } t) sb.Append(Ci, $" -> 0x{t:x8}");
        if (r.Slot == 1) sb.Append(" [dual]");
        foreach (var (cause, cycles) in r.Stalls) sb.Append(Ci, $" stall:{cause}={cycles}");
    }

    /// <summary>APSR as letters, upper case when set (nZCvq), and the GE bits when any is set.</summary>
    private void Flags(uint apsr)
    {
        _sb.Append(" flags=");
        ReadOnlySpan<char> names = "NZCVQ";
        for (int i = 0; i < 5; i++)
            _sb.Append((apsr & (1u << (31 - i))) != 0 ? names[i] : char.ToLowerInvariant(names[i]));
        uint ge = (apsr >> 16) & 0xF;
        if (ge != 0) _sb.Append(" ge=").Append(Convert.ToString(ge, 2).PadLeft(4, '0'));
    }

    private static string Fit(string s, int width) => s.Length <= width ? s : s[..(width - 1)] + "~";

    private void Csv(TraceRecord r)
    {
        var sb = _sb;
        sb.Append(Ci, $"{r.Index},{r.Cycle},{r.Delta},0x{r.Pc:x8},");
        CsvField(r.Symbol);
        sb.Append(',').Append(r.Raw.ToString(r.Size == 4 ? "x8" : "x4", Ci)).Append(',');
        CsvField(r.Disassembly);
        sb.Append(',').Append(r.Executed ? '1' : '0').Append(',');
        if (r.Target is { } t) sb.Append(Ci, $"0x{t:x8}");
        sb.Append(',');
        CsvField(string.Join(' ', r.Writes.Select(w => $"{w.Name}=0x{w.Value:x8}")));
        sb.Append(',');
        CsvField(string.Join(' ', r.Accesses.Select(a => $"{(a.IsWrite ? "W" : "R")}{a.Size}@0x{a.Address:x8}:{a.Region}" + (a.Value is { } v ? $"=0x{v:x}" : ""))));
        sb.Append(',');
        if (r.Slot is { } slot) sb.Append(slot);
        sb.Append(',');
        CsvField(string.Join(' ', r.Stalls.Select(s => $"{s.Cause}={s.Cycles}")));
    }

    /// <summary>RFC 4180: quote fields holding a comma, quote or line break; double inner quotes.</summary>
    private void CsvField(string s)
    {
        if (s.AsSpan().IndexOfAny(",\"\n\r") < 0) { _sb.Append(s); return; }
        _sb.Append('"').Append(s.Replace("\"", "\"\"")).Append('"');
    }

    private void Json(TraceRecord r)
    {
        var sb = _sb;
        sb.Append(Ci, $"{{\"instruction\":{r.Index},\"cycle\":{r.Cycle},\"delta\":{r.Delta},\"pc\":\"0x{r.Pc:x8}\",\"symbol\":");
        JsonString(r.Symbol);
        sb.Append(",\"encoding\":\"").Append(r.Raw.ToString(r.Size == 4 ? "x8" : "x4", Ci)).Append("\",\"disassembly\":");
        JsonString(r.Disassembly);
        sb.Append(",\"executed\":").Append(r.Executed ? "true" : "false");
        if (r.Target is { } t) sb.Append(Ci, $",\"target\":\"0x{t:x8}\"");
        sb.Append(",\"writes\":{");
        for (int i = 0; i < r.Writes.Count; i++)
            sb.Append(Ci, $"{(i > 0 ? "," : "")}\"{r.Writes[i].Name}\":\"0x{r.Writes[i].Value:x8}\"");
        sb.Append("},\"memory\":[");
        for (int i = 0; i < r.Accesses.Count; i++)
        {
            var a = r.Accesses[i];
            sb.Append(Ci, $"{(i > 0 ? "," : "")}{{\"address\":\"0x{a.Address:x8}\",\"size\":{a.Size},\"write\":{(a.IsWrite ? "true" : "false")},\"region\":");
            JsonString(a.Region);
            if (a.Value is { } v) sb.Append(Ci, $",\"value\":\"0x{v:x}\"");
            sb.Append('}');
        }
        sb.Append(']');
        if (r.Slot is { } slot) sb.Append(Ci, $",\"slot\":{slot}");
        if (r.Stalls.Count > 0)
        {
            sb.Append(",\"stalls\":{");
            for (int i = 0; i < r.Stalls.Count; i++)
                sb.Append(Ci, $"{(i > 0 ? "," : "")}\"{r.Stalls[i].Cause}\":{r.Stalls[i].Cycles}");
            sb.Append('}');
        }
        sb.Append('}');
    }

    /// <summary>A JSON string literal (RFC 8259 section 7: quote, backslash and control characters escaped).</summary>
    private void JsonString(string s)
    {
        _sb.Append('"');
        foreach (char ch in s)
        {
            switch (ch)
            {
                case '"': _sb.Append("\\\""); break;
                case '\\': _sb.Append("\\\\"); break;
                case < ' ': _sb.Append(Ci, $"\\u{(int)ch:x4}"); break;
                default: _sb.Append(ch); break;
            }
        }
        _sb.Append('"');
    }
}
