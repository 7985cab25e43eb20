using System.CommandLine;
using System.Text;
using M7Sim.Debugging;
using M7Sim.Simulation;

namespace M7Sim.Cli;

/// <summary>`m7sim trace FILE.elf`: one line per executed instruction (cycle, PC, symbol, encoding, disassembly, effects).</summary>
internal static class TraceCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE.elf") { Description = "firmware ELF to trace" };
        var board = CommonOptions.Board();
        var from = new Option<string?>("--from") { Description = "start tracing when execution first reaches SYMBOL (or 0xADDRESS)" };
        var until = new Option<string?>("--until") { Description = "stop when execution reaches SYMBOL (or 0xADDRESS)" };
        var count = new Option<ulong?>("--count") { Description = "trace at most N instructions" };
        var format = new Option<string>("--format") { Description = "text, csv or json (JSON Lines: one object per instruction)", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "csv", "json");
        var output = new Option<string?>("-o", "--output") { Description = "write the trace to PATH (default stdout; the firmware's console then goes to stderr)" };
        var max = CommonOptions.MaxInstructions();
        var timing = CommonOptions.Timing();
        var energy = CommonOptions.EnergyModel();
        var cmd = new Command("trace", "Trace executed instructions; arguments after -- go to the firmware") { file, board, from, until, count, format, output, max, timing, energy };
        cmd.SetAction(parse => CliErrors.Guard(parse.GetValue(file), () =>
        {
            string path = parse.GetValue(file)!;
            string? outPath = parse.GetValue(output);
            if (parse.GetValue(count) is 0) throw new UsageException("--count 0: nothing to trace");
            string? energyPath = CommonOptions.ExistingEnergyModel(parse.GetValue(energy));
            if (outPath is not null && Path.GetFullPath(outPath) == Path.GetFullPath(path)) throw new UsageException($"-o {outPath}: that is the input ELF");
            // The trace owns stdout unless it goes to a file; the firmware's console takes the other stream.
            using var console = outPath is null ? Console.OpenStandardError() : Console.OpenStandardOutput();
            var machine = TimingSummary.Guard(() => Machine.Load(path, new MachineOptions
            {
                Board = parse.GetValue(board)!,
                Stdout = console,
                Arguments = FirmwareArguments.Values,
                Timing = CommonOptions.TimingMode(parse.GetValue(timing)!),
                EnergyModel = energyPath,
            }));
            var options = new TraceOptions
            {
                From = Resolve(machine, "--from", parse.GetValue(from)),
                Until = Resolve(machine, "--until", parse.GetValue(until)),
                Count = parse.GetValue(count) ?? ulong.MaxValue,
                MaxInstructions = parse.GetValue(max),
                Format = Enum.Parse<TraceFormat>(parse.GetValue(format)!, ignoreCase: true),
            };
            TraceResult result;
            if (outPath is null)
            {
                using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
                result = TraceRunner.Run(machine, options, stdout);
            }
            else
            {
                using var writer = new StreamWriter(outPath, append: false, new UTF8Encoding(false), 1 << 16);
                result = TraceRunner.Run(machine, options, writer);
            }
            console.Flush();
            Console.Error.WriteLine($"m7sim: {Path.GetFileName(path)}: {Summary(result, parse.GetValue(from))}");
            return result.Run.Reason switch
            {
                StopReason.DebugHalt => 0, // stopped by --count or --until, as asked
                _ => result.Run.ProcessExitCode,
            };
        }));
        return cmd;
    }

    private static uint? Resolve(Machine m, string option, string? text)
    {
        if (text is null) return null;
        return TraceRunner.ResolveAddress(m, text) ?? throw new UsageException($"{option} {text}: no such symbol in the ELF (or give 0xADDRESS)");
    }

    private static string Summary(TraceResult r, string? from)
    {
        if (!r.ReachedFrom) return $"never reached --from {from}: {Ended(r.Run)}";
        return $"traced {r.Traced:N0} instructions; {Ended(r.Run)}";
    }

    private static string Ended(RunResult r) => r.Reason switch
    {
        StopReason.Exited => $"the firmware exited with code {r.ExitCode} after {r.Instructions:N0} instructions",
        StopReason.DebugHalt => $"stopped as asked after {r.Instructions:N0} instructions, {r.Cycles:N0} cycles",
        _ => $"stopped after {r.Instructions:N0} instructions: {r.Message}",
    };
}
