using System.CommandLine;
using M7Sim.Loading;

namespace M7Sim.Cli;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    public static Option<string> Board() => new("--board")
    {
        Description = $"board name or JSON file (default {M7Sim.Loading.Board.DefaultName})",
        DefaultValueFactory = _ => M7Sim.Loading.Board.DefaultName,
    };

    /// <summary>Default limit: high enough for any bundled workload, low enough that a runaway program ends in seconds.</summary>
    public const ulong DefaultMaxInstructions = 2_000_000_000;

    public static Option<ulong> MaxInstructions() => new("--max-instructions")
    {
        Description = $"stop after N instructions (default {DefaultMaxInstructions:N0})",
        DefaultValueFactory = _ => DefaultMaxInstructions,
    };

    public static Option<string> Timing()
    {
        var timing = new Option<string>("--timing")
        {
            Description = "timing model: cortex-m7 (cycle model, default) or none (functional, 1 cycle per instruction)",
            DefaultValueFactory = _ => "cortex-m7",
        };
        timing.AcceptOnlyFromAmong("cortex-m7", "none");
        return timing;
    }

    public static M7Sim.Timing.TimingMode TimingMode(string value) =>
        value == "none" ? M7Sim.Timing.TimingMode.None : M7Sim.Timing.TimingMode.CortexM7;

    public static Option<string?> EnergyModel() => new("--energy-model") { Description = "energy coefficient JSON (default timing-models/energy/<chip>.json)" };

    /// <summary>Checks a user-supplied energy file exists (one-line error otherwise).</summary>
    public static string? ExistingEnergyModel(string? path) =>
        path is not null && !File.Exists(path) ? throw new UsageException($"--energy-model {path}: no such file") : path;
}
