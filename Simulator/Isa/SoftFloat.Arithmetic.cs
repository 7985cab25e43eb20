namespace M7Sim.Isa;

/// <summary>FPAdd, FPSub, FPMul, FPDiv, FPSqrt and FPMulAdd (fused, one rounding) of the ARM ARM pseudocode.</summary>
internal static partial class SoftFloat
{
    // Each operation tries the hardware fast path (SoftFloat.Fast.cs) and otherwise runs the integer
    // implementation, which is the reference (the *Integer methods are internal so tests can compare).

    public static ulong Add(ulong op1, ulong op2, int n, ref uint fpscr) =>
        TryFastAdd(op1, op2, n, false, ref fpscr, out ulong r) ? r : AddSubInteger(op1, op2, n, false, ref fpscr);

    public static ulong Sub(ulong op1, ulong op2, int n, ref uint fpscr) =>
        TryFastAdd(op1, op2, n, true, ref fpscr, out ulong r) ? r : AddSubInteger(op1, op2, n, true, ref fpscr);

    public static ulong Mul(ulong op1, ulong op2, int n, ref uint fpscr) =>
        TryFastMul(op1, op2, n, ref fpscr, out ulong r) ? r : MulInteger(op1, op2, n, ref fpscr);

    public static ulong Div(ulong op1, ulong op2, int n, ref uint fpscr) =>
        TryFastDiv(op1, op2, n, ref fpscr, out ulong r) ? r : DivInteger(op1, op2, n, ref fpscr);

    public static ulong Sqrt(ulong op, int n, ref uint fpscr) =>
        TryFastSqrt(op, n, ref fpscr, out ulong r) ? r : SqrtInteger(op, n, ref fpscr);

    public static ulong MulAdd(ulong addend, ulong op1, ulong op2, int n, ref uint fpscr) =>
        TryFastMulAdd(addend, op1, op2, n, ref fpscr, out ulong r) ? r : MulAddInteger(addend, op1, op2, n, ref fpscr);

    /// <summary>FPAdd / FPSub. NaN operands propagate unchanged in sign (FPSub does not negate a NaN op2).</summary>
    internal static ulong AddSubInteger(ulong op1, ulong op2, int n, bool subtract, ref uint fpscr)
    {
        var a = Unpack(op1, n, ref fpscr);
        var b = Unpack(op2, n, ref fpscr);
        if (ProcessNaNs(a, b, op1, op2, n, ref fpscr, out ulong nan)) return nan;
        bool signB = b.Sign ^ subtract;
        bool infA = a.Type == FpType.Infinity, infB = b.Type == FpType.Infinity;
        if (infA && infB && a.Sign != signB) { fpscr |= Fpscr.Ioc; return DefaultNaN(n); }
        if (infA) return Infinity(a.Sign, n);
        if (infB) return Infinity(signB, n);
        bool zeroA = a.Type == FpType.Zero, zeroB = b.Type == FpType.Zero;
        if (zeroA && zeroB) return a.Sign == signB ? Zero(a.Sign, n) : ExactZero(fpscr, n);
        // x + 0 is x exactly: FPRound of a representable value returns its encoding with no flags.
        if (zeroA) return subtract ? op2 ^ SignBit(n) : op2;
        if (zeroB) return op1;

        // Significands with the leading bit at 62 leave bit 63 for the carry of an addition.
        ulong ma = a.Sig >> 1, mb = b.Sig >> 1;
        int ea = a.Exp, eb = b.Exp;
        bool sa = a.Sign, sb = signB;
        if (ea < eb || (ea == eb && ma < mb))
        {
            (ma, mb) = (mb, ma);
            (ea, eb) = (eb, ea);
            (sa, sb) = (sb, sa);
        }
        // When the exponents differ by 2 or more at most one bit cancels, so the sticky bit stays far
        // below the rounding position; closer operands shift by at most 1 and lose nothing.
        mb = ShiftRightJam(mb, ea - eb);
        ulong m = sa == sb ? ma + mb : ma - mb;
        if (m == 0) return ExactZero(fpscr, n);
        return Round(sa, ea + 1, m, n, ref fpscr);
    }

