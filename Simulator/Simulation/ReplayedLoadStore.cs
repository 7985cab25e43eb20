using System.Reflection;
using System.Runtime.CompilerServices;
using M7Sim.Decoding;
using M7Sim.Execution;
using M7Sim.Isa;
using M7Sim.Memory;
using M7Sim.Timing;

namespace M7Sim.Simulation;

/// <summary>
/// Loads and stores with an immediate offset as a block's replay path runs them (BlockCompiler.EmitReplay): the
/// handler and the model's check of its access in one call. On the replay path an access is mostly a formality:
/// the trace already holds its timing, and the model only confirms the access is the kind it recorded (a TCM
/// access, a D-cache hit, no stall). Run apart, the handler records the access in the bus's list and the model
/// reads it back in a second call; here the address is computed once, the model's short path
/// (CortexM7Timing.ReplaySettles) judges the access before it is made, and only then is it made, with no record.
/// When the short path declines (a page the fast table does not hold, a trapping unaligned access, an outcome
/// other than the trace's), the instruction runs as before: the handler, then CortexM7Timing.ReplayAccess, so
/// every case off the short path is the interpreter's and the model's general code.
/// The register numbers and addressing bits come packed in <c>fields</c> (<see cref="Pack"/>), so that a call
/// passes its six arguments in registers; the access width is a type argument, so each form is compiled with it constant.
/// </summary>
internal static unsafe class ReplayedLoadStore
{
    /// <summary>Each handler this class replays, with its replayed form.</summary>
    public static readonly Dictionary<nint, MethodInfo> Forms = new()
    {
        [Entry(&LoadStore.LdrImm)] = Form(nameof(Load), typeof(Word)),
        [Entry(&LoadStore.LdrhImm)] = Form(nameof(Load), typeof(Half)),
        [Entry(&LoadStore.LdrbImm)] = Form(nameof(Load), typeof(Byte)),
        [Entry(&LoadStore.LdrshImm)] = Form(nameof(Load), typeof(SignedHalf)),
        [Entry(&LoadStore.LdrsbImm)] = Form(nameof(Load), typeof(SignedByte)),
        [Entry(&LoadStore.StrImm)] = Form(nameof(Store), typeof(Word)),
        [Entry(&LoadStore.StrhImm)] = Form(nameof(Store), typeof(Half)),
        [Entry(&LoadStore.StrbImm)] = Form(nameof(Store), typeof(Byte)),
    };

    private static nint Entry(delegate*<Cpu, ref DecodedInst, void> handler) => (nint)handler;

    private static MethodInfo Form(string name, Type width) => typeof(ReplayedLoadStore).GetMethod(name)!.MakeGenericMethod(width);

    /// <summary>Whether the replay path may run <paramref name="d"/> through its replayed form: the forms cover
    /// neither the PC as base or target (other handlers, other rules) nor encodings with other addressing bits.</summary>
    public static bool Covers(ref DecodedInst d) =>
        Forms.ContainsKey((nint)d.Exec) && d.Rn != 15 && d.Rd != 15 && (d.Imm2 & ~(LoadStore.Index | LoadStore.Writeback)) == 0;

    /// <summary>Rn in bits 0-3, Rt in bits 4-7, the Index and Writeback bits from bit 8.</summary>
    public static int Pack(ref DecodedInst d) => d.Rn | d.Rd << 4 | (int)d.Imm2 << 8;

    /// <summary>The width of an access and how a load extends it; a type argument, so that each form is compiled for its own.</summary>
    public interface IWidth
    {
        static abstract int Size { get; }
        static abstract bool Signed { get; }
    }

    public struct Word : IWidth { public static int Size => 4; public static bool Signed => false; }
    public struct Half : IWidth { public static int Size => 2; public static bool Signed => false; }
    public struct Byte : IWidth { public static int Size => 1; public static bool Signed => false; }
    public struct SignedHalf : IWidth { public static int Size => 2; public static bool Signed => true; }
    public struct SignedByte : IWidth { public static int Size => 1; public static bool Signed => true; }

