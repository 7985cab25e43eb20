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
}
