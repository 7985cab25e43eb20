using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace M7Sim.Simulation;

/// <summary>How to build and run a <see cref="Machine"/>.</summary>
public sealed class MachineOptions
{
    /// <summary>Board name (timing-models/boards/NAME.json) or path to a board JSON file.</summary>
    public string Board { get; init; } = Loading.Board.DefaultName;

    /// <summary>Where the firmware's console output (semihosting :tt writes) goes.</summary>
    public Stream? Stdout { get; init; }

    /// <summary>Console input for SYS_READ/SYS_READC on :tt.</summary>
    public Stream? Stdin { get; init; }

    /// <summary>Host directory the firmware may open files in; null refuses every host file.</summary>
    public string? SemihostingRoot { get; init; }

    /// <summary>argv[1..] handed to the firmware through SYS_GET_CMDLINE.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>Timing model: the Cortex-M7 cycle model (default) or functional (one cycle per instruction).</summary>
    public Timing.TimingMode Timing { get; init; } = M7Sim.Timing.TimingMode.CortexM7;

    /// <summary>Core timing model name (timing-models/cores/NAME.json) or JSON path; null = the board's core.</summary>
    public string? CoreModel { get; init; }

    /// <summary>Energy coefficient file (schema timing-models/schemas/energy.schema.json); null = timing-models/energy/BOARD-CHIP.json.</summary>
    public string? EnergyModel { get; init; }
}
