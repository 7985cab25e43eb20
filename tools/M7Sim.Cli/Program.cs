using System.CommandLine;
using M7Sim.Cli;

// The m7sim command: parsing and wiring only; everything else lives in the M7Sim library.
// Everything after a bare "--" belongs to the firmware (its argv), never to our parser.
int split = Array.IndexOf(args, "--");
FirmwareArguments.Values = split < 0 ? [] : args[(split + 1)..];
var ours = split < 0 ? args : args[..split];

var root = new RootCommand("M7Sim: cycle-approximate Arm Cortex-M7 simulator for NN kernels");
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ProfileCommand.Create());
root.Subcommands.Add(BaselineCommand.Create());
root.Subcommands.Add(GdbCommand.Create());
root.Subcommands.Add(TraceCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(CharacterizeCommand.Create());

var parse = root.Parse(ours);
if (parse.Errors.Count > 0)
{
    Console.Error.WriteLine($"m7sim: error: {parse.Errors[0].Message} (see 'm7sim --help')");
    return M7Sim.Simulation.ExitCodes.UsageError;
}
return parse.Invoke();
