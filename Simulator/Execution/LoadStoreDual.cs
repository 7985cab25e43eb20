using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>
/// LDRD/STRD (A5.3.6): Rd = Rt, Ra = Rt2, Rn = base, Imm = signed offset, Imm2 = LoadStore.Index | LoadStore.Writeback.
/// Both words are MemA (word aligned or UNALIGNED fault); registers change only after both accesses succeed.
/// </summary>
internal static class LoadStoreDual
{
    public static void Ldrd(Cpu c, ref DecodedInst d)
    {
        uint a = LoadStore.ImmAddress(c, d.Rn, d.Imm, d.Imm2, out uint updated);
        uint lo = MemoryOps.ReadA(c, a, 4);
        if (c.Fault != FaultKind.None) return;
        uint hi = MemoryOps.ReadA(c, a + 4, 4);
        if (c.Fault != FaultKind.None) return;
        LoadStore.WriteBack(c, d.Rn, d.Imm2, updated);
        c.R[d.Rd] = lo;
        c.R[d.Ra] = hi;
    }

    /// <summary>LDRD Rt, Rt2, [PC, #±imm]: base Align(PC, 4), never written back.</summary>
    public static void LdrdLit(Cpu c, ref DecodedInst d)
    {
        uint a = (c.R[15] & ~3u) + d.Imm;
        uint lo = MemoryOps.ReadA(c, a, 4);
        if (c.Fault != FaultKind.None) return;
        uint hi = MemoryOps.ReadA(c, a + 4, 4);
        if (c.Fault != FaultKind.None) return;
        c.R[d.Rd] = lo;
        c.R[d.Ra] = hi;
    }

    public static void Strd(Cpu c, ref DecodedInst d)
    {
        uint a = LoadStore.ImmAddress(c, d.Rn, d.Imm, d.Imm2, out uint updated);
        MemoryOps.WriteA(c, a, 4, c.R[d.Rd]);
        if (c.Fault != FaultKind.None) return;
        MemoryOps.WriteA(c, a + 4, 4, c.R[d.Ra]);
        if (c.Fault != FaultKind.None) return;
        LoadStore.WriteBack(c, d.Rn, d.Imm2, updated);
    }
}
