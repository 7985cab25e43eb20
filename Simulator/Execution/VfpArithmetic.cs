using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>
/// Floating-point data processing (ARM ARM A7.7: VADD ... VFNMS, VSQRT, VABS, VNEG, and the FPv5 VMAXNM,
/// VMINNM, VSEL). Fields: Rd ← Rn op Rm (see <see cref="Vfp"/> for the register numbering); the
/// multiply-accumulate forms also read Rd. VSEL: Imm = the 4-bit condition.
/// </summary>
internal static unsafe class VfpArithmetic
{
    private static void Binary(Cpu c, ref DecodedInst d, delegate*<ulong, ulong, int, ref uint, ulong> op)
    {
        if (!Vfp.Check(c)) return;
        if (Vfp.IsDouble(d)) Vfp.SetD(c, d.Rd, op(Vfp.D(c, d.Rn), Vfp.D(c, d.Rm), 64, ref c.Fpscr));
        else c.S[d.Rd] = (uint)op(c.S[d.Rn], c.S[d.Rm], 32, ref c.Fpscr);
    }

    public static void Vadd(Cpu c, ref DecodedInst d) => Binary(c, ref d, &SoftFloat.Add);

    public static void Vsub(Cpu c, ref DecodedInst d) => Binary(c, ref d, &SoftFloat.Sub);

    public static void Vmul(Cpu c, ref DecodedInst d) => Binary(c, ref d, &SoftFloat.Mul);

    public static void Vdiv(Cpu c, ref DecodedInst d) => Binary(c, ref d, &SoftFloat.Div);

    public static void Vmaxnm(Cpu c, ref DecodedInst d) => Binary(c, ref d, &SoftFloat.MaxNum);

    public static void Vminnm(Cpu c, ref DecodedInst d) => Binary(c, ref d, &SoftFloat.MinNum);

    /// <summary>VNMUL: FPNeg(FPMul(n, m)); a NaN product has its sign flipped too.</summary>
    public static void Vnmul(Cpu c, ref DecodedInst d)
    {
        if (!Vfp.Check(c)) return;
        bool dbl = Vfp.IsDouble(d);
        int n = dbl ? 64 : 32;
        ulong p = SoftFloat.Mul(Vfp.Read(c, d.Rn, dbl), Vfp.Read(c, d.Rm, dbl), n, ref c.Fpscr);
        Vfp.Write(c, d.Rd, dbl, SoftFloat.Neg(p, n));
    }

    // Chained multiply-accumulate: the product is rounded, then the sum (two roundings, as the ARM ARM's
    // VMLA/VMLS/VNMLA/VNMLS pseudocode: FPAdd of FPMul).
    private static void Chained(Cpu c, ref DecodedInst d, bool negateProduct, bool negateAccumulator)
    {
        if (!Vfp.Check(c)) return;
        bool dbl = Vfp.IsDouble(d);
        int n = dbl ? 64 : 32;
        ulong p = SoftFloat.Mul(Vfp.Read(c, d.Rn, dbl), Vfp.Read(c, d.Rm, dbl), n, ref c.Fpscr);
        if (negateProduct) p = SoftFloat.Neg(p, n);
        ulong acc = Vfp.Read(c, d.Rd, dbl);
        if (negateAccumulator) acc = SoftFloat.Neg(acc, n);
        Vfp.Write(c, d.Rd, dbl, SoftFloat.Add(acc, p, n, ref c.Fpscr));
    }

    /// <summary>VMLA: d + n×m.</summary>
    public static void Vmla(Cpu c, ref DecodedInst d) => Chained(c, ref d, false, false);

    /// <summary>VMLS: d − n×m.</summary>
    public static void Vmls(Cpu c, ref DecodedInst d) => Chained(c, ref d, true, false);

    /// <summary>VNMLA: −d − n×m.</summary>
    public static void Vnmla(Cpu c, ref DecodedInst d) => Chained(c, ref d, true, true);

    /// <summary>VNMLS: −d + n×m.</summary>
    public static void Vnmls(Cpu c, ref DecodedInst d) => Chained(c, ref d, false, true);

    // Fused multiply-add: FPMulAdd with the operands negated before the operation (single rounding).
    private static void Fused(Cpu c, ref DecodedInst d, bool negateN, bool negateAccumulator)
    {
        if (!Vfp.Check(c)) return;
        bool dbl = Vfp.IsDouble(d);
        int n = dbl ? 64 : 32;
        ulong op1 = Vfp.Read(c, d.Rn, dbl);
        if (negateN) op1 = SoftFloat.Neg(op1, n);
        ulong acc = Vfp.Read(c, d.Rd, dbl);
        if (negateAccumulator) acc = SoftFloat.Neg(acc, n);
        Vfp.Write(c, d.Rd, dbl, SoftFloat.MulAdd(acc, op1, Vfp.Read(c, d.Rm, dbl), n, ref c.Fpscr));
    }

    /// <summary>VFMA: d + n×m.</summary>
    public static void Vfma(Cpu c, ref DecodedInst d) => Fused(c, ref d, false, false);

    /// <summary>VFMS: d + (−n)×m.</summary>
    public static void Vfms(Cpu c, ref DecodedInst d) => Fused(c, ref d, true, false);

    /// <summary>VFNMA: (−d) + (−n)×m.</summary>
    public static void Vfnma(Cpu c, ref DecodedInst d) => Fused(c, ref d, true, true);

    /// <summary>VFNMS: (−d) + n×m.</summary>
    public static void Vfnms(Cpu c, ref DecodedInst d) => Fused(c, ref d, false, true);

    /// <summary>VSQRT: Rd ← sqrt(Rm).</summary>
    public static void Vsqrt(Cpu c, ref DecodedInst d)
    {
        if (!Vfp.Check(c)) return;
        bool dbl = Vfp.IsDouble(d);
        Vfp.Write(c, d.Rd, dbl, SoftFloat.Sqrt(Vfp.Read(c, d.Rm, dbl), dbl ? 64 : 32, ref c.Fpscr));
    }

    /// <summary>VABS: clears the sign bit (no NaN processing, no flags, no flush).</summary>
    public static void Vabs(Cpu c, ref DecodedInst d)
    {
        if (!Vfp.Check(c)) return;
        bool dbl = Vfp.IsDouble(d);
        Vfp.Write(c, d.Rd, dbl, SoftFloat.Abs(Vfp.Read(c, d.Rm, dbl), dbl ? 64 : 32));
    }

    /// <summary>VNEG: flips the sign bit (no NaN processing, no flags, no flush).</summary>
    public static void Vneg(Cpu c, ref DecodedInst d)
    {
        if (!Vfp.Check(c)) return;
        bool dbl = Vfp.IsDouble(d);
        Vfp.Write(c, d.Rd, dbl, SoftFloat.Neg(Vfp.Read(c, d.Rm, dbl), dbl ? 64 : 32));
    }

    /// <summary>VSEL (FPv5): Rd ← condition Imm holds on the APSR flags ? Rn : Rm. UNPREDICTABLE in an IT block.</summary>
    public static void Vsel(Cpu c, ref DecodedInst d)
    {
        if (c.InItBlock) { c.Raise(FaultKind.Undefined, c.Pc); return; }
        if (!Vfp.Check(c)) return;
        bool dbl = Vfp.IsDouble(d);
        Vfp.Write(c, d.Rd, dbl, Vfp.Read(c, Bits.ConditionPassed(c, d.Imm) ? d.Rn : d.Rm, dbl));
    }
}
