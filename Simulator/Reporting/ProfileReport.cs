namespace M7Sim.Reporting;

/// <summary>
/// Everything `m7sim profile` reports, in one serialisable model (JSON schema
/// "m7sim.profile/1", timing-models/schemas/profile.schema.json). Writers for each format read only this.
/// </summary>
public sealed class ProfileReport
{
    public string Schema { get; init; } = "m7sim.profile/1";
    public required string Tool { get; init; }
    public required string Elf { get; init; }
    public required string ElfSha256 { get; init; }
    public required string Board { get; init; }
    public required double ClockHz { get; init; }
    public required string TimingModel { get; init; }
    public required string EnergyModel { get; init; }
    public required RunTotals Totals { get; init; }
    public required List<OperatorRow> Operators { get; init; }
    public required List<TypeRow> Types { get; init; }
    public required List<FunctionRow> Functions { get; init; }
    public required MemoryFootprint Memory { get; init; }
    public required List<RegionTraffic> Regions { get; init; }
    /// <summary>Collapsed stacks: "a;b;c" → exclusive cycles.</summary>
    public required SortedDictionary<string, double> Folded { get; init; }
    public required List<SpanRow> Spans { get; init; }
    public List<string> Notes { get; init; } = new();
}

public sealed record RunTotals(string StopReason, int ExitCode, double Cycles, double Instructions, double Ipc, double Seconds,
    double Macs, double EnergyJoules, double AveragePowerWatts, SortedDictionary<string, double> Counters);

public sealed record OperatorRow(int Index, string Type, string Function, string? Wrapper, string? Label, string? Shape,
    double Cycles, double Seconds, double Instructions, double Ipc, double Macs, long? TheoreticalMacs, long? TheoreticalOps,
    double MacsPerCycle, double EnergyJoules, double AveragePowerWatts, long InputBytes, long OutputBytes, long WeightBytes,
    long ScratchBytes, long LiveActivationBytes, SortedDictionary<string, double> Counters, SortedDictionary<string, double[]> RegionBytes,
    double StartCycle, double EndCycle);

public sealed record TypeRow(string Type, int Instances, double Macs, double Ops, double Cycles, double MacsPerCycle, double OpsPerCycle,
    double EnergyJoules, double EnergyPerMacNj, double EnergyPerOpNj, double RelativeThroughput, double RelativeEnergyPerOp);

public sealed record FunctionRow(string Name, string Address, long Calls, double InclusiveCycles, double ExclusiveCycles,
    double InclusiveInstructions, double ExclusiveInstructions, double InclusiveEnergyJoules, double ExclusiveEnergyJoules, double ExclusiveMacs);

public sealed record MemoryFootprint(long FlashBytes, long CodeBytes, long ReadOnlyDataBytes, long DataInitBytes, long WeightBytes,
    long RamBytes, long DataBytes, long BssBytes, long PeakStackBytes, long HeapBytes, long PeakActivationBytes, int PeakActivationOperator,
    double ActivationShareOfModel, double ActivationShareOfFootprint);

public sealed record RegionTraffic(string Region, string Interface, double BytesRead, double BytesWritten);

public sealed record SpanRow(string Name, string Category, int Depth, double StartCycle, double EndCycle);
