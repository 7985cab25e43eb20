using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace M7Sim.Memory;

/// <summary>One data access made by the current instruction, kept for the timing model and profilers.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MemAccess
{
    public uint Address;
    public byte Size;
    public bool IsWrite;
    public byte Region; // MemoryRegion.Index, 0xFF when unmapped
}

/// <summary>
/// The system bus: finds a region by the top 16 address bits and reads/writes little-endian values.
/// RAM/flash accesses are array reads; only MMIO goes through an interface call. Every data access of
/// the current instruction is appended to <see cref="Accesses"/> so the timing model can see it.
/// </summary>
internal sealed class Bus
{
    public const int MaxAccessesPerInstruction = 32;

    private readonly MemoryRegion?[] _byPage = new MemoryRegion?[65536];
    private readonly List<MemoryRegion> _regions = new();

    /// <summary>
    /// The fast path of data accesses: per 64 KB page, the array-backed region that starts it or covers
    /// it, with its bounds copied in so an access to RAM or flash costs one table entry and one array
    /// read, and no region object is touched. ReadSize/WriteSize are 0 where the fast path does not
    /// apply (MMIO, no memory, read-only or code-holding storage for writes, windows into another
    /// region's storage at an offset), so the single bounds check also routes those to the slow path.
    /// </summary>
    internal struct FastPage
    {
        public byte[]? Data;
        public uint Base, ReadSize, WriteSize;
        public byte Region;

