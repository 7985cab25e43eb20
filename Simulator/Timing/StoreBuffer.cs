using System.Runtime.CompilerServices;

namespace M7Sim.Timing;

/// <summary>
/// The store buffer between the store pipe and memory (timing facts 3.1 Stores): stores retire into it
/// without waiting, drain in order, and the core stalls only when all entries are still draining.
/// DTCM sub-word and unaligned stores are read-modify-write and keep their bank (word address bit 2)
/// busy; the two banks drain in parallel, which gives 4 cycles per byte store to one bank and 2 when
/// alternating. No merging of consecutive stores (facts 3.1).
/// </summary>
internal sealed class StoreBuffer
{
    private readonly long[] _end;     // drain completion per entry (ring)
    private readonly uint[] _word;    // word address per entry, for store->load forwarding hazards
    private readonly long[] _issued;
    private int _head, _count;
    private readonly int _capacity, _mask; // logical entries; ring size is the next power of two
    private long _lastStart = long.MinValue;
    private long _bank0Free = long.MinValue, _bank1Free = long.MinValue, _portFree = long.MinValue;

    public StoreBuffer(int entries)
    {
        _capacity = Math.Max(1, entries);
        int ring = 1;
        while (ring < _capacity) ring <<= 1;
        _mask = ring - 1;
        _end = new long[ring];
        _word = new uint[ring];
        _issued = new long[ring];
    }

    /// <summary>When the last buffered store completes (DSB/DMB wait for it).</summary>
    public long DrainedAt { get; private set; } = long.MinValue;

    public void Reset()
    {
        _head = _count = 0;
        _lastStart = DrainedAt = _bank0Free = _bank1Free = _portFree = long.MinValue;
    }

    /// <summary>Drops the entries drained by <paramref name="now"/> (inlined, and a loop rather than a call: most calls find none,
    /// and the replay's store test must make no call).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Retire(long now)
    {
        while (_count > 0 && _end[_head] <= now)
        {
            _head = (_head + 1) & _mask;
            _count--;
        }
    }

    /// <summary>
    /// Queues a store issued at <paramref name="now"/>. <paramref name="cycles"/> is how long it occupies
    /// its bank (TCM) or the AXI/AHB port. Returns the cycles the core had to wait for a free entry.
    /// </summary>
    public int Push(long now, uint address, int cycles, bool tcm)
    {
        Retire(now);
        int waited = 0;
        if (_count == _capacity)
        {
            long free = _end[_head];
            waited = (int)(free - now);
            now = free;
            Retire(now);
        }
        Append(now, address, cycles, tcm);
        return waited;
    }

    /// <summary><see cref="Push"/> of a TCM store when it finds a free entry (it waits for none): true when queued;
    /// false when the buffer is full (the drained entries retired, as any lookup would). Makes no call, for the replay's first test.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryPushTcm(long now, uint address, int cycles)
    {
        Retire(now);
        if (_count == _capacity) return false;
        Append(now, address, cycles, tcm: true);
        return true;
    }

    /// <summary>Queues a store with a free entry at <paramref name="now"/>: it starts draining after the store before it,
    /// when its bank (TCM) or the port is free.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Append(long now, uint address, int cycles, bool tcm)
    {
        long start = Math.Max(now + 1, _lastStart + 1);
        if (tcm)
        {
            ref long bank = ref ((address >> 2) & 1) == 0 ? ref _bank0Free : ref _bank1Free;
            start = Math.Max(start, bank);
            bank = start + cycles;
        }
        else
        {
            start = Math.Max(start, _portFree);
            _portFree = start + cycles;
        }
        _lastStart = start;
        long end = start + cycles;
        int slot = (_head + _count) & _mask;
        _end[slot] = end;
        _word[slot] = address >> 2;
        _issued[slot] = now;
        _count++;
        if (end > DrainedAt) DrainedAt = end;
    }

    /// <summary>Issue cycle of the newest store still buffered for the word at <paramref name="address"/>, or long.MinValue.
    /// Inlined (a loop over a few entries, no call): the replay's first load test asks it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long PendingStoreTo(uint address, long now)
    {
        Retire(now);
        if (_count == 0) return long.MinValue;
        uint word = address >> 2;
        long found = long.MinValue;
        for (int i = 0; i < _count; i++)
        {
            int slot = (_head + i) & _mask;
            if (_word[slot] == word) found = _issued[slot];
        }
        return found;
    }

    public bool Empty => _count == 0;

    /// <summary>Whether every buffered store has drained by <paramref name="now"/> (then they are retired, as any lookup at
    /// <paramref name="now"/> would): a load then waits for none. Without a loop, for the replay's commonest step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool DrainedBy(long now)
    {
        if (_count == 0) return true;
        if (DrainedAt > now) return false;
        _head = (_head + _count) & _mask;
        _count = 0;
        return true;
    }
}
