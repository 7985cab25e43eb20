using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>VCMP / VCMPE (ARM ARM A7.7): compare Rd with Rm or with +0.0, result in FPSCR.NZCV.</summary>
internal static class VfpCompare
{
    /// <summary>Imm bit 0 = E (VCMPE: quiet NaNs also signal Invalid Operation); bit 1 = compare with #0.0 (Rm unused).</summary>
    public static void Vcmp(Cpu c, ref DecodedInst d)
    {
        if (!Vfp.Check(c)) return;
        bool dbl = Vfp.IsDouble(d);
        ulong op2 = (d.Imm & 2) != 0 ? 0 : Vfp.Read(c, d.Rm, dbl);
        uint nzcv = SoftFloat.Compare(Vfp.Read(c, d.Rd, dbl), op2, dbl ? 64 : 32, (d.Imm & 1) != 0, ref c.Fpscr);
        c.Fpscr = (c.Fpscr & 0x0FFF_FFFFu) | (nzcv << 28);
    }
}
