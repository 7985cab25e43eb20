namespace M7Sim.Profiling;

/// <summary>A tensor an operator touches, read from its arguments at the call.</summary>
public sealed record TensorInfo(string Role, uint Address, long Bytes, int[]? Shape);

/// <summary>One executed operator (one call of an outermost catalog function, or one marker pair).</summary>
public sealed class OperatorInstance
{
    public int Index { get; init; }
    public required string Type { get; set; }
    public required string Function { get; set; }
    /// <summary>The wrapper the call went through, if any (arm_convolve_wrapper_s8 ...).</summary>
    public string? Wrapper { get; set; }
    public string? Label { get; init; }
    public double[] Costs { get; internal set; } = [];
    /// <summary>MACs the shapes imply (null when the arguments could not be read).</summary>
    public long? TheoreticalMacs { get; internal set; }
    /// <summary>Elementary operations the shapes imply: 2 per MAC, one per pooled/activated element.</summary>
    public long? TheoreticalOps { get; internal set; }
    public List<TensorInfo> Tensors { get; } = new();
    public string? ShapeText { get; internal set; }
    /// <summary>Activation bytes live while it runs (its tensors plus buffers still needed later), from the whole run's liveness.</summary>
    public long LiveActivationBytes { get; internal set; }
    public ulong StartCycle { get; internal set; }
    public ulong EndCycle { get; internal set; }
}
