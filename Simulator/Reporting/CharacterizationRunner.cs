using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.RegularExpressions;
using M7Sim.Simulation;

namespace M7Sim.Reporting;

/// <summary>Options of `m7sim characterize`.</summary>
public sealed class CharacterizeOptions
{
    /// <summary>Directory holding the committed ELFs (kernels-elf/build).</summary>
    public required string BenchDir { get; init; }
    public string Board { get; init; } = Loading.Board.DefaultName;
    /// <summary>ELF variant suffix (NAME.VARIANT.elf); null = <see cref="Characterizer.VariantFor"/> of the board.</summary>
    public string? Variant { get; init; }
    public Timing.TimingMode Timing { get; init; } = M7Sim.Timing.TimingMode.CortexM7;
    public string? EnergyModel { get; init; }
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;
    /// <summary>Called (from worker threads, one line at a time) as each program finishes.</summary>
    public Action<string>? Progress { get; init; }
}

/// <summary>Runs the operator micro-benchmarks and the DS-CNN variants under the profiler (the engine of `m7sim characterize`).</summary>
public static partial class Characterizer
{
    /// <summary>The micro-benchmark programs (kernels-elf/bench/nn_bench.c), in report order.</summary>
    public static readonly IReadOnlyList<string> BenchSuites =
        ["bench_conv", "bench_conv1x1", "bench_dwconv", "bench_fc", "bench_maxpool", "bench_avgpool", "bench_relu", "bench_softmax", "bench_add"];

    /// <summary>DS-CNN small and its five equal-MAC variants (kernels-elf/networks); the first is the reference.</summary>
    public static readonly IReadOnlyList<string> DsCnnModels = ["ds_cnn_s", "ds_cnn_v1", "ds_cnn_v2", "ds_cnn_v3", "ds_cnn_v4", "ds_cnn_v5"];

    /// <summary>The committed ELFs are built per memory map: mps2 for the QEMU board, f746 for everything else.</summary>
    public static string VariantFor(string board) =>
        Path.GetFileNameWithoutExtension(board).StartsWith("mps2", StringComparison.OrdinalIgnoreCase) ? "mps2" : "f746";

    /// <summary>"case &lt;id&gt; &lt;op&gt; &lt;shape&gt; mpo=&lt;n&gt; macs=&lt;n&gt; ..." as nn_bench.c prints it per case.</summary>
    [GeneratedRegex(@"^case (\d+) (\S+) (\S+) mpo=(\d+) macs=(\d+)", RegexOptions.Multiline)]
    private static partial Regex CaseLine();

    public static CharacterizationResult Run(CharacterizeOptions o)
    {
        string variant = o.Variant ?? VariantFor(o.Board);
        var programs = BenchSuites.Concat(DsCnnModels).ToArray();
        var paths = programs.Select(p => Path.Combine(o.BenchDir, $"{p}.{variant}.elf")).ToArray();
        foreach (var p in paths)
            if (!File.Exists(p)) throw new FileNotFoundException($"{p}: file not found", p);

        // Each program runs on its own machine; results land by index so the output order never depends on scheduling.
        var reports = new ProfileReport[programs.Length];
        var stdout = new string[programs.Length];
        try
        {
            Parallel.For(0, programs.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, o.MaxParallelism) }, i =>
            {
                var console = new MemoryStream();
                var started = System.Diagnostics.Stopwatch.StartNew();
                reports[i] = ProfileRunner.Profile(paths[i], new ProfileOptions
                {
                    Machine = new MachineOptions { Board = o.Board, Stdout = console, Timing = o.Timing, EnergyModel = o.EnergyModel },
                });
                stdout[i] = Encoding.UTF8.GetString(console.ToArray());
                o.Progress?.Invoke($"{programs[i]}: {reports[i].Operators.Count} operators, {Units.Count(reports[i].Totals.Cycles)} cycles ({started.Elapsed.TotalSeconds:0.0} s)");
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }

        var notes = new List<string>();
        for (int i = 0; i < programs.Length; i++)
        {
            var r = reports[i];
            if (r.Totals.StopReason != nameof(StopReason.Exited) || r.Totals.ExitCode != 0)
                notes.Add($"{programs[i]}: the run ended with {r.Totals.StopReason} (exit code {r.Totals.ExitCode}); its figures are suspect");
        }
        // The reports' own notes are about their trace output, except this one, which changes what the figures mean.
        if (reports[0].TimingModel == "none")
            notes.Add("functional timing (--timing none): cycles are instruction counts and energy is not modelled");
        var cases = new List<CharacterizationCase>();
        for (int i = 0; i < BenchSuites.Count; i++) cases.AddRange(CasesOf(programs[i], reports[i], stdout[i], notes));
        var models = ModelsOf(reports.AsSpan(BenchSuites.Count).ToArray());
        var first = reports[0];
        return new CharacterizationResult
        {
            Board = first.Board, ClockHz = first.ClockHz, TimingModel = first.TimingModel, EnergyModel = first.EnergyModel,
            Cases = cases, Models = models, Notes = notes,
        };
    }

