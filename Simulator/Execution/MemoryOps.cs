using System.Runtime.CompilerServices;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>
/// Memory access as instructions see it (Armv7-M ARM A3.2): MemU (unaligned allowed unless
/// CCR.UNALIGN_TRP) and MemA (aligned only). Failures set the core's fault; callers must check
/// <c>c.Fault</c> before writing registers so faults stay precise.
/// </summary>
internal static class MemoryOps
{
    /// <summary>MemU's alignment rule: aligned, or unaligned while CCR.UNALIGN_TRP is clear.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AlignmentAllows(Cpu c, uint address, int size) => (address & (uint)(size - 1)) == 0 || !c.UnalignTrap;

    /// <summary>MemU read: LDR/LDRH/LDRSH/STR/STRH (unaligned allowed unless trapping).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ReadU(Cpu c, uint address, int size)
    {
        if (!AlignmentAllows(c, address, size)) { c.Raise(FaultKind.Unaligned, address); return 0; }
        if (!c.Bus.Read(address, size, out uint v)) { c.Raise(FaultKind.PreciseBusError, address); return 0; }
        return v;
    }

    /// <summary>MemA read: LDM/LDRD/LDREX/POP (must be aligned).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ReadA(Cpu c, uint address, int size)
    {
        if ((address & (uint)(size - 1)) != 0) { c.Raise(FaultKind.Unaligned, address); return 0; }
        if (!c.Bus.Read(address, size, out uint v)) { c.Raise(FaultKind.PreciseBusError, address); return 0; }
        return v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteU(Cpu c, uint address, int size, uint value)
    {
        if (!AlignmentAllows(c, address, size)) { c.Raise(FaultKind.Unaligned, address); return; }
        if (!c.Bus.Write(address, size, value)) c.Raise(FaultKind.PreciseBusError, address);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteA(Cpu c, uint address, int size, uint value)
    {
        if ((address & (uint)(size - 1)) != 0) { c.Raise(FaultKind.Unaligned, address); return; }
        if (!c.Bus.Write(address, size, value)) c.Raise(FaultKind.PreciseBusError, address);
    }

    /// <summary>
    /// The common case of a MemU read, with no call: an access allowed by the alignment rules that hits
    /// RAM or flash. False when the caller must take the full path (<see cref="ReadU"/>), nothing done.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryReadU(Cpu c, uint address, int size, out uint value)
    {
        if (AlignmentAllows(c, address, size)) return Memory.Bus.TryReadFast(c.FastPages, c.Bus, address, size, out value);
        value = 0;
        return false;
    }

    /// <summary>The common case of a MemU write (see <see cref="TryReadU"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryWriteU(Cpu c, uint address, int size, uint value) =>
        AlignmentAllows(c, address, size) && Memory.Bus.TryWriteFast(c.FastPages, c.Bus, address, size, value);
}
