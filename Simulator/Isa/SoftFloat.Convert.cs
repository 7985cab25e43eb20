namespace M7Sim.Isa;

/// <summary>
/// Conversions of the ARM ARM pseudocode: FPToFixed, FixedToFP, FPRoundInt and the format conversions
/// (FPSingleToDouble, FPDoubleToSingle, FPHalfToSingle, FPSingleToHalf and the FPv5 double/half pair).
/// The explicit rounding arguments take an FPSCR.RMode value or <see cref="Fpscr.RoundTiesAway"/>.
/// </summary>
internal static partial class SoftFloat
{
    /// <summary>
    /// Rounds a magnitude split into integer part and fraction (fraction × 2^64, so 2^63 is one half)
    /// per the rounding mode, applying the sign the way the pseudocode's RoundDown-based rules do.
    /// </summary>
    private static bool RoundMagnitudeUp(ulong integer, ulong fraction, bool sign, uint rounding) => rounding switch
    {
        Fpscr.RoundNearest => fraction > 1UL << 63 || (fraction == 1UL << 63 && (integer & 1) != 0),
        Fpscr.RoundPlusInf => fraction != 0 && !sign,
        Fpscr.RoundMinusInf => fraction != 0 && sign,
        Fpscr.RoundTiesAway => fraction >= 1UL << 63,
        _ => false,
    };

    /// <summary>Splits a nonzero magnitude Sig × 2^(exp − 63) into integer part and fraction × 2^64 (sticky in bit 0). exp must be below 63.</summary>
    private static void SplitInteger(ulong sig, int exp, out ulong integer, out ulong fraction)
    {
        if (exp >= 0)
        {
            integer = sig >> (63 - exp);
            fraction = sig << (exp + 1);
        }
        else
        {
            integer = 0;
            fraction = ShiftRightJam(sig, -exp - 1);
        }
    }

    /// <summary>
    /// FPToFixed: converts to an m-bit (16 or 32) signed or unsigned fixed-point number with fbits fraction
    /// bits. NaN gives 0, out-of-range values saturate; both signal Invalid Operation (and not Inexact).
    /// The result is in the low m bits.
    /// </summary>
    public static ulong ToFixed(ulong op, int n, int m, int fbits, bool unsigned, uint rounding, ref uint fpscr)
    {
        var v = Unpack(op, n, ref fpscr);
        if (v.IsNaN) { fpscr |= Fpscr.Ioc; return 0; }
        if (v.Type == FpType.Zero) return 0;
        ulong mask = m == 64 ? ulong.MaxValue : (1UL << m) - 1;
        ulong maxMag = unsigned ? mask : (1UL << (m - 1)) - 1;   // largest positive result
        ulong minMag = unsigned ? 0 : 1UL << (m - 1);            // largest magnitude of a negative result
        bool overflow;
        ulong integer = 0, fraction = 0;
        int exp = v.Exp + fbits;
        if (v.Type == FpType.Infinity || exp >= 63) overflow = true;
        else
        {
            SplitInteger(v.Sig, exp, out integer, out fraction);
            if (RoundMagnitudeUp(integer, fraction, v.Sign, rounding)) integer++;
            overflow = v.Sign ? integer > minMag : integer > maxMag;
        }
        if (overflow)
        {
            fpscr |= Fpscr.Ioc;
            return v.Sign ? (unsigned ? 0 : minMag) : maxMag;
        }
        if (fraction != 0) fpscr |= Fpscr.Ixc;
        return (v.Sign ? 0 - integer : integer) & mask;
    }

    /// <summary>
    /// FixedToFP: an m-bit signed or unsigned fixed-point value (low m bits of op) with fbits fraction bits,
    /// rounded to format n under fpscr's rounding mode. Zero converts to +0.
    /// </summary>
    public static ulong FromFixed(ulong op, int m, int fbits, bool unsigned, int n, ref uint fpscr)
    {
        ulong raw = m == 64 ? op : op & ((1UL << m) - 1);
        bool sign = !unsigned && ((raw >> (m - 1)) & 1) != 0;
        ulong mag = sign ? ((0 - raw) & (m == 64 ? ulong.MaxValue : (1UL << m) - 1)) : raw;
        if (mag == 0) return 0;
        return Round(sign, 63 - fbits, mag, n, ref fpscr);
    }

    /// <summary>
    /// FPRoundInt (VRINT*): rounds to an integral value in the same format. Inexact is signalled only when
    /// <paramref name="exact"/> (VRINTX); zero results keep the operand's sign.
    /// </summary>
    public static ulong RoundInt(ulong op, int n, uint rounding, bool exact, ref uint fpscr)
    {
        var v = Unpack(op, n, ref fpscr);
        if (v.IsNaN) return ProcessNaN(v.Type, op, n, ref fpscr);
        if (v.Type == FpType.Infinity) return Infinity(v.Sign, n);
        if (v.Type == FpType.Zero) return Zero(v.Sign, n);
        if (v.Exp >= FracBits(n)) return op;   // already integral
        SplitInteger(v.Sig, v.Exp, out ulong integer, out ulong fraction);
        if (RoundMagnitudeUp(integer, fraction, v.Sign, rounding)) integer++;
        if (fraction != 0 && exact) fpscr |= Fpscr.Ixc;
        if (integer == 0) return Zero(v.Sign, n);
        uint noFlags = fpscr;   // an integer below 2^53 converts exactly: Round raises nothing
        return Round(v.Sign, 63, integer, n, ref noFlags);
    }

    /// <summary>
    /// Converts between formats (n = 16, 32, 64). NaNs keep sign and the top of the payload, quietened;
    /// with AHP a half-precision result has no NaN or infinity (zero / largest value and Invalid Operation).
    /// </summary>
    public static ulong Convert(ulong op, int from, int to, ref uint fpscr)
    {
        if (TryFastConvert(op, from, to, ref fpscr, out ulong fast)) return fast;
        var v = Unpack(op, from, ref fpscr);
        bool ahpOut = to == 16 && (fpscr & Fpscr.Ahp) != 0;
        ulong signBit = v.Sign ? SignBit(to) : 0;
        switch (v.Type)
        {
            case FpType.QNaN:
            case FpType.SNaN:
                if (v.Type == FpType.SNaN || ahpOut) fpscr |= Fpscr.Ioc;
                if (ahpOut) return signBit;
                if ((fpscr & Fpscr.Dn) != 0) return DefaultNaN(to);
                int ff = FracBits(from), ft = FracBits(to);
                ulong frac = op & ((1UL << ff) - 1);
                frac = ff > ft ? frac >> (ff - ft) : frac << (ft - ff);
                return signBit | Infinity(false, to) | (1UL << (ft - 1)) | frac;
            case FpType.Infinity:
                if (ahpOut) { fpscr |= Fpscr.Ioc; return signBit | 0x7FFF; }
                return Infinity(v.Sign, to);
            case FpType.Zero:
                return signBit;
            default:
                return Round(v.Sign, v.Exp, v.Sig, to, ref fpscr);
        }
    }
}
