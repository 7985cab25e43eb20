using M7Sim.Isa;
using M7Sim.Memory;

namespace M7Sim.Simulation;

/// <summary>
/// Routing of accesses through the MPU check (Armv7-M ARM B3.5) while MPU_CTRL.ENABLE is set, so that
/// with the MPU off the fast paths cost nothing extra:
/// <list type="bullet">
/// <item>data: the bus drops its fast page table, so every access reaches ReadSlow/WriteSlow, which ask
/// the checker (a denied access is a MemManage DACCVIOL with MMFAR, see Exceptions.TakeFault);</item>
/// <item>instruction fetch: the decode cache checks every lookup, and the run loop looks every
/// instruction up (InterruptCheck stays raised, so it never steps to the neighbouring slot unchecked).
/// The check uses the privilege and execution priority at the moment the instruction is reached, so
/// it is exact at any region or subregion size.</item>
/// </list>
/// </summary>
public sealed partial class Machine
{
    /// <summary>True while the MPU is enabled: the run loop must look every instruction up (see ServiceEvents).</summary>
    private bool _checkEveryFetch;

    /// <summary>Called by the SCS after any MPU register write and on reset (before this machine's Scs field is set).</summary>
    internal void ApplyMpu(MpuChecker mpu)
    {
        bool on = mpu.Enabled;
        Bus.SetMpu(on ? mpu : null);
        Cache.CheckFetches(on ? mpu : null);
        _checkEveryFetch = on;
        Cpu.InterruptCheck = true; // leave the straight-line stepping now: the next slot is looked up, and checked
    }

    /// <summary>
    /// The fault for an instruction the decode cache refused at <paramref name="pc"/>: a MemManage
    /// IACCVIOL when the MPU or the default map's execute-never rule forbids the fetch (B3.1, B3.5),
    /// else a BusFault IBUSERR (nothing fetchable there).
    /// </summary>
    private FaultKind FetchFault(uint pc)
    {
        var mpu = Scs.Mpu;
        bool permitted = mpu.Enabled ? mpu.PermitsInstruction(Bus, pc) : MpuChecker.DefaultExecutable(pc);
        return permitted ? FaultKind.InstructionBusError : FaultKind.InstructionAccessViolation;
    }
}
