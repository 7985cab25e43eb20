using System.Text;
using M7Sim.Simulation;
using M7Sim.Timing;

namespace M7Sim.Tests.Workloads;

/// <summary>One run of a workload ELF in M7Sim with its console output captured.</summary>
internal sealed record WorkloadRun(string Stdout, RunResult Result)
{
    /// <summary>
    /// Bound for hang detection: the largest run (a network under --dump) retires about 100 M instructions.
    /// </summary>
    public const ulong InstructionLimit = 400_000_000;

    /// <summary>Runs the ELF on <paramref name="board"/>; functional timing unless asked otherwise (outputs do not depend on it).</summary>
    public static WorkloadRun Execute(string elfPath, string board, bool dump = false, TimingMode timing = TimingMode.None)
    {
        var stdout = new MemoryStream();
        var machine = Machine.Load(elfPath, new MachineOptions
        {
            Board = board,
            Stdout = stdout,
            Arguments = dump ? ["--dump"] : [],
            Timing = timing,
        });
        var result = machine.Run(InstructionLimit);
        return new WorkloadRun(Encoding.Latin1.GetString(stdout.ToArray()), result);
    }

    public string Describe() =>
        $"M7Sim stopped: {Result.Reason} exit={Result.ExitCode} after {Result.Instructions} instructions" +
        (string.IsNullOrEmpty(Result.Message) ? "" : $" ({Result.Message})");
}