    /// <summary>LoadStore.LoadImm's fast path, with the model's short path between finding the page and reading it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Load<T>(Cpu c, ref CortexM7Timing t, ref DecodedInst slot, int j, int fields, uint imm) where T : struct, IWidth
    {
        ref Bus.FastPage page = ref Target(c, fields, imm, out uint a, out uint off, out uint updated);
        if ((ulong)off + (uint)T.Size > page.ReadSize || !Settles(c, ref t, j, a, T.Size, false, page.Region)) return LoadApart<T>(c, ref t, ref slot, j);
        uint v = page.Load(off, T.Size);
        WriteBack(c, fields, updated);
        c.R[(fields >> 4) & 15] = LoadStore.Extend(v, T.Size, T.Signed);
        return CortexM7Timing.ReplayGoOn;
    }

    /// <summary>LoadStore.StoreImm's fast path, likewise.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Store<T>(Cpu c, ref CortexM7Timing t, ref DecodedInst slot, int j, int fields, uint imm) where T : struct, IWidth
    {
        ref Bus.FastPage page = ref Target(c, fields, imm, out uint a, out uint off, out uint updated);
        if ((ulong)off + (uint)T.Size > page.WriteSize || !Settles(c, ref t, j, a, T.Size, true, page.Region)) return StoreApart<T>(c, ref t, ref slot, j);
        page.Store(off, T.Size, c.R[(fields >> 4) & 15]);
        WriteBack(c, fields, updated);
        return CortexM7Timing.ReplayGoOn;
    }

    /// <summary>The fast-table page of the address <paramref name="a"/> the access uses (LoadStore.ImmAddress), its offset
    /// in the page, and the base plus offset for the writeback.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref Bus.FastPage Target(Cpu c, int fields, uint imm, out uint a, out uint off, out uint updated)
    {
        a = LoadStore.ImmAddress(c, fields & 15, imm, (uint)fields >> 8, out updated);
        ref Bus.FastPage page = ref Bus.PageOf(c.FastPages, a);
        off = a - page.Base;
        return ref page;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteBack(Cpu c, int fields, uint updated) => LoadStore.WriteBack(c, fields & 15, (uint)fields >> 8, updated);

    /// <summary>The access is allowed (MemU's alignment rule) and the model's short path settles it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Settles(Cpu c, ref CortexM7Timing t, int j, uint address, int size, bool write, byte region)
    {
        if (!MemoryOps.AlignmentAllows(c, address, size)) return false;
        var access = new MemAccess { Address = address, Size = (byte)size, IsWrite = write, Region = region };
        return t.ReplaySettles(c, j, ref access);
    }

    /// <summary>The load as the replay path runs any other instruction: its handler with an empty access list, then the model's check.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int LoadApart<T>(Cpu c, ref CortexM7Timing t, ref DecodedInst slot, int j) where T : struct, IWidth
    {
        Begin(c, ref t, j);
        LoadStore.LoadImm(c, slot.Rd, slot.Rn, slot.Imm, slot.Imm2, T.Size, T.Signed);
        return t.ReplayAccess(c, j);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int StoreApart<T>(Cpu c, ref CortexM7Timing t, ref DecodedInst slot, int j) where T : struct, IWidth
    {
        Begin(c, ref t, j);
        LoadStore.StoreImm(c, slot.Rd, slot.Rn, slot.Imm, slot.Imm2, T.Size);
        return t.ReplayAccess(c, j);
    }

    /// <summary>What the block does before any other instruction it checks: empties the access list and says which step runs.</summary>
    private static void Begin(Cpu c, ref CortexM7Timing t, int j)
    {
        c.Bus.AccessCount = 0;
        t.ReplayAt = j;
    }
}
