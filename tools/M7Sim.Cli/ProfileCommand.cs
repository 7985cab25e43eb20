using System.CommandLine;
using System.Diagnostics;
using M7Sim.Reporting;
using M7Sim.Simulation;

namespace M7Sim.Cli;

/// <summary>`m7sim profile FILE.elf`: per-operator cycles, energy and memory — the README's main job.</summary>
internal static class ProfileCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE.elf") { Description = "firmware ELF to profile" };
        var board = CommonOptions.Board();
        var max = CommonOptions.MaxInstructions();
        var format = new Option<ReportFormat>("--format", "-f") { Description = "table|json|csv|md|html|trace|folded", DefaultValueFactory = _ => ReportFormat.Table };
        var output = new Option<string?>("--output", "-o") { Description = "write the report to PATH instead of stdout" };
        var operators = new Option<string[]>("--operators") { Description = "extra operator catalog JSON (repeatable)", AllowMultipleArgumentsPerToken = false };
        var timing = CommonOptions.Timing();
        var energy = CommonOptions.EnergyModel();
        var cmd = new Command("profile", "Profile firmware: cycles, energy and memory per NN operator") { file, board, max, format, output, operators, timing, energy };
        cmd.SetAction(parse => CliErrors.Guard(parse.GetValue(file), () =>
        {
            string path = parse.GetValue(file)!;
            string? outPath = parse.GetValue(output);
            var clock = Stopwatch.StartNew();
            var progress = new ProgressLine();
            var report = ProfileRunner.Profile(path, new ProfileOptions
            {
                // Firmware console output would corrupt a report written to stdout: send it to stderr.
                Machine = new MachineOptions
                {
                    Board = parse.GetValue(board)!,
                    Stdout = progress.WrapConsole(Console.OpenStandardError()),
                    Arguments = FirmwareArguments.Values,
                    Timing = CommonOptions.TimingMode(parse.GetValue(timing)!),
                    EnergyModel = CommonOptions.ExistingEnergyModel(parse.GetValue(energy)),
                },
                MaxInstructions = parse.GetValue(max),
                OperatorFiles = parse.GetValue(operators) ?? [],
                Progress = (instr, cycles) =>
                {
                    if (clock.Elapsed.TotalSeconds < 2) return;
                    progress.Show($"m7sim: profiling {Path.GetFileName(path)}: {instr / 1e6:0} M instructions, {cycles / 1e6:0} M cycles, {clock.Elapsed.TotalSeconds:0} s");
                },
            });
            progress.Clear();
            if (outPath is null)
            {
                using var stdout = Console.OpenStandardOutput();
                ReportWriter.Write(report, parse.GetValue(format), stdout);
            }
            else
            {
                using var fs = File.Create(outPath);
                ReportWriter.Write(report, parse.GetValue(format), fs);
                Console.Error.WriteLine($"m7sim: wrote {parse.GetValue(format).ToString().ToLowerInvariant()} report to {outPath}");
            }
            return report.Totals.StopReason == nameof(StopReason.Exited) ? 0 : ExitCodes.Fault;
        }));
        return cmd;
    }
}
