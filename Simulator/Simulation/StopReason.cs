namespace M7Sim.Simulation;

/// <summary>Why a run ended.</summary>
public enum StopReason
{
    /// <summary>The firmware exited through semihosting (SYS_EXIT / SYS_EXIT_EXTENDED).</summary>
    Exited,
    /// <summary>The instruction limit was reached.</summary>
    InstructionLimit,
    /// <summary>A fault with no usable handler, or a lockup (fault while in HardFault).</summary>
    Fault,
    /// <summary>The core spins on a branch to itself and nothing can interrupt it.</summary>
    Hang,
    /// <summary>WFI/WFE with nothing enabled that could wake the core.</summary>
    SleepForever,
    /// <summary>BKPT (not semihosting) with no debugger attached, or a debugger breakpoint.</summary>
    Breakpoint,
    /// <summary>A debugger asked the run to stop (single step done, Ctrl-C, watchpoint).</summary>
    DebugHalt,
}

/// <summary>The outcome of <see cref="Machine.Run"/>.</summary>
public readonly record struct RunResult(StopReason Reason, int ExitCode, ulong Instructions, ulong Cycles, string Message)
{
    /// <summary>Process exit code the CLI uses: the firmware's own code when it exited, fixed codes otherwise.</summary>
    public int ProcessExitCode => Reason switch
    {
        StopReason.Exited => ExitCode,
        StopReason.InstructionLimit => ExitCodes.InstructionLimit,
        StopReason.Fault => ExitCodes.Fault,
        StopReason.Hang or StopReason.SleepForever => ExitCodes.Hang,
        _ => ExitCodes.Breakpoint,
    };
}

/// <summary>Process exit codes of the m7sim command (documented in the README).</summary>
public static class ExitCodes
{
    public const int UsageError = 2;
    public const int InstructionLimit = 124;
    public const int Fault = 125;
    public const int Hang = 126;
    public const int Breakpoint = 127;
}