    private static List<CharacterizationCase> CasesOf(string suite, ProfileReport r, string stdout, List<string> notes)
    {
        var lines = CaseLine().Matches(stdout);
        if (lines.Count != r.Operators.Count)
            notes.Add($"{suite}: the program printed {lines.Count} case lines but the profiler saw {r.Operators.Count} operator calls; case labels may be misaligned");
        var rows = new List<CharacterizationCase>(r.Operators.Count);
        for (int i = 0; i < r.Operators.Count; i++)
        {
            var o = r.Operators[i];
            var line = i < lines.Count ? lines[i] : null;
            int id = line is null ? i : int.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture);
            // In-place operators (relu) have no separate output tensor: their outputs are their inputs.
            long outputs = o.OutputBytes > 0 ? o.OutputBytes : o.InputBytes;
            long macs = o.TheoreticalMacs ?? 0;
            long ops = o.TheoreticalOps ?? 2 * macs;
            if (o.TheoreticalOps is null) notes.Add($"{suite} case {id}: the call arguments of {o.Function} could not be read; ops unknown");
            var (work, unit) = WorkPerOutput(o, macs, ops, outputs);
            if (line is not null && long.Parse(line.Groups[4].Value, CultureInfo.InvariantCulture) is var mpo && Math.Abs(work - mpo) > 1e-9)
                notes.Add($"{suite} case {id}: work per output from the call arguments ({work:0.##}) differs from the program's own figure ({mpo})");
            rows.Add(new CharacterizationCase(suite, id, line?.Groups[2].Value ?? o.Type, line?.Groups[3].Value ?? "", o.Type, o.Function, o.Shape,
                outputs, work, unit, macs > 0 ? Ratio(macs, outputs) : null, Ratio(ops, outputs), macs, ops, o.Cycles, o.Instructions,
                Ratio(ops, o.Cycles), Ratio(macs, o.Cycles), o.EnergyJoules, Ratio(o.EnergyJoules * 1e9, ops)));
        }
        return rows;
    }

    /// <summary>The sweep variable of the benchmark (see <see cref="CharacterizationCase"/>).</summary>
    private static (double Work, string Unit) WorkPerOutput(OperatorRow o, long macs, long ops, long outputs)
    {
        if (macs > 0) return (Ratio(macs, outputs), "MACs");
        if (o.Type.EndsWith("_pool", StringComparison.Ordinal)) return (Ratio(ops, outputs), "window");
        // Softmax: every output depends on its whole row (max and sum); the profiler's shape is "ROWSxSIZE".
        if (o.Type == "softmax" && o.Shape?.Split('x') is [_, var size] && long.TryParse(size, CultureInfo.InvariantCulture, out long n))
            return (n, "row");
        return (Ratio(ops, outputs), "element");
    }

    private static List<DsCnnModel> ModelsOf(ProfileReport[] reports)
    {
        var raw = reports.Select((r, i) =>
        {
            long macs = r.Operators.Sum(o => o.TheoreticalMacs ?? 0);
            long dw = r.Operators.Where(o => o.Type == "depthwise_conv").Sum(o => o.TheoreticalMacs ?? 0);
            double cycles = r.Operators.Sum(o => o.Cycles), energy = r.Operators.Sum(o => o.EnergyJoules);
            return (Name: DsCnnModels[i], Macs: macs, Dw: dw, Cycles: cycles, Energy: energy, Run: r.Totals, Clock: r.ClockHz);
        }).ToList();
        var b = raw[0];
        return raw.Select(m => new DsCnnModel(m.Name, m.Macs, 2 * m.Macs, m.Cycles, m.Cycles / m.Clock, m.Energy, Ratio(m.Dw, m.Macs),
            Ratio(2 * m.Macs, m.Cycles), Ratio(m.Energy * 1e9, 2 * m.Macs), Ratio(m.Macs, b.Macs), Ratio(m.Cycles, b.Cycles), Ratio(m.Energy, b.Energy),
            m.Run.Cycles, m.Run.EnergyJoules)).ToList();
    }

    private static double Ratio(double a, double b) => b == 0 ? 0 : a / b;
}