    /// <summary>FPMul.</summary>
    internal static ulong MulInteger(ulong op1, ulong op2, int n, ref uint fpscr)
    {
        var a = Unpack(op1, n, ref fpscr);
        var b = Unpack(op2, n, ref fpscr);
        if (ProcessNaNs(a, b, op1, op2, n, ref fpscr, out ulong nan)) return nan;
        bool infA = a.Type == FpType.Infinity, infB = b.Type == FpType.Infinity;
        bool zeroA = a.Type == FpType.Zero, zeroB = b.Type == FpType.Zero;
        bool sign = a.Sign ^ b.Sign;
        if ((infA && zeroB) || (zeroA && infB)) { fpscr |= Fpscr.Ioc; return DefaultNaN(n); }
        if (infA || infB) return Infinity(sign, n);
        if (zeroA || zeroB) return Zero(sign, n);
        return RoundProduct(sign, a, b, n, ref fpscr);
    }

    /// <summary>Rounds the exact product of two nonzero operands once.</summary>
    private static ulong RoundProduct(bool sign, in FpValue a, in FpValue b, int n, ref uint fpscr)
    {
        // Product in [2^126, 2^128): its top 64 bits carry at least 63 significant bits, the rest is sticky.
        ulong hi = Math.BigMul(a.Sig, b.Sig, out ulong lo);
        return Round(sign, a.Exp + b.Exp + 1, hi | (lo != 0 ? 1UL : 0), n, ref fpscr);
    }

    /// <summary>FPDiv. Division by zero of a finite nonzero dividend signals DZC.</summary>
    internal static ulong DivInteger(ulong op1, ulong op2, int n, ref uint fpscr)
    {
        var a = Unpack(op1, n, ref fpscr);
        var b = Unpack(op2, n, ref fpscr);
        if (ProcessNaNs(a, b, op1, op2, n, ref fpscr, out ulong nan)) return nan;
        bool infA = a.Type == FpType.Infinity, infB = b.Type == FpType.Infinity;
        bool zeroA = a.Type == FpType.Zero, zeroB = b.Type == FpType.Zero;
        bool sign = a.Sign ^ b.Sign;
        if ((infA && infB) || (zeroA && zeroB)) { fpscr |= Fpscr.Ioc; return DefaultNaN(n); }
        if (infA || zeroB)
        {
            if (!infA) fpscr |= Fpscr.Dzc;
            return Infinity(sign, n);
        }
        if (zeroA || infB) return Zero(sign, n);
        // (Sa << 63) / Sb lies in (2^62, 2^64): at least 63 quotient bits, the remainder is sticky.
        UInt128 num = (UInt128)a.Sig << 63;
        (UInt128 q, UInt128 rem) = UInt128.DivRem(num, b.Sig);
        return Round(sign, a.Exp - b.Exp, (ulong)q | (rem != UInt128.Zero ? 1UL : 0), n, ref fpscr);
    }

    /// <summary>FPSqrt. sqrt(−0) is −0; any other negative operand is Invalid Operation.</summary>
    internal static ulong SqrtInteger(ulong op, int n, ref uint fpscr)
    {
        var a = Unpack(op, n, ref fpscr);
        if (a.IsNaN) return ProcessNaN(a.Type, op, n, ref fpscr);
        if (a.Type == FpType.Zero) return Zero(a.Sign, n);
        if (a.Type == FpType.Infinity && !a.Sign) return Infinity(false, n);
        if (a.Sign) { fpscr |= Fpscr.Ioc; return DefaultNaN(n); }
        // value = Sig × 2^(Exp−63) = X × 2^(Exp−63−s) with X = Sig << s and the exponent made even;
        // X < 2^127 keeps the root below 2^64 and at least 2^62 (63 significant bits).
        int s = (a.Exp & 1) == 0 ? 63 : 62;
        UInt128 x = (UInt128)a.Sig << s;
        ulong r = ISqrt(x, out bool exact);
        int halfExp = (a.Exp - 63 - s) / 2;
        return Round(false, halfExp + 63, r | (exact ? 0UL : 1UL), n, ref fpscr);
    }

