namespace M7Sim.Debugging;

/// <summary>Output format of an instruction trace.</summary>
public enum TraceFormat
{
    /// <summary>Aligned columns for reading.</summary>
    Text,
    /// <summary>One header line, then one comma-separated record per instruction.</summary>
    Csv,
    /// <summary>JSON Lines: one JSON object per instruction (streams; no enclosing array).</summary>
    Json,
}

/// <summary>What part of a run to trace and how.</summary>
internal sealed class TraceOptions
{
    /// <summary>Start tracing when execution first reaches this address (null: from reset).</summary>
    public uint? From { get; init; }

    /// <summary>Stop (without tracing it) when execution reaches this address.</summary>
    public uint? Until { get; init; }

    /// <summary>Most instructions to trace.</summary>
    public ulong Count { get; init; } = ulong.MaxValue;

    /// <summary>Most instructions to run before the traced part starts, and in total; a runaway program ends.</summary>
    public ulong MaxInstructions { get; init; } = ulong.MaxValue;

    public TraceFormat Format { get; init; } = TraceFormat.Text;
}
