using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using M7Sim.Memory;

namespace M7Sim.Timing;

/// <summary>Front end (instruction fetch blocks) and data accesses of the Cortex-M7 model.</summary>
internal partial struct CortexM7Timing
{
    /// <summary>
    /// The instruction at [pc, last] left the current fetch block, or a taken branch redirected fetch. Fetch blocks are 32 bytes (flash line,
    /// cache line, ART line) or 8 bytes for uncached AXIM (one 64-bit fetch, timing facts 4 PFU). A
    /// sequential block is requested once the previous one arrived and its first instruction was
    /// reached (the 4x64-bit prefetch queue runs one block ahead); a block reached by a branch is
    /// requested when the instruction would issue.
    /// </summary>
    private void Fetch(uint pc, uint last, long want)
    {
        if (pc - _fetchRegionBase >= _fetchRegionSize) LocateFetchRegion(pc);
        _recorder?.Fetched(want);
        if (_fetchKind == MemKind.Tcm)
        {
            // Zero wait states and 64-bit fetch: never the bottleneck for a dual-issue pipeline.
            _fetchShift = 5;
            _fetchBlock = last >> 5;
            _fetchAvail = long.MinValue;
            _redirect = false;
            SetFetchWindow();
            return;
        }
        _mem.Tick();
        int shift = (_fetchKind is MemKind.AxiFlash or MemKind.AxiRam or MemKind.Device) && !_mem.ICacheOn ? 3 : 5;
        if (shift != _fetchShift) { _fetchShift = shift; _fetchBlock = uint.MaxValue; }
        uint first = pc >> shift, end = last >> shift;
        for (uint b = first; ; b++)
        {
            if (b != _fetchBlock || _redirect)
            {
                // After a taken branch the prefetch queue restarts at the target, even inside the same block.
                bool sequential = !_redirect && b == _fetchBlock + 1;
                long request = sequential ? Math.Max(_fetchAvail, _fetchFirstIssue) : want;
                // A replayed block may only meet I-cache or ART hits (it checks the lines before it starts),
                // so a recording notes whether this fetch hit; without one, nothing extra is done.
                var recorder = _recorder;
                ulong hits = recorder is null ? 0 : _ctr.ICacheHits + _ctr.ArtHits;
                long avail = _mem.FetchBlock(_fetchKind, _fetchRegion, b << shift, request, out var why);
                recorder?.FetchedBlock(b << shift, _ctr.ICacheHits + _ctr.ArtHits != hits, _fetchKind == MemKind.FlashItcm);
                _fetchBlock = b;
                _fetchAvail = avail;
                _fetchFirstIssue = want;
                _fetchCause = why;
                _redirect = false;
            }
            if (b == end) break;
        }
        SetFetchWindow();
    }

    /// <summary>Fetch restarts at the next instruction (taken branch, exception entry or return, sleep).</summary>
    private void Redirect()
    {
        _redirect = true;
        _fetchSpan = 0;
    }

    /// <summary>After a fetch: the block holding the instruction's last byte is the one instructions can continue in.</summary>
    private void SetFetchWindow()
    {
        _fetchLo = _fetchBlock << _fetchShift;
        _fetchSpan = 1u << _fetchShift;
    }

    private void LocateFetchRegion(uint pc)
    {
        var r = _bus.Find(pc);
        if (r is null)
        {
            _fetchRegionBase = pc;
            _fetchRegionSize = 0;
            _fetchKind = MemKind.Tcm; // the fetch faults; nothing to time
            _fetchRegion = -1;
            return;
        }
        _fetchRegionBase = r.Base;
        _fetchRegionSize = r.Size;
        _fetchRegion = r.Index;
        _fetchKind = _mem.Kinds[r.Index];
        _fetchBlock = uint.MaxValue;
    }

    /// <summary>
    /// Counts and times this instruction's data accesses (Bus.Accesses). Returns the cycles the pipeline
    /// stalls after issuing it (cache/flash misses, unaligned loads, store buffer full, store-to-load
    /// hazard) and their cause; the caller moves the cursor past them (<see cref="AccessStall"/>), so a
    /// replayed block can perform the accesses and compare the outcome first.
    /// </summary>
    private long Accesses(bool multiple, long issue, bool younger, out StallCause cause)
    {
        // Most accesses are one load or store to a TCM: no cache, no wait states, only the store buffer.
        if (_bus.AccessCount == 1 && !multiple)
        {
            ref var a = ref MemoryMarshal.GetArrayDataReference(_bus.Accesses);
            if (a.Region < _regions.Length)
            {
                ref var region = ref _regions[a.Region];
                if (region.Kind == MemKind.Tcm) return a.IsWrite ? TcmStore(ref region, ref a, issue, out cause) : TcmLoad(ref region, ref a, issue, younger, out cause);
            }
        }
        return AccessesGeneral(multiple, issue, younger, out cause);
    }

