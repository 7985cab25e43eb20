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
}
