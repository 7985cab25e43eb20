using M7Sim.Profiling;
using M7Sim.Simulation;

namespace M7Sim.Reporting;

/// <summary>Options of a profiling run.</summary>
public sealed class ProfileOptions
{
    public MachineOptions Machine { get; init; } = new();
    public ulong MaxInstructions { get; init; } = 2_000_000_000;
    public IReadOnlyList<string> OperatorFiles { get; init; } = [];
    /// <summary>Called between chunks of a long run with (instructions so far, cycles so far).</summary>
    public Action<ulong, ulong>? Progress { get; init; }
}

/// <summary>Runs an ELF under the profiler and builds the report (the engine of `m7sim profile`).</summary>
public static class ProfileRunner
{
    private const ulong Chunk = 20_000_000;

    public static ProfileReport Profile(string elfPath, ProfileOptions options)
    {
        var catalog = OperatorCatalog.Load(options.OperatorFiles);
        var machine = Machine.Load(elfPath, options.Machine);
        var profiler = new Profiler(machine, catalog);
        var tracer = new ProfilingTracer(profiler);
        RunResult result;
        ulong done = 0;
        while (true)
        {
            ulong step = Math.Min(Chunk, options.MaxInstructions - done);
            result = machine.Run(ref tracer, step);
            done = machine.Instructions;
            if (result.Reason != StopReason.InstructionLimit || done >= options.MaxInstructions) break;
            options.Progress?.Invoke(done, machine.Cycles);
        }
        profiler.Finish();
        var report = ReportBuilder.Build(machine, profiler, result, catalog);
        if (result.Reason != StopReason.Exited) report.Notes.Add($"the run did not exit normally: {result.Reason}: {result.Message}");
        return report;
    }
}
