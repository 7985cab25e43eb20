using System.Runtime.CompilerServices;
using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>
/// Branches (A5.2.5, A5.2.6, A5.3.4, A5.3.6): B, BL, BX, BLX, CBZ/CBNZ, TBB/TBH and IT.
/// R[15] reads as the instruction address + 4; offsets are relative to it. The IT-block rules of the
/// ARM ARM ("UNPREDICTABLE if InITBlock() && !LastInITBlock()") depend on run-time state, so they are
/// checked here and raise UNDEFINSTR like every other UNPREDICTABLE case.
/// </summary>
internal static class Branch
{
    /// <summary>B&lt;c&gt; T1/T3: Cond = own condition, Imm = signed offset. Never allowed inside an IT block.</summary>
    public static void BCond(Cpu c, ref DecodedInst d)
    {
        if (c.InItBlock) { Unpredictable(c); return; }
        if (Bits.ConditionPassed(c, d.Cond)) c.BranchTo(c.R[15] + d.Imm);
    }

    /// <summary>B T2/T4: Imm = signed offset.</summary>
    public static void B(Cpu c, ref DecodedInst d)
    {
        if (!LastOrOutsideIt(c)) return;
        c.BranchTo(c.R[15] + d.Imm);
    }

    /// <summary>BL: LR = address of the next instruction with bit 0 set (Thumb).</summary>
    public static void Bl(Cpu c, ref DecodedInst d)
    {
        if (!LastOrOutsideIt(c)) return;
        c.R[14] = c.NextPc | 1;
        c.BranchTo(c.R[15] + d.Imm);
    }

    /// <summary>BX Rm: BXWritePC (interworking; EXC_RETURN values in Handler mode return from the exception).</summary>
    public static void Bx(Cpu c, ref DecodedInst d)
    {
        if (!LastOrOutsideIt(c)) return;
        c.BranchExchange(c.R[d.Rm]);
    }

    /// <summary>BLX Rm: BLXWritePC, which unlike BX never starts an exception return.</summary>
    public static void Blx(Cpu c, ref DecodedInst d)
    {
        if (!LastOrOutsideIt(c)) return;
        uint target = c.R[d.Rm]; // read before LR is written: BLX LR is valid
        c.R[14] = c.NextPc | 1;
        if ((target & 1) == 0) { c.BranchToArmState(target); return; }
        c.NextPc = target & ~1u;
    }

    /// <summary>CBZ: Rn, Imm = forward offset.</summary>
    public static void Cbz(Cpu c, ref DecodedInst d)
    {
        if (c.InItBlock) { Unpredictable(c); return; }
        if (c.R[d.Rn] == 0) c.BranchTo(c.R[15] + d.Imm);
    }

    public static void Cbnz(Cpu c, ref DecodedInst d)
    {
        if (c.InItBlock) { Unpredictable(c); return; }
        if (c.R[d.Rn] != 0) c.BranchTo(c.R[15] + d.Imm);
    }

    /// <summary>TBB [Rn, Rm]: forward branch by twice the byte at Rn + Rm (MemU).</summary>
    public static void Tbb(Cpu c, ref DecodedInst d)
    {
        if (!LastOrOutsideIt(c)) return;
        uint entry = MemoryOps.ReadU(c, c.R[d.Rn] + c.R[d.Rm], 1);
        if (c.Fault != FaultKind.None) return;
        c.BranchTo(c.R[15] + 2 * entry);
    }

    /// <summary>TBH [Rn, Rm, LSL #1]: forward branch by twice the halfword at Rn + 2*Rm (MemU).</summary>
    public static void Tbh(Cpu c, ref DecodedInst d)
    {
        if (!LastOrOutsideIt(c)) return;
        uint entry = MemoryOps.ReadU(c, c.R[d.Rn] + (c.R[d.Rm] << 1), 2);
        if (c.Fault != FaultKind.None) return;
        c.BranchTo(c.R[15] + 2 * entry);
    }

    /// <summary>IT: Imm = firstcond:mask, which becomes ITSTATE. The run loop applies it to the next instructions.</summary>
    public static void It(Cpu c, ref DecodedInst d)
    {
        if (c.InItBlock) { Unpredictable(c); return; }
        c.ItState = d.Imm;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool LastOrOutsideIt(Cpu c)
    {
        if (!c.InItBlock || c.LastInItBlock) return true;
        Unpredictable(c);
        return false;
    }

    private static void Unpredictable(Cpu c) => c.Raise(FaultKind.Undefined, c.Pc);
}
