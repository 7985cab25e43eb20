using System.CommandLine;
using M7Sim.Simulation;

namespace M7Sim.Cli;

/// <summary>`m7sim run FILE.elf`: run firmware, its console on stdout, its exit code as ours, a summary on stderr.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE.elf") { Description = "firmware ELF to run" };
        var board = CommonOptions.Board();
        var max = CommonOptions.MaxInstructions();
        var root = new Option<string?>("--semihosting-root") { Description = "host directory the firmware may open files in (refused otherwise)" };
        var timing = CommonOptions.Timing();
        var energy = CommonOptions.EnergyModel();
        var cmd = new Command("run", "Run firmware to completion; arguments after -- go to the firmware") { file, board, max, root, timing, energy };
        cmd.SetAction(parse => CliErrors.Guard(parse.GetValue(file), () =>
        {
            string path = parse.GetValue(file)!;
            string? shRoot = parse.GetValue(root);
            if (shRoot is not null && !Directory.Exists(shRoot)) throw new UsageException($"--semihosting-root {shRoot}: no such directory");
            string? energyPath = CommonOptions.ExistingEnergyModel(parse.GetValue(energy));
            using var stdout = Console.OpenStandardOutput();
            var machine = TimingSummary.Guard(() => Machine.Load(path, new MachineOptions
            {
                Board = parse.GetValue(board)!,
                Stdout = stdout,
                Stdin = Console.OpenStandardInput(),
                SemihostingRoot = shRoot,
                Arguments = FirmwareArguments.Values,
                Timing = CommonOptions.TimingMode(parse.GetValue(timing)!),
                EnergyModel = energyPath,
            }));
            if (machine.ResetNote is { } note) Console.Error.WriteLine($"m7sim: note: {note}");
            var result = machine.Run(parse.GetValue(max));
            stdout.Flush();
            Console.Error.WriteLine($"m7sim: {Path.GetFileName(path)}: {Summary(result)}");
            if (machine.LastFaultDescription is { } fault && result.Reason != StopReason.Fault)
                Console.Error.WriteLine($"m7sim: note: the firmware took a fault: {fault}");
            TimingSummary.Write(Console.Error, machine);
            return result.ProcessExitCode;
        }));
        return cmd;
    }

    private static string Summary(RunResult r) => r.Reason switch
    {
        StopReason.Exited => $"exited with code {r.ExitCode} after {r.Instructions:N0} instructions",
        StopReason.InstructionLimit => $"stopped: instruction limit reached after {r.Instructions:N0} instructions ({r.Message})",
        _ => $"stopped after {r.Instructions:N0} instructions: {r.Message}",
    };
}
