using System.Runtime.CompilerServices;
using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>
/// Single loads and stores of every width (Armv7-M ARM A5.2.4, A5.3.7-A5.3.10): LDR/LDRB/LDRH/LDRSB/LDRSH,
/// STR/STRB/STRH (the unprivileged forms LDRT... wrap these: LoadStoreUnprivileged).
/// All encodings of one addressing shape share a handler; the decode step normalises the fields:
/// <list type="bullet">
/// <item>immediate forms: Rd = Rt, Rn = base, Imm = signed offset (U already applied, two's complement),
///   Imm2 = <see cref="Index"/> | <see cref="Writeback"/> (P and W of the ARM ARM);</item>
/// <item>register forms: Rd = Rt, Rn = base, Rm = index, ShiftN = LSL amount (0-3); always offset addressing;</item>
/// <item>literal forms: Rd = Rt, Imm = signed offset from Align(PC, 4).</item>
/// </list>
/// Word and halfword accesses are MemU (unaligned allowed unless CCR.UNALIGN_TRP). Registers are written
/// only after the access succeeded, so a fault leaves the core as it was before the instruction.
/// </summary>
internal static class LoadStore
{
    /// <summary>Imm2 bit: the access uses the offset address (P == 1); otherwise post-indexed.</summary>
    public const uint Index = 1;
    /// <summary>Imm2 bit: the base register is updated (W == 1, or post-indexed).</summary>
    public const uint Writeback = 2;

    // ---- loads, immediate offset -------------------------------------------------------------------

    public static void LdrImm(Cpu c, ref DecodedInst d) => LdrImmOf(c, d.Rd, d.Rn, d.Imm, d.Imm2);
    public static void LdrbImm(Cpu c, ref DecodedInst d) => LdrbImmOf(c, d.Rd, d.Rn, d.Imm, d.Imm2);
    public static void LdrhImm(Cpu c, ref DecodedInst d) => LdrhImmOf(c, d.Rd, d.Rn, d.Imm, d.Imm2);
    public static void LdrsbImm(Cpu c, ref DecodedInst d) => LdrsbImmOf(c, d.Rd, d.Rn, d.Imm, d.Imm2);
    public static void LdrshImm(Cpu c, ref DecodedInst d) => LdrshImmOf(c, d.Rd, d.Rn, d.Imm, d.Imm2);

    // The same with their fields as arguments, which compiled blocks pass as constants (BlockCompiler.Specialised).
    public static void LdrImmOf(Cpu c, int rd, int rn, uint imm, uint imm2) => LoadImm(c, rd, rn, imm, imm2, 4, false);
    public static void LdrbImmOf(Cpu c, int rd, int rn, uint imm, uint imm2) => LoadImm(c, rd, rn, imm, imm2, 1, false);
    public static void LdrhImmOf(Cpu c, int rd, int rn, uint imm, uint imm2) => LoadImm(c, rd, rn, imm, imm2, 2, false);
    public static void LdrsbImmOf(Cpu c, int rd, int rn, uint imm, uint imm2) => LoadImm(c, rd, rn, imm, imm2, 1, true);
    public static void LdrshImmOf(Cpu c, int rd, int rn, uint imm, uint imm2) => LoadImm(c, rd, rn, imm, imm2, 2, true);

    /// <summary>LDR PC, [Rn, #imm]: LoadWritePC (interworking, EXC_RETURN), kept apart so ordinary loads skip the checks.</summary>
    public static void LdrImmPc(Cpu c, ref DecodedInst d)
    {
        if (!PcLoadAllowedInIt(c)) return;
        uint a = ImmAddress(c, d.Rn, d.Imm, d.Imm2, out uint updated);
        uint v = MemoryOps.ReadU(c, a, 4);
        if (c.Fault != FaultKind.None) return;
        if (!PcLoadAligned(c, a)) return;
        WriteBack(c, d.Rn, d.Imm2, updated);
        c.BranchExchange(v);
    }

    // ---- loads, register offset --------------------------------------------------------------------

