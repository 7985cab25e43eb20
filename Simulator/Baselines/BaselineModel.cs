namespace M7Sim.Baselines;

/// <summary>A committed baseline: one entry per ELF (schema "m7sim.baseline/1"), reviewable JSON.</summary>
public sealed class BaselineFile
{
    public string Schema { get; init; } = "m7sim.baseline/1";
    public required string M7SimVersion { get; init; }
    public required List<BaselineEntry> Entries { get; init; }
}

/// <summary>What one ELF measured, with everything that identifies the measurement.</summary>
public sealed class BaselineEntry
{
    public required string Name { get; init; }
    public required string Elf { get; init; }
    public required string ElfSha256 { get; init; }
    public required string Board { get; init; }
    /// <summary>Hashes of the model data the numbers depend on: board, core timing, energy, operator catalog.</summary>
    public required SortedDictionary<string, string> ModelHashes { get; init; }
    public required string TimingModel { get; init; }
    public required SortedDictionary<string, double> Totals { get; init; }
    public required List<BaselineOperator> Operators { get; init; }
}

public sealed class BaselineOperator
{
    public required int Index { get; init; }
    public required string Type { get; init; }
    public required string Function { get; init; }
    public required SortedDictionary<string, double> Metrics { get; init; }
    /// <summary>Stable key across runs: index, type and function (labels for marker operators).</summary>
    public string Key => $"{Index}:{Type}:{Function}";
}

/// <summary>A manifest of ELFs to baseline, each with its board and run options.</summary>
public sealed class BaselineManifest
{
    public required List<ManifestEntry> Entries { get; init; }
}

public sealed class ManifestEntry
{
    public required string Name { get; init; }
    public required string Elf { get; init; }
    public string Board { get; init; } = Loading.Board.DefaultName;
    public ulong MaxInstructions { get; init; } = 2_000_000_000;
    public List<string> Operators { get; init; } = new();
    public List<string> Arguments { get; init; } = new();
}
