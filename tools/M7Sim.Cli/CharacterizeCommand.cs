using System.CommandLine;
using M7Sim.Reporting;

namespace M7Sim.Cli;

/// <summary>
/// `m7sim characterize`: runs the operator micro-benchmarks and the DS-CNN variants, writes throughput per
/// operator type and the variant comparison (CSV + SVG, the paper's Fig. 2 and 3) and prints the summary.
/// </summary>
internal static class CharacterizeCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out", "-o") { Description = "directory for the CSV, SVG and Markdown files", DefaultValueFactory = _ => "." };
        var benchDir = new Option<string?>("--bench-dir") { Description = "directory of the bench_*.ELF and ds_cnn_*.ELF programs (default: kernels-elf/build above the current directory)" };
        var board = CommonOptions.Board();
        var timing = CommonOptions.Timing();
        var energy = CommonOptions.EnergyModel();
        var jobs = new Option<int>("--jobs", "-j") { Description = "parallel runs (default: all cores)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var cmd = new Command("characterize", "Operator throughput vs MACs per output and DS-CNN variants (Not All Ops Are Created Equal!, Fig. 2 and 3)")
        {
            output, benchDir, board, timing, energy, jobs,
        };
        cmd.SetAction(parse => CliErrors.Guard(parse.GetValue(benchDir), () =>
        {
            string dir = parse.GetValue(benchDir) ?? FindBenchDir();
            if (!Directory.Exists(dir)) throw new UsageException($"--bench-dir {dir}: no such directory");
            if (parse.GetValue(jobs) < 1) throw new UsageException("--jobs must be at least 1");
            Console.Error.WriteLine($"m7sim: characterize: running {Characterizer.BenchSuites.Count + Characterizer.DsCnnModels.Count} programs from {dir}");
            var lockObj = new object();
            var result = Characterizer.Run(new CharacterizeOptions
            {
                BenchDir = dir,
                Board = parse.GetValue(board)!,
                Timing = CommonOptions.TimingMode(parse.GetValue(timing)!),
                EnergyModel = CommonOptions.ExistingEnergyModel(parse.GetValue(energy)),
                MaxParallelism = parse.GetValue(jobs),
                Progress = line => { lock (lockObj) Console.Error.WriteLine($"m7sim: characterize: {line}"); },
            });
            var files = CharacterizationWriters.WriteAll(result, parse.GetValue(output)!);
            CharacterizationSummary.Write(result, Console.Out);
            foreach (var f in files) Console.Error.WriteLine($"m7sim: wrote {f}");
            return 0;
        }));
        return cmd;
    }

    /// <summary>kernels-elf/build in the current directory or the nearest parent that has one.</summary>
    private static string FindBenchDir()
    {
        for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "kernels-elf", "build");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new UsageException("no kernels-elf/build in the current directory or above it; give --bench-dir");
    }
}