    /// <summary><see cref="AccessesGeneral"/> for one TCM load: only an unaligned access or a pending store to its word stalls it.</summary>
    private long TcmLoad(ref RegionCounts region, ref MemAccess a, long issue, bool younger, out StallCause cause)
    {
        region.Reads++;
        region.ReadBytes += a.Size;
        long stall = 0;
        cause = StallCause.None;
        if ((a.Address & (a.Size - 1u)) != 0)
        {
            stall = UnalignedLoadPenalty(younger);
            cause = StallCause.UnalignedAccess;
        }
        StoreToLoad(a.Address, issue, issue, ref stall, ref cause);
        return stall;
    }

    /// <summary><see cref="AccessesGeneral"/> for one TCM store: it stalls only when the store buffer is full.</summary>
    private long TcmStore(ref RegionCounts region, ref MemAccess a, long issue, out StallCause cause)
    {
        region.Writes++;
        region.WriteBytes += a.Size;
        cause = StallCause.StoreBuffer;
        return _sb.Push(issue, a.Address, TcmStoreCycles(ref a), tcm: true);
    }

    /// <summary>How long a TCM store keeps its bank busy once it drains.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly int TcmStoreCycles(ref MemAccess a)
    {
        if ((a.Address & (a.Size - 1u)) != 0) return Math.Max(1, _model.UnalignedStoreCycles);
        if (a.Size < 4) return _model.SubwordTcmBankCycles; // read-modify-write of the bank
        return _model.WordStoreCycles;
    }

    /// <summary>Extra cycles of an unaligned load issued in the younger or the older slot.</summary>
    private readonly long UnalignedLoadPenalty(bool younger) => younger ? _model.UnalignedLoadYounger : _model.UnalignedLoadOlder;

    /// <summary>A load (looked up at <paramref name="now"/>) of a word a buffered store has not written yet waits until StoreToLoad cycles after that store's issue.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly void StoreToLoad(uint address, long now, long issue, ref long stall, ref StallCause cause)
    {
        if (_sb.Empty) return;
        long st = _sb.PendingStoreTo(address, now);
        if (st != long.MinValue && st + _model.StoreToLoad > issue + stall)
        {
            stall = st + _model.StoreToLoad - issue;
            cause = StallCause.StoreBuffer;
        }
    }

    private void AccessStall(long issue, long stall, StallCause cause)
    {
        _stalls[(int)cause] += (ulong)stall;
        _t = Math.Max(_t, issue) + stall;
        _open = false;
    }

    private long AccessesGeneral(bool multiple, long issue, bool younger, out StallCause cause)
    {
        var list = _bus.Accesses;
        int n = Math.Min(_bus.AccessCount, list.Length);
        long stall = 0;
        cause = StallCause.None;
        int storeDrain = 0;
        uint storeAddress = 0;
        bool storeTcmBank = false;
        for (int i = 0; i < n; i++)
        {
            ref var a = ref list[i];
            int region = a.Region;
            bool counted = (uint)region < (uint)_regions.Length;
            bool unaligned = (a.Address & (a.Size - 1u)) != 0;
            if (!a.IsWrite)
            {
                if (counted) { _regions[region].Reads++; _regions[region].ReadBytes += a.Size; }
                long now = issue + stall;
                int s = _mem.ReadStall(region, a.Address, now, out var why);
                if (s > 0) { stall += s; cause = why; }
                if (unaligned && !multiple)
                {
                    stall += UnalignedLoadPenalty(younger);
                    cause = StallCause.UnalignedAccess;
                }
                StoreToLoad(a.Address, now, issue, ref stall, ref cause);
            }
            else
            {
                if (counted) { _regions[region].Writes++; _regions[region].WriteBytes += a.Size; }
                int drain = _mem.WriteDrainCycles(region, a.Address, issue + stall, out bool tcm);
                bool rmw = tcm && (a.Size < 4 || unaligned);
                if (unaligned) drain = Math.Max(drain, _model.UnalignedStoreCycles);
                else if (rmw) drain = _model.SubwordTcmBankCycles;
                else if (tcm) drain = _model.WordStoreCycles;
                if (multiple)
                {
                    // A multiple store takes one buffer entry; its issue cycles already pace it.
                    if (i == 0) { storeAddress = a.Address; storeTcmBank = false; }
                    storeDrain = Math.Max(storeDrain, drain);
                    continue;
                }
                int waited = _sb.Push(issue + stall, a.Address, drain, rmw || tcm);
                if (waited > 0) { stall += waited; cause = StallCause.StoreBuffer; }
            }
        }
        if (storeDrain > 0)
        {
            int waited = _sb.Push(issue + stall, storeAddress, storeDrain, storeTcmBank);
            if (waited > 0) { stall += waited; cause = StallCause.StoreBuffer; }
        }
        return stall;
    }
}
