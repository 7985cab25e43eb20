using M7Sim.Isa;

namespace M7Sim.Debugging;

/// <summary>
/// GDB signal numbers for stop replies (GDB's own numbering, include/gdb/signals.def, which matches
/// Linux for these) and how a Cortex-M fault maps onto them, the way a hosted program would see it.
/// </summary>
internal static class StopSignals
{
    public const int Sigint = 2, Sigill = 4, Sigtrap = 5, Sigbus = 7, Sigfpe = 8, Sigsegv = 11;

    /// <summary>Undefined instructions and bad state → SIGILL; unaligned → SIGBUS; divide by zero → SIGFPE; bad addresses (bus error, MPU) → SIGSEGV.</summary>
    public static int ForFault(FaultKind kind) => kind switch
    {
        FaultKind.Undefined or FaultKind.InvalidState or FaultKind.InvalidPc or FaultKind.NoCoprocessor => Sigill,
        FaultKind.Unaligned => Sigbus,
        FaultKind.DivideByZero => Sigfpe,
        FaultKind.PreciseBusError or FaultKind.InstructionBusError or FaultKind.DataAccessViolation or FaultKind.InstructionAccessViolation => Sigsegv,
        _ => Sigtrap,
    };

    /// <summary>The fault named by CFSR status bits (ARM ARM B3.2.15), for faults no instruction reported (instruction fetch).</summary>
    public static FaultKind FromCfsr(uint cfsr)
    {
        if ((cfsr & (1u << 16)) != 0) return FaultKind.Undefined;
        if ((cfsr & (1u << 17)) != 0) return FaultKind.InvalidState;
        if ((cfsr & (1u << 18)) != 0) return FaultKind.InvalidPc;
        if ((cfsr & (1u << 19)) != 0) return FaultKind.NoCoprocessor;
        if ((cfsr & (1u << 24)) != 0) return FaultKind.Unaligned;
        if ((cfsr & (1u << 25)) != 0) return FaultKind.DivideByZero;
        if ((cfsr & (1u << 8)) != 0) return FaultKind.InstructionBusError;
        if ((cfsr & (1u << 9)) != 0) return FaultKind.PreciseBusError;
        if ((cfsr & 0xFF) != 0) return FaultKind.DataAccessViolation;
        return FaultKind.None;
    }
}
