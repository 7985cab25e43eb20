using M7Sim.Simulation;

namespace M7Sim.Tests.DifferentialFpx;

/// <summary>One run of an fpx ELF in M7Sim (default Cortex-M7 timing) with its console output captured.</summary>
internal sealed record FpxSimulatorRun(byte[] Stdout, RunResult Result)
{
    /// <summary>
    /// Generous bound: the largest program (fp_fused) retires under 10 million instructions; a run that
    /// reaches this is a hang and is reported as such.
    /// </summary>
    public const ulong InstructionLimit = 200_000_000;

    public static FpxSimulatorRun Execute(string name, string variant)
    {
        var stdout = new MemoryStream();
        var machine = Machine.Load(FpxCases.ElfPath(name, variant),
            new MachineOptions { Board = FpxCases.BoardFor(variant), Stdout = stdout });
        var result = machine.Run(InstructionLimit);
        return new FpxSimulatorRun(stdout.ToArray(), result);
    }

    public string Describe() =>
        $"M7Sim stopped: {Result.Reason} exit={Result.ExitCode} after {Result.Instructions} instructions" +
        (string.IsNullOrEmpty(Result.Message) ? "" : $" ({Result.Message})");
}