    /// <summary>Floor of the square root of x (x &lt; 2^127), and whether it is exact.</summary>
    private static ulong ISqrt(UInt128 x, out bool exact)
    {
        // A double estimate is within about 2^11 of the root; one Newton step from it lands within 1.
        ulong r = (ulong)Math.Sqrt((double)x);
        if (r == 0) r = 1;
        r = (ulong)(((UInt128)r + x / r) >> 1);
        while ((UInt128)r * r > x) r--;
        while ((UInt128)(r + 1) * (r + 1) <= x) r++;
        exact = (UInt128)r * r == x;
        return r;
    }

    /// <summary>
    /// FPMulAdd: addend + op1 × op2 rounded once (VFMA and friends). NaN priority is addend, op1, op2;
    /// a quiet-NaN addend with an infinity × zero product still gives the default NaN and Invalid Operation.
    /// </summary>
    internal static ulong MulAddInteger(ulong addend, ulong op1, ulong op2, int n, ref uint fpscr)
    {
        var c = Unpack(addend, n, ref fpscr);
        var a = Unpack(op1, n, ref fpscr);
        var b = Unpack(op2, n, ref fpscr);
        bool infA = a.Type == FpType.Infinity, infB = b.Type == FpType.Infinity, infC = c.Type == FpType.Infinity;
        bool zeroA = a.Type == FpType.Zero, zeroB = b.Type == FpType.Zero, zeroC = c.Type == FpType.Zero;
        bool done = ProcessNaNs3(c, a, b, addend, op1, op2, n, ref fpscr, out ulong nan);
        if (c.Type == FpType.QNaN && ((infA && zeroB) || (zeroA && infB))) { fpscr |= Fpscr.Ioc; return DefaultNaN(n); }
        if (done) return nan;

        bool signP = a.Sign ^ b.Sign;
        bool infP = infA || infB, zeroP = zeroA || zeroB;
        if ((infA && zeroB) || (zeroA && infB) || (infC && infP && c.Sign != signP)) { fpscr |= Fpscr.Ioc; return DefaultNaN(n); }
        if ((infC && !c.Sign) || (infP && !signP)) return Infinity(false, n);
        if ((infC && c.Sign) || (infP && signP)) return Infinity(true, n);
        if (zeroC && zeroP) return c.Sign == signP ? Zero(c.Sign, n) : ExactZero(fpscr, n);
        if (zeroP) return addend;   // exact: a representable value rounds to itself
        if (zeroC) return RoundProduct(signP, a, b, n, ref fpscr);

        // Exact product (at most 106 significant bits, low bits zero) and addend, both aligned with the
        // leading bit at 125; "lead" is the exponent of bit 125.
        UInt128 p = (UInt128)a.Sig * b.Sig;
        int leadP;
        if ((p >> 127) != UInt128.Zero) { p >>= 2; leadP = a.Exp + b.Exp + 1; }
        else { p >>= 1; leadP = a.Exp + b.Exp; }
        UInt128 q = (UInt128)c.Sig << 62;
        int leadC = c.Exp;
        bool signBig = signP, signSmall = c.Sign;
        UInt128 big = p, small = q;
        int leadBig = leadP, leadSmall = leadC;
        if (leadC > leadP || (leadC == leadP && q > p))
        {
            (big, small) = (small, big);
            (leadBig, leadSmall) = (leadSmall, leadBig);
            (signBig, signSmall) = (signSmall, signBig);
        }
        // As in AddSub: a distance of 2 or more cancels at most one bit; 0 or 1 shifts out only zeros.
        small = ShiftRightJam(small, leadBig - leadSmall);
        UInt128 sum = signBig == signSmall ? big + small : big - small;
        if (sum == UInt128.Zero) return ExactZero(fpscr, n);
        int lz = (int)UInt128.LeadingZeroCount(sum);
        sum <<= lz;
        ulong m = (ulong)(sum >> 64) | ((ulong)sum != 0 ? 1UL : 0);
        return Round(signBig, leadBig + 2 - lz, m, n, ref fpscr);
    }

    /// <summary>FPNeg / FPAbs: sign-bit operations with no NaN processing and no flags.</summary>
    public static ulong Neg(ulong op, int n) => op ^ SignBit(n);

    public static ulong Abs(ulong op, int n) => op & ~SignBit(n);
}