        /// <summary>The 1, 2 or 4 bytes at <paramref name="off"/> in the page's data, little-endian (the caller checked the size).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly uint Load(uint off, int size)
        {
            ref byte b = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Data!), off);
            return size == 4 ? Unsafe.ReadUnaligned<uint>(ref b) : size == 2 ? Unsafe.ReadUnaligned<ushort>(ref b) : b;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Store(uint off, int size, uint value)
        {
            ref byte b = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Data!), off);
            if (size == 4) Unsafe.WriteUnaligned(ref b, value);
            else if (size == 2) Unsafe.WriteUnaligned(ref b, (ushort)value);
            else b = (byte)value;
        }
    }

    private readonly FastPage[] _fast = new FastPage[65536];

    /// <summary>The fast-path table itself (never replaced, only rewritten): the Cpu keeps a reference so a
    /// handler's access reaches its entry in one load from the Cpu (see <see cref="Execution.MemoryOps"/>).</summary>
    internal FastPage[] FastPages => _fast;

    /// <summary>Data accesses of the instruction executing now (reset by the run loop).</summary>
    public readonly MemAccess[] Accesses = new MemAccess[MaxAccessesPerInstruction];
    public int AccessCount;

    /// <summary>Called before a data access reaches a device, which may observe the timing model (DWT_CYCCNT,
    /// SysTick) or change it (CCR): a replayed block brings the model up to date first (CortexM7Timing.SyncReplay).</summary>
    public Action? DeviceAccess;

    /// <summary>Called when a write lands in a region holding code, so predecoded instructions can be dropped.</summary>
    public Action<uint, int>? CodeWritten;

    public IReadOnlyList<MemoryRegion> Regions => _regions;

    public void Map(MemoryRegion region)
    {
        foreach (var other in _regions)
        {
            if (region.Base < other.End && other.Base < region.End)
                throw new ArgumentException($"region {region} overlaps {other}");
        }
        region.Index = _regions.Count;
        _regions.Add(region);
        uint firstPage = region.Base >> 16, lastPage = (region.Base + region.Size - 1) >> 16;
        for (uint p = firstPage; p <= lastPage; p++)
        {
            // Several small regions may share one 64 KB page (SCS devices); the page then points at
            // the first and Find walks the list.
            _byPage[p] ??= region;
            if (_byPage[p] != region) _sharedPages.Add(p);
        }
        RefreshFastPages(region);
    }

    /// <summary>Rebuilds the fast-path entries of the pages <paramref name="region"/> owns (after it is
    /// mapped, or when it starts holding code, which takes its writes off the fast path).</summary>
    public void RefreshFastPages(MemoryRegion region)
    {
        bool fast = _mpu is null && region.Data is not null && region.DataOffset == 0 && region.Size <= region.Data.Length;
        uint firstPage = region.Base >> 16, lastPage = (region.Base + region.Size - 1) >> 16;
        for (uint p = firstPage; p <= lastPage; p++)
        {
            if (_byPage[p] != region) continue;
            _fast[p] = fast
                ? new FastPage
                {
                    Data = region.Data,
                    Base = region.Base,
                    ReadSize = region.Size,
                    WriteSize = region.ReadOnly || region.HoldsCode ? 0 : region.Size,
                    Region = (byte)region.Index,
                }
                : default;
        }
    }

    private readonly HashSet<uint> _sharedPages = new();

    /// <summary>The MPU while it is enabled, else null. Its check runs only in ReadSlow/WriteSlow: while it is
    /// set the fast page table is empty, so the fast paths cost nothing extra with the MPU off.</summary>
    private MpuChecker? _mpu;

    /// <summary>Address of the last access the MPU refused (the fault is then a MemManage DACCVIOL, not a BusFault).</summary>
    private uint _mpuDeniedAddress;
    private bool _mpuDenied;

    public void SetMpu(MpuChecker? mpu)
    {
        if (mpu == _mpu) return;
        _mpu = mpu;
        if (mpu is not null) Array.Clear(_fast);
        else foreach (var r in _regions) RefreshFastPages(r);
    }

    /// <summary>Set by LDRT/STRT around their access: the MPU and the PPB check it as unprivileged (A7.7, MemU_unpriv).</summary>
    public bool UnprivilegedAccess;

    /// <summary>True (once) when the failed access at <paramref name="address"/> was refused by the MPU.</summary>
    public bool TakeMpuDenial(uint address)
    {
        bool denied = _mpuDenied && _mpuDeniedAddress == address;
        _mpuDenied = false;
        return denied;
    }

    private bool MpuDenies(uint address, int size, bool write)
    {
        if (_mpu!.PermitsData(address, size, write, UnprivilegedAccess)) return false;
        _mpuDenied = true;
        _mpuDeniedAddress = address;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public MemoryRegion? Find(uint address)
    {
        var r = _byPage[address >> 16];
        if (r is not null && address - r.Base < r.Size) return r;
        return FindSlow(address);
    }

    private MemoryRegion? FindSlow(uint address)
    {
        if (!_sharedPages.Contains(address >> 16)) return null;
        foreach (var r in _regions)
            if (r.Contains(address)) return r;
        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Record(uint address, int size, bool write, MemoryRegion? r) =>
        Record(address, size, write, r is null ? (byte)0xFF : (byte)r.Index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Record(uint address, int size, bool write, byte region)
    {
        int n = AccessCount;
        if ((uint)n < MaxAccessesPerInstruction)
        {
            // One 8-byte store of the whole MemAccess (little-endian field order: Address, Size, IsWrite, Region).
            Unsafe.As<MemAccess, ulong>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Accesses), n)) =
                address | (ulong)(uint)size << 32 | (write ? 1UL << 40 : 0) | (ulong)region << 48;
            AccessCount = n + 1;
        }
    }

    /// <summary>Reads 1, 2 or 4 bytes. Returns false on a bus error (unmapped, device refused).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Read(uint address, int size, out uint value) =>
        TryReadFast(_fast, this, address, size, out value) || ReadSlow(address, size, out value);

    /// <summary>
    /// The fast path of <see cref="Read"/> alone, on the page table (<see cref="FastPages"/>, which the Cpu
    /// also holds): true when the access hit array-backed memory and was done (and recorded); false when
    /// it needs the full path, with nothing done. Handlers use it so that their common case makes no call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryReadFast(FastPage[] fast, Bus bus, uint address, int size, out uint value)
    {
        ref FastPage e = ref PageOf(fast, address);
        uint off = address - e.Base;
        if ((ulong)off + (uint)size <= e.ReadSize)
        {
            bus.Record(address, size, false, e.Region);
            value = e.Load(off, size);
            return true;
        }
        value = 0;
        return false;
    }

    /// <summary>The fast-path entry of <paramref name="address"/>'s 64 KB page.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ref FastPage PageOf(FastPage[] fast, uint address) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(fast), (int)(address >> 16));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool ReadSlow(uint address, int size, out uint value)
    {
        if (_mpu is not null && MpuDenies(address, size, false)) { value = 0; return false; }
        var r = Find(address);
        Record(address, size, false, r);
        if (r is not null)
        {
            uint off = address - r.Base;
            if (r.Data is { } data && off <= r.Size - (uint)size)
            {
                off += r.DataOffset;
                value = size switch
                {
                    4 => Unsafe.ReadUnaligned<uint>(ref data[off]),
                    2 => Unsafe.ReadUnaligned<ushort>(ref data[off]),
                    _ => data[off],
                };
                return true;
            }
            if (r.Device is { } dev && off <= r.Size - (uint)size)
            {
                DeviceAccess?.Invoke();
                return dev.Read(off, size, out value);
            }
        }
        value = 0;
        return false;
    }

    /// <summary>Writes 1, 2 or 4 bytes. Returns false on a bus error (unmapped, read-only, device refused).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Write(uint address, int size, uint value) =>
        TryWriteFast(_fast, this, address, size, value) || WriteSlow(address, size, value);

    /// <summary>The fast path of <see cref="Write"/> alone (see <see cref="TryReadFast"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryWriteFast(FastPage[] fast, Bus bus, uint address, int size, uint value)
    {
        ref FastPage e = ref PageOf(fast, address);
        uint off = address - e.Base;
        if ((ulong)off + (uint)size <= e.WriteSize)
        {
            bus.Record(address, size, true, e.Region);
            e.Store(off, size, value);
            return true;
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool WriteSlow(uint address, int size, uint value)
    {
        if (_mpu is not null && MpuDenies(address, size, true)) return false;
        var r = Find(address);
        Record(address, size, true, r);
        if (r is null || r.ReadOnly) return false;
        uint off = address - r.Base;
        if (off > r.Size - (uint)size) return false;
        if (r.Data is { } data)
        {
            off += r.DataOffset;
            switch (size)
            {
                case 4: Unsafe.WriteUnaligned(ref data[off], value); break;
                case 2: Unsafe.WriteUnaligned(ref data[off], (ushort)value); break;
                default: data[off] = (byte)value; break;
            }
            if (r.HoldsCode) CodeWritten?.Invoke(address, size);
            return true;
        }
        DeviceAccess?.Invoke();
        return r.Device!.Write(off, size, value);
    }

    /// <summary>Instruction fetch of one halfword (not recorded as a data access).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Fetch16(uint address, out ushort value)
    {
        var r = Find(address);
        if (r?.Data is { } data)
        {
            uint off = address - r.Base;
            if (off <= r.Size - 2) { value = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan((int)(off + r.DataOffset))); return true; }
        }
        value = 0;
        return false;
    }

    /// <summary>Debugger/loader/semihosting access: no recording, ignores read-only, no device side effects for reads of RAM.</summary>
    public bool ReadBytes(uint address, Span<byte> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            var r = Find(address + (uint)i);
            if (r is null) return false;
            if (r.Data is { } data) destination[i] = data[address + (uint)i - r.Base + r.DataOffset];
            else if (r.Device!.Read(address + (uint)i - r.Base, 1, out uint v)) destination[i] = (byte)v;
            else return false;
        }
        return true;
    }

    /// <summary>Loader/debugger write: bypasses read-only (flash programming), refuses MMIO.</summary>
    public bool WriteBytes(uint address, ReadOnlySpan<byte> source)
    {
        for (int i = 0; i < source.Length; i++)
        {
            var r = Find(address + (uint)i);
            if (r?.Data is not { } data) return false;
            data[address + (uint)i - r.Base + r.DataOffset] = source[i];
        }
        if (source.Length > 0) CodeWritten?.Invoke(address, source.Length);
        return true;
    }

    /// <summary>Convenience for non-timed code paths (semihosting, exceptions use Read for timing).</summary>
    public bool TryReadWord(uint address, out uint value)
    {
        Span<byte> b = stackalloc byte[4];
        if (!ReadBytes(address, b)) { value = 0; return false; }
        value = BinaryPrimitives.ReadUInt32LittleEndian(b);
        return true;
    }
}
