namespace M7Sim.Simulation;

public sealed partial class Machine
{
    /// <summary>Name of the active timing model ("none" = functional, one cycle per instruction).</summary>
    public string TimingModelName => "none";

    /// <summary>Name (and source file) of the active energy model, or "none".</summary>
    public string EnergyModelName => "none";

    /// <summary>Names of the timing/energy model's counters (stall cycles by cause ...), in the order <see cref="ReadModelCounters"/> writes them.</summary>
    internal IReadOnlyList<string> ModelCounterNames => [];

    /// <summary>Current values of the model counters and the energy so far in nanojoules (0 in functional mode).</summary>
    internal void ReadModelCounters(Span<double> into, out double energyNj)
    {
        into.Clear();
        energyNj = 0;
    }
}
