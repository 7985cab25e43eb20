using M7Sim.Timing;

namespace M7Sim.Simulation;

/// <summary>
/// Event totals behind the DWT profiling counters (SystemControlSpace.DwtProfiling.cs has the mapping
/// and why): running sums of the Cortex-M7 model's counters that the DWT turns into 8-bit counters
/// by taking differences. Read only when firmware reads or rebases a counter, never per instruction.
/// </summary>
public sealed partial class Machine
{
    /// <summary>Index of each DWT profiling counter, in register order (DWT_CPICNT at 0x008 ... DWT_FOLDCNT at 0x018).</summary>
    internal const int DwtCpi = 0, DwtExc = 1, DwtSleep = 2, DwtLsu = 3, DwtFold = 4, DwtProfilingCounters = 5;

    /// <summary>Which profiling counter each stall cause feeds (FOLD and SLEEP take no stall cycles).</summary>
    private static readonly byte[] DwtCounterOfCause = BuildDwtCounterOfCause();

    /// <summary>Cycles spent asleep in WFI/WFE (SleepUntilEvent), under either timing model.</summary>
    private ulong _sleepCycles;

    /// <summary>Records <paramref name="cycles"/> of sleep (WFI/WFE in SleepUntilEvent) and passes them on.</summary>
    private ulong Slept(ulong cycles)
    {
        _sleepCycles += cycles;
        return cycles;
    }

    private static byte[] BuildDwtCounterOfCause()
    {
        var map = new byte[TimingCounters.CauseCount];
        for (int i = 0; i < map.Length; i++)
        {
            map[i] = (StallCause)i switch
            {
                StallCause.LoadUse or StallCause.BankConflict or StallCause.UnalignedAccess or StallCause.StoreBuffer => DwtLsu,
                StallCause.Exception => DwtExc,
                _ => DwtCpi,
            };
        }
        return map;
    }

    /// <summary>
    /// Events counted so far for profiling counter <paramref name="counter"/> (Dwt* above): stall cycles of
    /// its causes and extra issue cycles, sleep cycles or dual-issued instructions. Always 0 in functional mode, which has no
    /// pipeline figures, so there the counters keep the values firmware wrote.
    /// </summary>
    internal ulong DwtProfilingEvents(int counter)
    {
        if (!_m7Active) return 0;
        if (counter == DwtSleep) return _sleepCycles;
        var t = _m7.Counters;
        if (counter == DwtFold) return t.DualIssuedPairs;
        // Besides stalls, LSUCNT and CPICNT count the issue cycles of multi-cycle instructions beyond their
        // first (C1.8.7: "each additional cycle required to execute" a load/store, or another instruction).
        ulong sum = counter == DwtLsu ? t.ExtraLoadStoreCycles : counter == DwtCpi ? t.ExtraMultiCycleCycles : 0;
        for (int i = 0; i < t.StallCycles.Length; i++)
            if (DwtCounterOfCause[i] == counter) sum += t.StallCycles[i];
        return sum;
    }
}
