using System.Runtime.CompilerServices;
using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>ADD, ADC, SUB, SBC, RSB, CMP, CMN and ADR (immediate and shifted-register forms).</summary>
internal static partial class DataProcessing
{
    public static void AddImm(Cpu c, ref DecodedInst d) => AddImmOf(c, d.Rd, d.Rn, d.Imm, d.SetFlags);

    /// <summary>ADD immediate with its fields as arguments, which compiled blocks pass as constants (BlockCompiler.Specialised).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // hot in CMSIS-NN loops: inlined into compiled blocks (BlockCompiler)
    public static void AddImmOf(Cpu c, int rd, int rn, uint imm, FlagsMode setFlags)
    {
        uint x = c.R[rn];
        if (!DecodedInst.Sets(setFlags, c)) { c.WriteReg(rd, x + imm); return; }
        uint r = Bits.AddWithCarry(x, imm, false, out bool carry, out bool overflow);
        c.WriteReg(rd, r);
        SetNZCV(c, r, carry, overflow);
    }

    public static void AddReg(Cpu c, ref DecodedInst d)
    {
        uint x = c.R[d.Rn], y = Operand2(c, ref d);
        if (!d.SetsFlags(c)) { c.WriteReg(d.Rd, x + y); return; }
        uint r = Bits.AddWithCarry(x, y, false, out bool carry, out bool overflow);
        c.WriteReg(d.Rd, r);
        SetNZCV(c, r, carry, overflow);
    }

    /// <summary>ADD Rdn, Rm / ADD PC, SP, PC (16-bit, never sets flags) with the PC as destination: a branch.</summary>
    public static void AddRegToPc(Cpu c, ref DecodedInst d)
    {
        if (!PcWriteAllowedHere(c)) return;
        c.BranchTo(c.R[d.Rn] + c.R[d.Rm]);
    }

    public static void AdcImm(Cpu c, ref DecodedInst d)
    {
        uint r = Bits.AddWithCarry(c.R[d.Rn], d.Imm, c.C, out bool carry, out bool overflow);
        c.WriteReg(d.Rd, r);
        if (d.SetsFlags(c)) SetNZCV(c, r, carry, overflow);
    }

    public static void AdcReg(Cpu c, ref DecodedInst d)
    {
        uint r = Bits.AddWithCarry(c.R[d.Rn], Operand2(c, ref d), c.C, out bool carry, out bool overflow);
        c.WriteReg(d.Rd, r);
        if (d.SetsFlags(c)) SetNZCV(c, r, carry, overflow);
    }

    public static void SubImm(Cpu c, ref DecodedInst d) => SubImmOf(c, d.Rd, d.Rn, d.Imm, d.SetFlags);

    /// <summary>SUB immediate with its fields as arguments (see <see cref="AddImmOf"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // hot in CMSIS-NN loops: inlined into compiled blocks (BlockCompiler)
    public static void SubImmOf(Cpu c, int rd, int rn, uint imm, FlagsMode setFlags)
    {
        uint x = c.R[rn];
        if (!DecodedInst.Sets(setFlags, c)) { c.WriteReg(rd, x - imm); return; }
        uint r = Bits.AddWithCarry(x, ~imm, true, out bool carry, out bool overflow);
        c.WriteReg(rd, r);
        SetNZCV(c, r, carry, overflow);
    }

    public static void SubReg(Cpu c, ref DecodedInst d)
    {
        uint x = c.R[d.Rn], y = Operand2(c, ref d);
        if (!d.SetsFlags(c)) { c.WriteReg(d.Rd, x - y); return; }
        uint r = Bits.AddWithCarry(x, ~y, true, out bool carry, out bool overflow);
        c.WriteReg(d.Rd, r);
        SetNZCV(c, r, carry, overflow);
    }

    public static void SbcImm(Cpu c, ref DecodedInst d)
    {
        uint r = Bits.AddWithCarry(c.R[d.Rn], ~d.Imm, c.C, out bool carry, out bool overflow);
        c.WriteReg(d.Rd, r);
        if (d.SetsFlags(c)) SetNZCV(c, r, carry, overflow);
    }

    public static void SbcReg(Cpu c, ref DecodedInst d)
    {
        uint r = Bits.AddWithCarry(c.R[d.Rn], ~Operand2(c, ref d), c.C, out bool carry, out bool overflow);
        c.WriteReg(d.Rd, r);
        if (d.SetsFlags(c)) SetNZCV(c, r, carry, overflow);
    }

    /// <summary>RSB: Imm - Rn (RSBS Rd, Rn, #0 is the 16-bit NEG).</summary>
    public static void RsbImm(Cpu c, ref DecodedInst d)
    {
        uint r = Bits.AddWithCarry(~c.R[d.Rn], d.Imm, true, out bool carry, out bool overflow);
        c.WriteReg(d.Rd, r);
        if (d.SetsFlags(c)) SetNZCV(c, r, carry, overflow);
    }

    public static void RsbReg(Cpu c, ref DecodedInst d)
    {
        uint r = Bits.AddWithCarry(~c.R[d.Rn], Operand2(c, ref d), true, out bool carry, out bool overflow);
        c.WriteReg(d.Rd, r);
        if (d.SetsFlags(c)) SetNZCV(c, r, carry, overflow);
    }

    public static void CmpImm(Cpu c, ref DecodedInst d)
    {
        uint r = Bits.AddWithCarry(c.R[d.Rn], ~d.Imm, true, out bool carry, out bool overflow);
        SetNZCV(c, r, carry, overflow);
    }

    public static void CmpReg(Cpu c, ref DecodedInst d)
    {
        uint r = Bits.AddWithCarry(c.R[d.Rn], ~Operand2(c, ref d), true, out bool carry, out bool overflow);
        SetNZCV(c, r, carry, overflow);
    }

    public static void CmnImm(Cpu c, ref DecodedInst d)
    {
        uint r = Bits.AddWithCarry(c.R[d.Rn], d.Imm, false, out bool carry, out bool overflow);
        SetNZCV(c, r, carry, overflow);
    }

    public static void CmnReg(Cpu c, ref DecodedInst d)
    {
        uint r = Bits.AddWithCarry(c.R[d.Rn], Operand2(c, ref d), false, out bool carry, out bool overflow);
        SetNZCV(c, r, carry, overflow);
    }

    /// <summary>ADR: Align(PC, 4) plus Imm (Imm is already negated for the subtracting encoding).</summary>
    public static void Adr(Cpu c, ref DecodedInst d) => c.WriteReg(d.Rd, (c.R[15] & ~3u) + d.Imm);
}
