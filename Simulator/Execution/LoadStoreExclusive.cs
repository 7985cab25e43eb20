using System.Runtime.CompilerServices;
using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>
/// LDREX/STREX of word, halfword and byte, and CLREX (A5.3.6, A3.4). One local monitor: LDREX opens it
/// for the address, STREX stores only when it is open for the same address, and every STREX (and CLREX,
/// and exception entry) closes it. Accesses are MemA: an unaligned address faults before the monitor is
/// looked at. Fields: Rn = base, Imm = offset (word forms), LDREX: Rd = Rt; STREX: Rd = status Rd, Rm = Rt.
/// </summary>
internal static class LoadStoreExclusive
{
    public static void Ldrex(Cpu c, ref DecodedInst d) => Load(c, ref d, 4);
    public static void Ldrexh(Cpu c, ref DecodedInst d) => Load(c, ref d, 2);
    public static void Ldrexb(Cpu c, ref DecodedInst d) => Load(c, ref d, 1);

    public static void Strex(Cpu c, ref DecodedInst d) => Store(c, ref d, 4);
    public static void Strexh(Cpu c, ref DecodedInst d) => Store(c, ref d, 2);
    public static void Strexb(Cpu c, ref DecodedInst d) => Store(c, ref d, 1);

    /// <summary>CLREX: ClearExclusiveLocal.</summary>
    public static void Clrex(Cpu c, ref DecodedInst d) => c.ExclusiveOpen = false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Load(Cpu c, ref DecodedInst d, int size)
    {
        uint a = c.R[d.Rn] + d.Imm;
        uint v = MemoryOps.ReadA(c, a, size);
        if (c.Fault != FaultKind.None) return;
        c.ExclusiveOpen = true;
        c.ExclusiveAddress = a;
        c.R[d.Rd] = v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Cpu c, ref DecodedInst d, int size)
    {
        uint a = c.R[d.Rn] + d.Imm;
        if ((a & (uint)(size - 1)) != 0) { c.Raise(FaultKind.Unaligned, a); return; }
        if (c.ExclusiveOpen && c.ExclusiveAddress == a)
        {
            MemoryOps.WriteA(c, a, size, c.R[d.Rm]);
            if (c.Fault != FaultKind.None) return;
            c.ExclusiveOpen = false;
            c.R[d.Rd] = 0;
        }
        else
        {
            c.ExclusiveOpen = false;
            c.R[d.Rd] = 1;
        }
    }
}
