namespace M7Sim.Memory;

/// <summary>Which Cortex-M7 master interface a region sits behind; the timing model keys on it.</summary>
public enum BusInterface : byte { Itcm, Dtcm, Axim, Ahbp, Ppb }

/// <summary>What a region holds.</summary>
public enum RegionKind : byte { Ram, Flash, Mmio }

/// <summary>
/// One mapped range. RAM and flash are plain byte arrays (aliases share the array of the region they
/// mirror); MMIO goes through <see cref="Device"/>.
/// </summary>
internal sealed class MemoryRegion
{
    public required string Name { get; init; }
    public required uint Base { get; init; }
    public required uint Size { get; init; }
    public required RegionKind Kind { get; init; }
    public required BusInterface Interface { get; init; }
    /// <summary>Backing store (null for MMIO). Shared with the aliased region for aliases.</summary>
    public byte[]? Data { get; init; }
    /// <summary>Offset of this window inside <see cref="Data"/> (aliases of a part of another region).</summary>
    public uint DataOffset { get; init; }
    public IMmio? Device { get; init; }
    /// <summary>Writes from the running program fault (flash).</summary>
    public bool ReadOnly { get; init; }
    /// <summary>Index in the bus's region list; used by statistics and the timing model.</summary>
    public int Index { get; set; }
    /// <summary>The region this one is an alias of (same storage), if any.</summary>
    public MemoryRegion? AliasOf { get; init; }

    /// <summary>Set once instructions from this storage were predecoded; writes then invalidate them.</summary>
    public bool HoldsCode { get; set; }

    public uint End => Base + Size; // exclusive; regions never reach 2^32

    public bool Contains(uint address) => address - Base < Size;

    public override string ToString() => $"{Name} [0x{Base:X8}, 0x{Base + Size - 1:X8}]";
}

/// <summary>A memory-mapped device. Offsets are relative to the device's base; return false for a bus error.</summary>
internal interface IMmio
{
    bool Read(uint offset, int size, out uint value);
    bool Write(uint offset, int size, uint value);
}
