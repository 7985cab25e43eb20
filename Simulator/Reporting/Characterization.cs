namespace M7Sim.Reporting;

/// <summary>
/// The result of `m7sim characterize`: the operator micro-benchmarks as one row per benchmark case (the
/// paper's Fig. 2: throughput against work per output) and the DS-CNN variants side by side (Fig. 3).
/// Lai, Suda, Chandra, "Not All Ops Are Created Equal!", SysML 2018.
/// </summary>
public sealed class CharacterizationResult
{
    public required string Board { get; init; }
    public required double ClockHz { get; init; }
    public required string TimingModel { get; init; }
    public required string EnergyModel { get; init; }
    /// <summary>Bench cases in suite order (<see cref="Characterizer.BenchSuites"/>), then case id.</summary>
    public required List<CharacterizationCase> Cases { get; init; }
    /// <summary>DS-CNN programs in <see cref="Characterizer.DsCnnModels"/> order; relative values are to the first.</summary>
    public required List<DsCnnModel> Models { get; init; }
    public List<string> Notes { get; init; } = new();
}

/// <summary>
/// One benchmark case = one kernel call. Work per output is what the benchmark sweeps (kernels-elf/bench/nn_bench.c):
/// MACs per output for MAC operations (k·k·cin, cin, k·k, FC input size), the window size for pooling, the row size
/// for softmax and 1 for elementwise operations. Ops follow the profiler: 2 per MAC, one per window element for
/// pooling, one per element otherwise.
/// </summary>
public sealed record CharacterizationCase(
    string Suite, int Case, string BenchOp, string BenchShape, string Type, string Function, string? Shape,
    long Outputs, double WorkPerOutput, string WorkUnit, double? MacsPerOutput, double OpsPerOutput,
    long Macs, long Ops, double Cycles, double Instructions, double OpsPerCycle, double MacsPerCycle,
    double EnergyJoules, double EnergyPerOpNj);

/// <summary>
/// One DS-CNN program: inference only (the sum over its operator instances; start-up and printing excluded),
/// with the whole run alongside. Ops = 2 × MACs (the paper's and the README's convention).
/// </summary>
public sealed record DsCnnModel(
    string Name, long Macs, long Ops, double Cycles, double Seconds, double EnergyJoules, double DepthwiseMacShare,
    double OpsPerCycle, double EnergyPerOpNj, double RelativeOps, double RelativeCycles, double RelativeEnergy,
    double RunCycles, double RunEnergyJoules);
