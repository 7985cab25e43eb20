namespace M7Sim.Profiling;

/// <summary>
/// Names of the quantities the profiler attributes, in a fixed order: cycles, instructions, MACs,
/// energy, then bytes read/written per memory region, then whatever the timing model counts
/// (stall causes). A snapshot of all of them is a double[] in this order; attribution works on
/// differences of snapshots, so every quantity sums exactly over functions and operators.
/// </summary>
public sealed class CostLayout
{
    public const int Cycles = 0, Instructions = 1, Macs = 2, EnergyNj = 3, FirstRegion = 4;

    public CostLayout(IReadOnlyList<string> regionNames, IReadOnlyList<string> extraNames)
    {
        RegionNames = regionNames;
        ExtraNames = extraNames;
        FirstExtra = FirstRegion + 2 * regionNames.Count;
        Length = FirstExtra + extraNames.Count;
    }

    public IReadOnlyList<string> RegionNames { get; }
    /// <summary>Timing-model counters (stall cycles by cause ...).</summary>
    public IReadOnlyList<string> ExtraNames { get; }
    public int FirstExtra { get; }
    public int Length { get; }

    public int ReadBytes(int region) => FirstRegion + 2 * region;
    public int WriteBytes(int region) => FirstRegion + 2 * region + 1;
}

internal static class CostMath
{
    public static void Add(double[] into, double[] a, double[] b, double sign = 1)
    {
        for (int i = 0; i < into.Length; i++) into[i] += sign * (a[i] - b[i]);
    }
}