    public static void LdrReg(Cpu c, ref DecodedInst d) => LoadReg(c, ref d, 4, false);
    public static void LdrbReg(Cpu c, ref DecodedInst d) => LoadReg(c, ref d, 1, false);
    public static void LdrhReg(Cpu c, ref DecodedInst d) => LoadReg(c, ref d, 2, false);
    public static void LdrsbReg(Cpu c, ref DecodedInst d) => LoadReg(c, ref d, 1, true);
    public static void LdrshReg(Cpu c, ref DecodedInst d) => LoadReg(c, ref d, 2, true);

    public static void LdrRegPc(Cpu c, ref DecodedInst d)
    {
        if (!PcLoadAllowedInIt(c)) return;
        uint a = c.R[d.Rn] + (c.R[d.Rm] << d.ShiftN);
        uint v = MemoryOps.ReadU(c, a, 4);
        if (c.Fault != FaultKind.None || !PcLoadAligned(c, a)) return;
        c.BranchExchange(v);
    }

    // ---- loads, PC-relative ------------------------------------------------------------------------

    public static void LdrLit(Cpu c, ref DecodedInst d) => LoadLit(c, ref d, 4, false);
    public static void LdrbLit(Cpu c, ref DecodedInst d) => LoadLit(c, ref d, 1, false);
    public static void LdrhLit(Cpu c, ref DecodedInst d) => LoadLit(c, ref d, 2, false);
    public static void LdrsbLit(Cpu c, ref DecodedInst d) => LoadLit(c, ref d, 1, true);
    public static void LdrshLit(Cpu c, ref DecodedInst d) => LoadLit(c, ref d, 2, true);

    public static void LdrLitPc(Cpu c, ref DecodedInst d)
    {
        if (!PcLoadAllowedInIt(c)) return;
        uint a = (c.R[15] & ~3u) + d.Imm;
        uint v = MemoryOps.ReadU(c, a, 4);
        if (c.Fault != FaultKind.None || !PcLoadAligned(c, a)) return;
        c.BranchExchange(v);
    }

    // ---- stores ------------------------------------------------------------------------------------

    public static void StrImm(Cpu c, ref DecodedInst d) => StrImmOf(c, d.Rd, d.Rn, d.Imm, d.Imm2);
    public static void StrbImm(Cpu c, ref DecodedInst d) => StrbImmOf(c, d.Rd, d.Rn, d.Imm, d.Imm2);
    public static void StrhImm(Cpu c, ref DecodedInst d) => StrhImmOf(c, d.Rd, d.Rn, d.Imm, d.Imm2);

    // The same with their fields as arguments (see LdrImmOf).
    public static void StrImmOf(Cpu c, int rd, int rn, uint imm, uint imm2) => StoreImm(c, rd, rn, imm, imm2, 4);
    public static void StrbImmOf(Cpu c, int rd, int rn, uint imm, uint imm2) => StoreImm(c, rd, rn, imm, imm2, 1);
    public static void StrhImmOf(Cpu c, int rd, int rn, uint imm, uint imm2) => StoreImm(c, rd, rn, imm, imm2, 2);

    public static void StrReg(Cpu c, ref DecodedInst d) => StoreReg(c, ref d, 4);
    public static void StrbReg(Cpu c, ref DecodedInst d) => StoreReg(c, ref d, 1);
    public static void StrhReg(Cpu c, ref DecodedInst d) => StoreReg(c, ref d, 2);

    /// <summary>PLD/PLI and the unallocated memory hints: no architectural effect, and a hint never faults.</summary>
    public static void PreloadHint(Cpu c, ref DecodedInst d) { }

