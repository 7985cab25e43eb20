using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>
/// Register transfers (ARM ARM A7.7: VMOV in all its forms, VMRS, VMSR). For transfers with core registers
/// Rd = Rt and Ra = Rt2 (core), Rm = the FP register (an S index; for the scalar forms the S register that
/// holds D[x]&lt;31:0&gt; or &lt;63:32&gt;, so they share the single-register handlers).
/// </summary>
internal static class VfpMove
{
    /// <summary>VMOV immediate: Rd (S or D) ← Imm, already expanded by VFPExpandImm (for D, Imm is the upper word; the lower is 0).</summary>
    public static void VmovImm(Cpu c, ref DecodedInst d)
    {
        if (!Vfp.Check(c)) return;
        if (Vfp.IsDouble(d)) Vfp.SetD(c, d.Rd, (ulong)d.Imm << 32);
        else c.S[d.Rd] = d.Imm;
    }

    /// <summary>VMOV register: Rd ← Rm, bit for bit (no NaN processing).</summary>
    public static void VmovReg(Cpu c, ref DecodedInst d)
    {
        if (!Vfp.Check(c)) return;
        if (Vfp.IsDouble(d)) Vfp.SetD(c, d.Rd, Vfp.D(c, d.Rm));
        else c.S[d.Rd] = c.S[d.Rm];
    }

    /// <summary>VMOV Sm, Rt (and VMOV.32 Dm[x], Rt).</summary>
    public static void VmovSingleFromCore(Cpu c, ref DecodedInst d)
    {
        if (!Vfp.Check(c)) return;
        c.S[d.Rm] = c.R[d.Rd];
    }

    /// <summary>VMOV Rt, Sm (and VMOV.32 Rt, Dm[x]).</summary>
    public static void VmovCoreFromSingle(Cpu c, ref DecodedInst d)
    {
        if (!Vfp.Check(c)) return;
        c.R[d.Rd] = c.S[d.Rm];
    }

    /// <summary>VMOV Sm, Sm+1, Rt, Rt2.</summary>
    public static void VmovTwoSinglesFromCore(Cpu c, ref DecodedInst d)
    {
        if (!Vfp.Check(c)) return;
        c.S[d.Rm] = c.R[d.Rd];
        c.S[d.Rm + 1] = c.R[d.Ra];
    }

    /// <summary>VMOV Rt, Rt2, Sm, Sm+1.</summary>
    public static void VmovCoreFromTwoSingles(Cpu c, ref DecodedInst d)
    {
        if (!Vfp.Check(c)) return;
        c.R[d.Rd] = c.S[d.Rm];
        c.R[d.Ra] = c.S[d.Rm + 1];
    }

    /// <summary>VMOV Dm, Rt, Rt2: Rt is the low word. Rm is a D index here.</summary>
    public static void VmovDoubleFromCore(Cpu c, ref DecodedInst d)
    {
        if (!Vfp.Check(c)) return;
        Vfp.SetD(c, d.Rm, ((ulong)c.R[d.Ra] << 32) | c.R[d.Rd]);
    }

    /// <summary>VMOV Rt, Rt2, Dm: Rt receives the low word. Rm is a D index here.</summary>
    public static void VmovCoreFromDouble(Cpu c, ref DecodedInst d)
    {
        if (!Vfp.Check(c)) return;
        ulong v = Vfp.D(c, d.Rm);
        c.R[d.Rd] = (uint)v;
        c.R[d.Ra] = (uint)(v >> 32);
    }

    /// <summary>VMRS Rt, FPSCR; with Rt = 15 (APSR_nzcv) the FPSCR condition flags go to APSR.NZCV.</summary>
    public static void Vmrs(Cpu c, ref DecodedInst d)
    {
        if (!Vfp.Check(c)) return;
        uint v = c.Fpscr;
        if (d.Rd != 15) { c.R[d.Rd] = v; return; }
        c.N = (v & Fpscr.N) != 0;
        c.Z = (v & Fpscr.Z) != 0;
        c.C = (v & Fpscr.C) != 0;
        c.V = (v & Fpscr.V) != 0;
    }

    /// <summary>VMSR FPSCR, Rt (reserved bits read as zero).</summary>
    public static void Vmsr(Cpu c, ref DecodedInst d)
    {
        if (!Vfp.Check(c)) return;
        c.Fpscr = c.R[d.Rd] & Fpscr.WritableMask;
    }
}
