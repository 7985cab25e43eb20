using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>
/// Bits [1:0] of SP_main and SP_process are not writable on Armv7-M (ARM ARM B1.4.1: SP is word aligned;
/// a non-zero value written to bits [1:0] is UNPREDICTABLE and the Cortex-M7, like QEMU, keeps them
/// zero). Reset, MSR MSP/PSP and exception entry/return already produce aligned values; the remaining
/// writers are instructions whose destination or write-back register is SP (MOV SP, Rm; ADD/SUB SP with
/// any operand; loads into SP; write-back of an SP base by an arbitrary offset). The decoder sends those,
/// and only those, through <see cref="WriteAligned"/>, so no other instruction pays for the rule.
/// <see cref="WriteAligned"/> re-runs the row's handler, so it is not used for instructions that also
/// write the PC: their decode step may pick a handler other than the row's (loads into PC), and the one
/// such SP writer, <c>ldr pc, [sp], #imm</c> (a single-register POP), keeps SP write-back as given.
/// </summary>
internal static unsafe class StackPointerWrites
{
    /// <summary>
    /// True when the decoded instruction can leave SP with bits [1:0] set given an aligned SP: it writes
    /// SP, and it is not one of the forms that only move SP by multiples of 4 (PUSH/POP, LDM/STM and
    /// VPUSH/VPOP/VLDM/VSTM write-back; the 16-bit ADD/SUB SP, SP, #imm7:'00').
    /// </summary>
    public static bool MayMisalign(ref DecodedInst d, Row row)
    {
        if ((d.DstMask & (1 << 13)) == 0 || (d.DstMask & (1 << 15)) != 0) return false;
        if (d.Class is Timing.TimingClass.LoadMultiple or Timing.TimingClass.StoreMultiple
            or Timing.TimingClass.FpLoadMultiple or Timing.TimingClass.FpStoreMultiple) return false;
        return row.Name is not ("AddSpImmT2" or "SubSpImmT1");
    }

    /// <summary>Runs the row's own handler, then clears SP bits [1:0] (a fault leaves SP untouched anyway).</summary>
    public static void WriteAligned(Cpu c, ref DecodedInst d)
    {
        InstTable.All[d.Id - 1].Exec(c, ref d);
        c.R[13] &= ~3u;
    }
}
