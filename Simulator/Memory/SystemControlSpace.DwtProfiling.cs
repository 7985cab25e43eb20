using M7Sim.Simulation;

namespace M7Sim.Memory;

/// <summary>
/// DWT profiling counters (Armv7-M ARM C1.8): DWT_CPICNT, EXCCNT, SLEEPCNT, LSUCNT and FOLDCNT at
/// 0x008-0x018. Each is an 8-bit counter that wraps; it counts while DEMCR.TRCENA and its DWT_CTRL
/// enable bit (CPIEVTENA 17, EXCEVTENA 18, SLEEPEVTENA 19, LSUEVTENA 20, FOLDEVTENA 21) are set, is
/// cleared when that bit goes from 0 to 1, and a write sets its value. Like CYCCNT, a counter is
/// computed when read: the value at its base plus the events since then, rebased whenever its running
/// condition or its value changes, so nothing is done per instruction.
///
/// What the ARM ARM says each counts, and where the Cortex-M7 model's figures (Machine.Dwt.cs) go:
/// - CPICNT, cycles of multi-cycle instructions beyond the first and instruction fetch stalls, other
///   than those counted by the four below: the extra issue cycles of multi-cycle instructions that are
///   not loads or stores, and the model's other stall cycles (dependencies, multiply,
///   divide, FP, early operands, pairing refused by an issue rule, branch mispredicts and redirects,
///   serialising system instructions, flash wait states and cache misses). The model charges flash
///   wait and cache-miss stalls to one cause for fetch and data alike; they go here because the ARM
///   ARM puts fetch stalls here, so data-side misses (D-cache, uncached AXI data) read as CPI rather
///   than LSU cycles.
/// - EXCCNT, cycles of exception entry and return: the model's exception stacking/unstacking cycles.
///   The return cost is charged at the first instruction after the return retires, so a read by that
///   very instruction does not see it yet.
/// - SLEEPCNT, cycles asleep: the cycles WFI/WFE skip waiting for the wake-up event.
/// - LSUCNT, cycles of load/store instructions beyond the first: the extra issue cycles of
///   LDM/STM/PUSH/POP, LDRD/STRD, VLDM/VSTM and TBB/TBH beyond their first, and load-use, bank-conflict,
///   unaligned access and store-buffer stalls.
/// - FOLDCNT, instructions that took no cycle of their own: instructions dual-issued in the younger slot.
/// The model counts a refused pairing as a stall of the younger instruction, so CPICNT + LSUCNT can
/// exceed CYCCNT - instructions + FOLDCNT; the ARM ARM calls that relation approximate anyway.
/// In functional mode (--timing none) there are no pipeline figures: the counters keep the values written.
/// </summary>
internal sealed partial class SystemControlSpace
{
    private const int DwtCtrlEvtenaShift = 17; // CPIEVTENA; the other four follow in register order

    private readonly uint[] _prfBase = new uint[Machine.DwtProfilingCounters];         // counter value at _prfBaseEvents
    private readonly ulong[] _prfBaseEvents = new ulong[Machine.DwtProfilingCounters]; // Machine.DwtProfilingEvents then

    private void ResetDwtProfiling()
    {
        Array.Clear(_prfBase);
        Array.Clear(_prfBaseEvents);
    }

    private bool ProfilingRunning(int counter) =>
        (_demcr & DemcrTrcena) != 0 && (_dwtCtrl & (1u << (DwtCtrlEvtenaShift + counter))) != 0;

    /// <summary>The 8-bit value of profiling counter <paramref name="counter"/> (Machine.DwtCpi ... DwtFold) now.</summary>
    private uint ProfilingCount(int counter) => !ProfilingRunning(counter) ? _prfBase[counter]
        : (_prfBase[counter] + (uint)(_m.DwtProfilingEvents(counter) - _prfBaseEvents[counter])) & 0xFF;

    /// <summary>Freezes a profiling counter's value (or sets it) before its running condition or value changes.</summary>
    private void RebaseProfiling(int counter, uint value)
    {
        _prfBase[counter] = value & 0xFF;
        _prfBaseEvents[counter] = _m.DwtProfilingEvents(counter);
    }

    /// <summary>Before DEMCR.TRCENA or DWT_CTRL changes: every DWT counter keeps its value so far.</summary>
    private void RebaseDwtCounters()
    {
        RebaseCycCnt();
        for (int i = 0; i < Machine.DwtProfilingCounters; i++) RebaseProfiling(i, ProfilingCount(i));
    }

    /// <summary>DWT_CTRL was written (counters already rebased): an enable bit going from 0 to 1 clears its counter (C1.8).</summary>
    private void ProfilingEnablesChanged(uint oldCtrl)
    {
        uint rose = _dwtCtrl & ~oldCtrl;
        for (int i = 0; i < Machine.DwtProfilingCounters; i++)
            if ((rose & (1u << (DwtCtrlEvtenaShift + i))) != 0) RebaseProfiling(i, 0);
    }

    private void WriteProfilingCounter(int counter, uint value, uint mask) =>
        RebaseProfiling(counter, Merge(ProfilingCount(counter), value, mask));
}
