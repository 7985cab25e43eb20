namespace M7Sim.Profiling;

/// <summary>Costs attributed to one function: inclusive (with callees, counted once under recursion) and exclusive.</summary>
public sealed class FunctionStats(string name, uint address, int length)
{
    public string Name { get; } = name;
    public uint Address { get; } = address;
    public long Calls { get; internal set; }
    public double[] Inclusive { get; } = new double[length];
    public double[] Exclusive { get; } = new double[length];
}
