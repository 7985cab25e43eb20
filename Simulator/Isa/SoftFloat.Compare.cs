namespace M7Sim.Isa;

/// <summary>FPCompare (VCMP/VCMPE) and the FPv5 FPMaxNum/FPMinNum (VMAXNM/VMINNM) of the ARM ARM pseudocode.</summary>
internal static partial class SoftFloat
{
    /// <summary>
    /// Total order key of a non-NaN operand: IEEE encodings order by magnitude when read as integers,
    /// so sign-magnitude → two's complement gives the numeric order; both zeros (and flushed denormals) are 0.
    /// </summary>
    private static long OrderKey(in FpValue v, ulong bits, int n)
    {
        if (v.Type == FpType.Zero) return 0;
        long mag = (long)(bits & ~SignBit(n));
        return v.Sign ? -mag : mag;
    }

    /// <summary>
    /// FPCompare: the FPSCR N,Z,C,V result (bits 3..0 of the return value). Unordered is 0011; a signalling
    /// NaN, or any NaN when <paramref name="quietNanExc"/> (VCMPE), signals Invalid Operation.
    /// </summary>
    public static uint Compare(ulong op1, ulong op2, int n, bool quietNanExc, ref uint fpscr)
    {
        var a = Unpack(op1, n, ref fpscr);
        var b = Unpack(op2, n, ref fpscr);
        if (a.IsNaN || b.IsNaN)
        {
            if (a.Type == FpType.SNaN || b.Type == FpType.SNaN || quietNanExc) fpscr |= Fpscr.Ioc;
            return 0b0011;
        }
        long ka = OrderKey(a, op1, n), kb = OrderKey(b, op2, n);
        if (ka == kb) return 0b0110;
        return ka < kb ? 0b1000u : 0b0010u;
    }

    /// <summary>FPMaxNum: a single quiet NaN is treated as −∞ so the number wins (IEEE 754-2008 maxNum).</summary>
    public static ulong MaxNum(ulong op1, ulong op2, int n, ref uint fpscr)
    {
        var a = Unpack(op1, n, ref fpscr);
        var b = Unpack(op2, n, ref fpscr);
        if (a.Type == FpType.QNaN && b.Type != FpType.QNaN) op1 = Infinity(true, n);
        else if (a.Type != FpType.QNaN && b.Type == FpType.QNaN) op2 = Infinity(true, n);
        return MaxMin(op1, op2, n, true, ref fpscr);
    }

    /// <summary>FPMinNum: a single quiet NaN is treated as +∞.</summary>
    public static ulong MinNum(ulong op1, ulong op2, int n, ref uint fpscr)
    {
        var a = Unpack(op1, n, ref fpscr);
        var b = Unpack(op2, n, ref fpscr);
        if (a.Type == FpType.QNaN && b.Type != FpType.QNaN) op1 = Infinity(false, n);
        else if (a.Type != FpType.QNaN && b.Type == FpType.QNaN) op2 = Infinity(false, n);
        return MaxMin(op1, op2, n, false, ref fpscr);
    }

    /// <summary>FPMax / FPMin: NaNs propagate; between zeros max prefers +0 and min prefers −0.</summary>
    private static ulong MaxMin(ulong op1, ulong op2, int n, bool max, ref uint fpscr)
    {
        var a = Unpack(op1, n, ref fpscr);
        var b = Unpack(op2, n, ref fpscr);
        if (ProcessNaNs(a, b, op1, op2, n, ref fpscr, out ulong nan)) return nan;
        long ka = OrderKey(a, op1, n), kb = OrderKey(b, op2, n);
        bool takeA = max ? ka > kb : ka < kb;
        var v = takeA ? a : b;
        if (v.Type == FpType.Infinity) return Infinity(v.Sign, n);
        if (v.Type == FpType.Zero) return Zero(max ? a.Sign & b.Sign : a.Sign | b.Sign, n);
        return takeA ? op1 : op2;   // FPRound of an operand's own value: the same encoding, no flags
    }
}
