using System.Runtime.CompilerServices;
using M7Sim.Decoding;
using M7Sim.Memory;

namespace M7Sim.Simulation;

/// <summary>
/// Predecoded instructions per code region, indexed by (pc - base) >> 1 in 4 KB pages allocated on
/// first execution. A write into a page that holds decoded code drops that page.
/// </summary>
internal sealed class DecodeCache
{
    /// <summary>Pages cover 4 KB of addresses; regions start on 4 KB boundaries (checked when a region is
    /// first used), so a page boundary is an address boundary and the run loop can step to the next slot
    /// of the same page without a lookup.</summary>
    public const int PageShift = 12;
    private const int EntriesPerPage = 1 << (PageShift - 1);

    private readonly Dictionary<int, DecodedInst[]?[]> _pagesByRegion = new();
    private readonly Bus _bus;

    public DecodeCache(Bus bus) => _bus = bus;

    // Fast path: the region of the last fetch (_size 0 while every lookup must be checked).
    private uint _base = 1, _size, _regionSize;
    private DecodedInst[]?[] _pages = [];

    /// <summary>The MPU while it is enabled: every lookup then takes the slow path, which asks it
    /// whether the instruction may be fetched (see Machine.Mpu.cs).</summary>
    private MpuChecker? _mpu;

    public void CheckFetches(MpuChecker? mpu)
    {
        _mpu = mpu;
        _size = mpu is null ? _regionSize : 0;
    }

    /// <summary>
    /// The slot of the instruction at <paramref name="pc"/>; a null ref when nothing can be fetched there:
    /// outside fetchable memory, or an odd address (EPSR.T clear, see Cpu.ThumbClear). The run loop then
    /// takes its slow path, so it tests neither case itself.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref DecodedInst Slot(uint pc)
    {
        uint off = pc - _base;
        if (off < _size && (pc & 1) == 0)
        {
            var page = _pages[off >> PageShift];
            if (page is not null) return ref page[(off & ((1 << PageShift) - 1)) >> 1];
        }
        return ref SlotSlow(pc);
    }

    /// <summary>Null ref when <paramref name="pc"/> is not in memory instructions can be fetched from.</summary>
    private ref DecodedInst SlotSlow(uint pc)
    {
        if ((pc & 1) != 0) return ref Unsafe.NullRef<DecodedInst>();
        // Instructions the MPU or the default map's execute-never rule (B3.1) forbid are not fetchable:
        // the run loop then asks Machine.FetchFault which fault that is.
        if (_mpu is not null ? !_mpu.PermitsInstruction(_bus, pc) : !MpuChecker.DefaultExecutable(pc))
            return ref Unsafe.NullRef<DecodedInst>();
        uint cached = pc - _base; // the fast path's region, also while the MPU keeps _size at 0
        if (cached < _regionSize && _pages[cached >> PageShift] is { } known)
            return ref known[(cached & ((1 << PageShift) - 1)) >> 1];
        var r = _bus.Find(pc);
        if (r?.Data is null) return ref Unsafe.NullRef<DecodedInst>();
        if ((r.Base & ((1u << PageShift) - 1)) != 0)
            throw new InvalidOperationException($"code region {r} does not start on a {1 << PageShift}-byte boundary");
        if (!_pagesByRegion.TryGetValue(r.Index, out var pages))
            _pagesByRegion[r.Index] = pages = new DecodedInst[]?[(r.Size + (1u << PageShift) - 1) >> PageShift];
        // The fast path skips the execute-never check, so only regions wholly inside one 512 MB block
        // of the default map (all executable, as pc is) get it.
        bool oneBlock = ((r.Base ^ (r.Base + r.Size - 1)) >> 29) == 0;
        _base = r.Base; _regionSize = oneBlock ? r.Size : 0; _pages = pages;
        _size = _mpu is null ? _regionSize : 0;
        foreach (var other in _bus.Regions)
            if (other.Data == r.Data && !other.HoldsCode)
            {
                other.HoldsCode = true;
                _bus.RefreshFastPages(other); // writes to it must now reach CodeWritten
            }
        uint off = pc - r.Base;
        var page = pages[off >> PageShift] ??= new DecodedInst[EntriesPerPage];
        return ref page[(off & ((1 << PageShift) - 1)) >> 1];
    }

    /// <summary>Drops decoded pages overlapping a written range (self-modifying code, loaders).</summary>
    public void Invalidate(uint address, int length)
    {
        // Aliases share storage: drop the page in every region that maps the same bytes.
        var r = _bus.Find(address);
        if (r is null) return;
        foreach (var region in _bus.Regions)
        {
            if (!_pagesByRegion.TryGetValue(region.Index, out var pages)) continue;
            if (region.Data != r.Data) continue;
            long storageStart = address - r.Base + r.DataOffset;
            long start = storageStart - region.DataOffset - 2; // an instruction may start 2 bytes before
            long end = storageStart - region.DataOffset + length;
            for (long p = Math.Max(0, start) >> PageShift; p <= end >> PageShift && p < pages.Length; p++)
                pages[p] = null;
        }
    }

    public bool HasDecodedPages => _pagesByRegion.Values.Any(p => p.Any(x => x is not null));
}
