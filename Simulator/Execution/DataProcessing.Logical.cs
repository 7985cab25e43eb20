using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>
/// AND, ORR, EOR, BIC, ORN, MVN, MOV, TST and TEQ. Immediate forms of BIC/ORN/MVN are decoded to
/// AND/ORR/MOV with the complemented constant, so only the register forms have their own handlers.
/// </summary>
internal static partial class DataProcessing
{
    public static void AndImm(Cpu c, ref DecodedInst d)
    {
        uint r = c.R[d.Rn] & d.Imm;
        c.WriteReg(d.Rd, r);
        if (d.SetsFlags(c)) SetNZC(c, r, ImmCarry(c, ref d));
    }

    public static void AndReg(Cpu c, ref DecodedInst d)
    {
        uint r = c.R[d.Rn] & Bits.Shift_C(c.R[d.Rm], d.ShiftType, d.ShiftN, c.C, out bool carry);
        c.WriteReg(d.Rd, r);
        if (d.SetsFlags(c)) SetNZC(c, r, carry);
    }

    public static void BicReg(Cpu c, ref DecodedInst d)
    {
        uint r = c.R[d.Rn] & ~Bits.Shift_C(c.R[d.Rm], d.ShiftType, d.ShiftN, c.C, out bool carry);
        c.WriteReg(d.Rd, r);
        if (d.SetsFlags(c)) SetNZC(c, r, carry);
    }

    public static void OrrImm(Cpu c, ref DecodedInst d)
    {
        uint r = c.R[d.Rn] | d.Imm;
        c.WriteReg(d.Rd, r);
        if (d.SetsFlags(c)) SetNZC(c, r, ImmCarry(c, ref d));
    }

    public static void OrrReg(Cpu c, ref DecodedInst d)
    {
        uint r = c.R[d.Rn] | Bits.Shift_C(c.R[d.Rm], d.ShiftType, d.ShiftN, c.C, out bool carry);
        c.WriteReg(d.Rd, r);
        if (d.SetsFlags(c)) SetNZC(c, r, carry);
    }

    public static void OrnReg(Cpu c, ref DecodedInst d)
    {
        uint r = c.R[d.Rn] | ~Bits.Shift_C(c.R[d.Rm], d.ShiftType, d.ShiftN, c.C, out bool carry);
        c.WriteReg(d.Rd, r);
        if (d.SetsFlags(c)) SetNZC(c, r, carry);
    }

    public static void EorImm(Cpu c, ref DecodedInst d)
    {
        uint r = c.R[d.Rn] ^ d.Imm;
        c.WriteReg(d.Rd, r);
        if (d.SetsFlags(c)) SetNZC(c, r, ImmCarry(c, ref d));
    }

    public static void EorReg(Cpu c, ref DecodedInst d)
    {
        uint r = c.R[d.Rn] ^ Bits.Shift_C(c.R[d.Rm], d.ShiftType, d.ShiftN, c.C, out bool carry);
        c.WriteReg(d.Rd, r);
        if (d.SetsFlags(c)) SetNZC(c, r, carry);
    }

    /// <summary>MOV (immediate), and MVN (immediate) with the complemented constant. MOVW never sets flags.</summary>
    public static void MovImm(Cpu c, ref DecodedInst d)
    {
        uint r = d.Imm;
        c.WriteReg(d.Rd, r);
        if (d.SetsFlags(c)) SetNZC(c, r, ImmCarry(c, ref d));
    }

    /// <summary>MOVT: writes the top halfword, keeps the bottom one.</summary>
    public static void Movt(Cpu c, ref DecodedInst d) => c.R[d.Rd] = (c.R[d.Rd] & 0xFFFFu) | d.Imm;

    /// <summary>MOV (register) without a shift: APSR.C and V are unchanged when it sets flags.</summary>
    public static void MovReg(Cpu c, ref DecodedInst d)
    {
        uint r = c.R[d.Rm];
        c.WriteReg(d.Rd, r);
        if (d.SetsFlags(c)) SetNZ(c, r);
    }

    /// <summary>MOVS Rd, Rm (16-bit T2, the LSLS #0 encoding): always sets flags, UNPREDICTABLE in an IT block.</summary>
    public static void MovsRegOutsideIt(Cpu c, ref DecodedInst d)
    {
        if (c.InItBlock) { c.Raise(FaultKind.Undefined, c.Pc); return; }
        uint r = c.R[d.Rm];
        c.R[d.Rd] = r;
        SetNZ(c, r);
    }

    /// <summary>MOV PC, Rm (16-bit T1): a branch (ALUWritePC), allowed only as the last instruction of an IT block.</summary>
    public static void MovRegToPc(Cpu c, ref DecodedInst d)
    {
        if (!PcWriteAllowedHere(c)) return;
        c.BranchTo(c.R[d.Rm]);
    }

    public static void MvnReg(Cpu c, ref DecodedInst d)
    {
        uint r = ~Bits.Shift_C(c.R[d.Rm], d.ShiftType, d.ShiftN, c.C, out bool carry);
        c.WriteReg(d.Rd, r);
        if (d.SetsFlags(c)) SetNZC(c, r, carry);
    }

    public static void TstImm(Cpu c, ref DecodedInst d) => SetNZC(c, c.R[d.Rn] & d.Imm, ImmCarry(c, ref d));

    public static void TstReg(Cpu c, ref DecodedInst d)
    {
        uint r = c.R[d.Rn] & Bits.Shift_C(c.R[d.Rm], d.ShiftType, d.ShiftN, c.C, out bool carry);
        SetNZC(c, r, carry);
    }

    public static void TeqImm(Cpu c, ref DecodedInst d) => SetNZC(c, c.R[d.Rn] ^ d.Imm, ImmCarry(c, ref d));

    public static void TeqReg(Cpu c, ref DecodedInst d)
    {
        uint r = c.R[d.Rn] ^ Bits.Shift_C(c.R[d.Rm], d.ShiftType, d.ShiftN, c.C, out bool carry);
        SetNZC(c, r, carry);
    }
}
