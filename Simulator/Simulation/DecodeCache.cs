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

    // Fast path: the region of the last fetch.
    private uint _base = 1, _size;
    private DecodedInst[]?[] _pages = [];

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
        var r = _bus.Find(pc);
        if (r?.Data is null) return ref Unsafe.NullRef<DecodedInst>();
        if ((r.Base & ((1u << PageShift) - 1)) != 0)
            throw new InvalidOperationException($"code region {r} does not start on a {1 << PageShift}-byte boundary");
        if (!_pagesByRegion.TryGetValue(r.Index, out var pages))
            _pagesByRegion[r.Index] = pages = new DecodedInst[]?[(r.Size + (1u << PageShift) - 1) >> PageShift];
        _base = r.Base; _size = r.Size; _pages = pages;
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
