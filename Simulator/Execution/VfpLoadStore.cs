using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>
/// FP loads and stores (ARM ARM A7.7: VLDR, VSTR, VLDM, VSTM, VPUSH, VPOP). All accesses are word accesses
/// through MemA (a misaligned address is an UNALIGNED UsageFault); a double register is two words, low word
/// first. Fields: Rn = core base register, Rd = first FP register (S or D index by the Double flag),
/// Imm = the byte offset imm32, Imm2 = number of registers (VLDM/VSTM), ShiftN bit 0 = add (U), bit 1 = writeback.
/// </summary>
internal static class VfpLoadStore
{
    private static uint Base(Cpu c, ref DecodedInst d) => d.Rn == 15 ? c.R[15] & ~3u : c.R[d.Rn];

    /// <summary>VLDR Sd/Dd, [Rn, #±imm] (Rn = 15: literal, from Align(PC, 4)).</summary>
    public static void Vldr(Cpu c, ref DecodedInst d)
    {
        if (!Vfp.Check(c)) return;
        uint b = Base(c, ref d);
        uint address = (d.ShiftN & 1) != 0 ? b + d.Imm : b - d.Imm;
        uint lo = MemoryOps.ReadA(c, address, 4);
        if (c.Fault != FaultKind.None) return;
        if (!Vfp.IsDouble(d)) { c.S[d.Rd] = lo; return; }
        uint hi = MemoryOps.ReadA(c, address + 4, 4);
        if (c.Fault != FaultKind.None) return;
        c.S[2 * d.Rd] = lo;
        c.S[2 * d.Rd + 1] = hi;
    }

    /// <summary>VSTR Sd/Dd, [Rn, #±imm].</summary>
    public static void Vstr(Cpu c, ref DecodedInst d)
    {
        if (!Vfp.Check(c)) return;
        uint b = Base(c, ref d);
        uint address = (d.ShiftN & 1) != 0 ? b + d.Imm : b - d.Imm;
        if (!Vfp.IsDouble(d)) { MemoryOps.WriteA(c, address, 4, c.S[d.Rd]); return; }
        MemoryOps.WriteA(c, address, 4, c.S[2 * d.Rd]);
        if (c.Fault != FaultKind.None) return;
        MemoryOps.WriteA(c, address + 4, 4, c.S[2 * d.Rd + 1]);
    }

    /// <summary>
    /// VLDM{IA,DB} / VPOP: loads Imm2 consecutive registers. Every word is read before any register is
    /// written so a fault leaves the registers (and the base) untouched.
    /// </summary>
    public static void Vldm(Cpu c, ref DecodedInst d)
    {
        if (!Vfp.Check(c)) return;
        bool add = (d.ShiftN & 1) != 0;
        uint rn = c.R[d.Rn];
        uint address = add ? rn : rn - d.Imm;
        int words = (int)d.Imm2 * (Vfp.IsDouble(d) ? 2 : 1);
        Span<uint> buffer = stackalloc uint[32];
        for (int i = 0; i < words; i++)
        {
            buffer[i] = MemoryOps.ReadA(c, address + (uint)(4 * i), 4);
            if (c.Fault != FaultKind.None) return;
        }
        int first = Vfp.IsDouble(d) ? 2 * d.Rd : d.Rd;
        for (int i = 0; i < words; i++) c.S[first + i] = buffer[i];
        if ((d.ShiftN & 2) != 0) c.R[d.Rn] = add ? rn + d.Imm : rn - d.Imm;
    }

    /// <summary>VSTM{IA,DB} / VPUSH: stores Imm2 consecutive registers; the base is written back only if every store succeeded.</summary>
    public static void Vstm(Cpu c, ref DecodedInst d)
    {
        if (!Vfp.Check(c)) return;
        bool add = (d.ShiftN & 1) != 0;
        uint rn = c.R[d.Rn];
        uint address = add ? rn : rn - d.Imm;
        int words = (int)d.Imm2 * (Vfp.IsDouble(d) ? 2 : 1);
        int first = Vfp.IsDouble(d) ? 2 * d.Rd : d.Rd;
        for (int i = 0; i < words; i++)
        {
            MemoryOps.WriteA(c, address + (uint)(4 * i), 4, c.S[first + i]);
            if (c.Fault != FaultKind.None) return;
        }
        if ((d.ShiftN & 2) != 0) c.R[d.Rn] = add ? rn + d.Imm : rn - d.Imm;
    }
}
