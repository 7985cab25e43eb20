namespace M7Sim.Simulation;

/// <summary>The ELF is well formed but cannot be placed on the board (segment outside memory, overlap, no vector table).</summary>
public sealed class LoadException(string message) : Exception(message);
