using System.Numerics;
using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>
/// LDM/STM increment-after and decrement-before, with PUSH/POP as their SP forms (A5.2.4, A5.2.5, A5.3.5).
/// Fields: Rn = base, Imm = register list (bit i = Ri), Imm2 = 1 when the base is written back.
/// Every access is MemA (word aligned or UNALIGNED fault). Loads read the whole list before writing any
/// register, so a fault part-way leaves the registers untouched (precise); stores may have written
/// the words before the faulting one, which the architecture allows.
/// </summary>
internal static class LoadStoreMultiple
{
    /// <summary>LDM/LDMIA/LDMFD and POP: lowest register from the lowest address, starting at Rn.</summary>
    public static void Ldm(Cpu c, ref DecodedInst d)
    {
        uint start = c.R[d.Rn];
        uint bytes = (uint)BitOperations.PopCount(d.Imm) * 4;
        Load(c, ref d, start, start + bytes);
    }

    /// <summary>LDMDB/LDMEA: the block ends just below Rn.</summary>
    public static void Ldmdb(Cpu c, ref DecodedInst d)
    {
        uint start = c.R[d.Rn] - (uint)BitOperations.PopCount(d.Imm) * 4;
        Load(c, ref d, start, start);
    }

    /// <summary>STM/STMIA/STMEA.</summary>
    public static void Stm(Cpu c, ref DecodedInst d)
    {
        uint start = c.R[d.Rn];
        uint bytes = (uint)BitOperations.PopCount(d.Imm) * 4;
        Store(c, ref d, start, start + bytes);
    }

    /// <summary>STMDB/STMFD and PUSH.</summary>
    public static void Stmdb(Cpu c, ref DecodedInst d)
    {
        uint start = c.R[d.Rn] - (uint)BitOperations.PopCount(d.Imm) * 4;
        Store(c, ref d, start, start);
    }

    private static void Load(Cpu c, ref DecodedInst d, uint address, uint newBase)
    {
        uint list = d.Imm;
        if ((list & 0x8000) != 0 && !LoadStore.PcLoadAllowedInIt(c)) return;
        Span<uint> values = stackalloc uint[16];
        uint a = address;
        for (uint rest = list; rest != 0; rest &= rest - 1)
        {
            int i = BitOperations.TrailingZeroCount(rest);
            values[i] = MemoryOps.ReadA(c, a, 4);
            if (c.Fault != FaultKind.None) return;
            a += 4;
        }
        // Writeback is never combined with Rn in the list (UNPREDICTABLE, or no writeback for LDM T1),
        // so the order of these writes cannot matter.
        if (d.Imm2 != 0) c.R[d.Rn] = newBase;
        for (uint rest = list & 0x7FFF; rest != 0; rest &= rest - 1)
        {
            int i = BitOperations.TrailingZeroCount(rest);
            c.R[i] = values[i];
        }
        if ((list & 0x8000) != 0) c.BranchExchange(values[15]);
    }

    private static void Store(Cpu c, ref DecodedInst d, uint address, uint newBase)
    {
        uint a = address;
        for (uint rest = d.Imm; rest != 0; rest &= rest - 1)
        {
            int i = BitOperations.TrailingZeroCount(rest);
            // A base register in the list stores its original value (STM T1 with Rn lowest; other cases are UNPREDICTABLE).
            MemoryOps.WriteA(c, a, 4, c.R[i]);
            if (c.Fault != FaultKind.None) return;
            a += 4;
        }
        if (d.Imm2 != 0) c.R[d.Rn] = newBase;
    }
}