    // ---- shared shapes -----------------------------------------------------------------------------
    // Each shape tries the fast path (RAM/flash, alignment allowed) inline and otherwise calls its full
    // version from tail position, so the common case runs without a call or a saved register.

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void LoadImm(Cpu c, int rd, int rn, uint imm, uint imm2, int size, bool signed)
    {
        uint a = ImmAddress(c, rn, imm, imm2, out uint updated);
        if (MemoryOps.TryReadU(c, a, size, out uint v))
        {
            WriteBack(c, rn, imm2, updated);
            c.R[rd] = Extend(v, size, signed);
            return;
        }
        LoadImmFull(c, rd, rn, imm, imm2, size, signed);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LoadImmFull(Cpu c, int rd, int rn, uint imm, uint imm2, int size, bool signed)
    {
        uint a = ImmAddress(c, rn, imm, imm2, out uint updated);
        uint v = MemoryOps.ReadU(c, a, size);
        if (c.Fault != FaultKind.None) return;
        WriteBack(c, rn, imm2, updated);
        c.R[rd] = Extend(v, size, signed);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoadReg(Cpu c, ref DecodedInst d, int size, bool signed)
    {
        if (MemoryOps.TryReadU(c, c.R[d.Rn] + (c.R[d.Rm] << d.ShiftN), size, out uint v))
        {
            c.R[d.Rd] = Extend(v, size, signed);
            return;
        }
        LoadRegFull(c, ref d, size, signed);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LoadRegFull(Cpu c, ref DecodedInst d, int size, bool signed)
    {
        uint v = MemoryOps.ReadU(c, c.R[d.Rn] + (c.R[d.Rm] << d.ShiftN), size);
        if (c.Fault != FaultKind.None) return;
        c.R[d.Rd] = Extend(v, size, signed);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoadLit(Cpu c, ref DecodedInst d, int size, bool signed)
    {
        if (MemoryOps.TryReadU(c, (c.R[15] & ~3u) + d.Imm, size, out uint v))
        {
            c.R[d.Rd] = Extend(v, size, signed);
            return;
        }
        LoadLitFull(c, ref d, size, signed);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LoadLitFull(Cpu c, ref DecodedInst d, int size, bool signed)
    {
        uint v = MemoryOps.ReadU(c, (c.R[15] & ~3u) + d.Imm, size);
        if (c.Fault != FaultKind.None) return;
        c.R[d.Rd] = Extend(v, size, signed);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void StoreImm(Cpu c, int rd, int rn, uint imm, uint imm2, int size)
    {
        uint a = ImmAddress(c, rn, imm, imm2, out uint updated);
        if (MemoryOps.TryWriteU(c, a, size, c.R[rd]))
        {
            WriteBack(c, rn, imm2, updated);
            return;
        }
        StoreImmFull(c, rd, rn, imm, imm2, size);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void StoreImmFull(Cpu c, int rd, int rn, uint imm, uint imm2, int size)
    {
        uint a = ImmAddress(c, rn, imm, imm2, out uint updated);
        MemoryOps.WriteU(c, a, size, c.R[rd]);
        if (c.Fault != FaultKind.None) return;
        WriteBack(c, rn, imm2, updated);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreReg(Cpu c, ref DecodedInst d, int size)
    {
        if (MemoryOps.TryWriteU(c, c.R[d.Rn] + (c.R[d.Rm] << d.ShiftN), size, c.R[d.Rd])) return;
        StoreRegFull(c, ref d, size);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void StoreRegFull(Cpu c, ref DecodedInst d, int size) =>
        MemoryOps.WriteU(c, c.R[d.Rn] + (c.R[d.Rm] << d.ShiftN), size, c.R[d.Rd]);

    /// <summary>The address an immediate-offset access uses (the offset address, or the base when post-indexed:
    /// <see cref="Index"/> clear), and in <paramref name="updated"/> the base plus offset for <see cref="WriteBack"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint ImmAddress(Cpu c, int rn, uint imm, uint imm2, out uint updated)
    {
        uint b = c.R[rn];
        updated = b + imm;
        return (imm2 & Index) != 0 ? updated : b;
    }

    /// <summary>The base register update of an immediate-offset access, when <see cref="Writeback"/> is set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void WriteBack(Cpu c, int rn, uint imm2, uint updated)
    {
        if ((imm2 & Writeback) != 0) c.R[rn] = updated;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint Extend(uint v, int size, bool signed) =>
        !signed ? v : size == 1 ? (uint)(sbyte)v : (uint)(short)v;

    /// <summary>A load into PC inside an IT block must be its last instruction (otherwise UNPREDICTABLE → UNDEFINSTR).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool PcLoadAllowedInIt(Cpu c)
    {
        if (!c.InItBlock || c.LastInItBlock) return true;
        c.Raise(FaultKind.Undefined, c.Pc);
        return false;
    }

    /// <summary>LDR PC from an address that is not word aligned is UNPREDICTABLE (A7.7.42): UNDEFINSTR here.</summary>
    private static bool PcLoadAligned(Cpu c, uint address)
    {
        if ((address & 3) == 0) return true;
        c.Raise(FaultKind.Undefined, c.Pc);
        return false;
    }
}
