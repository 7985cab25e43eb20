using System.CommandLine;
using System.Diagnostics;
using M7Sim.Simulation;

namespace M7Sim.Cli;

/// <summary>
/// `m7sim bench`: simulator speed on a long program, in simulated MIPS and simulated cycles per host
/// second, for the functional mode and the Cortex-M7 model. Runs the ELF (from reset) as many times
/// as needed to reach --min-instructions; only the run loop is timed (loading excluded).
/// </summary>
internal static class BenchCommand
{
    public const string DefaultElf = "kernels-elf/build/bench_long.f746.elf";

    public static Command Create()
    {
        var file = new Argument<string?>("FILE.elf") { Description = $"program to run (default {DefaultElf} with --repeat=4: 127 M instructions a run)", Arity = ArgumentArity.ZeroOrOne };
        var board = CommonOptions.Board();
        var timing = new Option<string>("--timing") { Description = "both, none or cortex-m7", DefaultValueFactory = _ => "both" };
        timing.AcceptOnlyFromAmong("both", "none", "cortex-m7");
        var min = new Option<ulong>("--min-instructions") { Description = "keep re-running until this many instructions (default 300,000,000)", DefaultValueFactory = _ => 300_000_000UL };
        var cmd = new Command("bench", "Measure simulation speed (MIPS) on a long program") { file, board, timing, min };
        cmd.SetAction(p => CliErrors.Guard(p.GetValue(file) ?? DefaultElf, () =>
        {
            string path = p.GetValue(file) ?? FindDefault();
            string[] args = p.GetValue(file) is null && FirmwareArguments.Values.Length == 0 ? ["--repeat=4"] : FirmwareArguments.Values;
            var modes = p.GetValue(timing) switch
            {
                "none" => new[] { M7Sim.Timing.TimingMode.None },
                "cortex-m7" => [M7Sim.Timing.TimingMode.CortexM7],
                _ => [M7Sim.Timing.TimingMode.None, M7Sim.Timing.TimingMode.CortexM7],
            };
            Console.WriteLine($"m7sim bench: {path} {string.Join(' ', args)} on {p.GetValue(board)}, host {Environment.ProcessorCount} cores, .NET {Environment.Version}");
            foreach (var mode in modes)
            {
                var machine = Machine.Load(path, new MachineOptions { Board = p.GetValue(board)!, Timing = mode, Arguments = args });
                // Warm-up: JIT the loop specialisation, fill the decode cache, and give tiered compilation
                // time to replace the first-tier code of the handlers (it waits for calls to settle).
                var warm = Stopwatch.StartNew();
                while (warm.Elapsed.TotalSeconds < 1.5)
                    if (machine.Run(2_000_000).Reason != StopReason.InstructionLimit) machine.Reset();
                ulong instructions = 0, cycles = 0;
                var sw = new Stopwatch();
                // Per-run MIPS: the host's speed varies between runs (shared cores, VMs), so the median and
                // the range say more than one total.
                var runs = new List<double>();
                while (instructions < p.GetValue(min))
                {
                    machine.Reset();
                    var before = sw.Elapsed;
                    sw.Start();
                    var r = machine.Run(CommonOptions.DefaultMaxInstructions);
                    sw.Stop();
                    if (r.Reason != StopReason.Exited) throw new UsageException($"{path}: the benchmark program did not exit ({r.Reason}: {r.Message})");
                    instructions += r.Instructions;
                    cycles += r.Cycles;
                    runs.Add(r.Instructions / (sw.Elapsed - before).TotalSeconds / 1e6);
                }
                double s = sw.Elapsed.TotalSeconds;
                runs.Sort();
                double median = runs.Count % 2 == 1 ? runs[runs.Count / 2] : (runs[runs.Count / 2 - 1] + runs[runs.Count / 2]) / 2;
                Console.WriteLine($"  timing {(mode == M7Sim.Timing.TimingMode.None ? "none     " : "cortex-m7")}: {instructions:N0} instructions, {cycles:N0} simulated cycles in {s:F2} s host " +
                                  $"= {instructions / s / 1e6:F1} MIPS, {cycles / s / 1e6:F1} M simulated cycles/s ({cycles / (double)machine.Board.ClockHz / s:F2}x real time at {machine.Board.ClockHz / 1e6:0} MHz)");
                Console.WriteLine($"    {runs.Count} runs: median {median:F1} MIPS, range {runs[0]:F1}-{runs[^1]:F1}");
                if (machine.BlocksCompiled > 0)
                    Console.WriteLine($"    {machine.BlocksCompiled:N0} compiled blocks; {100.0 * machine.BlockInstructions / machine.Instructions:F1}% of the last run's instructions ran in them" +
                                      (mode == M7Sim.Timing.TimingMode.CortexM7 ? $", {100.0 * machine.ReplayedInstructions / machine.Instructions:F1}% replayed from timing traces" : ""));
            }
            return 0;
        }));
        return cmd;
    }

    private static string FindDefault()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, DefaultElf);
            if (File.Exists(candidate)) return candidate;
        }
        throw new UsageException($"{DefaultElf} not found from the current directory; pass an ELF");
    }
}
