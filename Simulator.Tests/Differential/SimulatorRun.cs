using M7Sim.Simulation;

namespace M7Sim.Tests.Differential;

/// <summary>One run of a test ELF in M7Sim with its console output captured.</summary>
internal sealed record SimulatorRun(byte[] Stdout, RunResult Result)
{
    /// <summary>
    /// Generous bound: the largest program (libc at -O0) retires a few tens of millions of
    /// instructions; a run that reaches this is a hang, reported as such.
    /// </summary>
    public const ulong InstructionLimit = 400_000_000;

    public static SimulatorRun Execute(string elfPath, string board)
    {
        var stdout = new MemoryStream();
        var machine = Machine.Load(elfPath, new MachineOptions { Board = board, Stdout = stdout });
        var result = machine.Run(InstructionLimit);
        return new SimulatorRun(stdout.ToArray(), result);
    }

    public string Describe() =>
        $"M7Sim stopped: {Result.Reason} exit={Result.ExitCode} after {Result.Instructions} instructions" +
        (string.IsNullOrEmpty(Result.Message) ? "" : $" ({Result.Message})");
}
