using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using M7Sim.Decoding;
using M7Sim.Execution;
using M7Sim.Isa;
using M7Sim.Timing;

namespace M7Sim.Simulation;

public sealed partial class Machine
{
    private FunctionalTiming _functional;
    private CortexM7Timing _m7;
    private bool _m7Active;

    /// <summary>Cycles since reset under the active timing model (1 per instruction in functional mode).
    /// DWT CYCCNT and SysTick count these.</summary>
    public ulong Cycles => _m7Active ? _m7.Cycles : _functional.Cycles;

    /// <summary>Earliest cycle at which a timer (SysTick) needs servicing; ulong.MaxValue when none.</summary>
    internal ulong NextTimerEvent
    {
        get => _nextTimerEvent;
        set
        {
            _nextTimerEvent = value;
            UpdateEventAt();
        }
    }

    private ulong _nextTimerEvent = ulong.MaxValue;

    /// <summary>Recomputes Cpu.EventAt, the run loop's single test for timer events and pending checks.</summary>
    private void UpdateEventAt() =>
        Cpu.EventAt = Cpu.InterruptCheck || Cpu.ExceptionReturnRequested ? 0 : _nextTimerEvent;

    /// <summary>Diagnostic for the last stop (fault description, hang location).</summary>
    public string StopMessage { get; private set; } = "";

    private void ResetTiming()
    {
        _functional = default;
        EnsureTimingModel();
        if (_m7Active) _m7.Reset();
        NextTimerEvent = ulong.MaxValue;
        Cpu.InterruptCheck = false;
    }

    /// <summary>Runs until the firmware exits, faults without a handler, hangs, or <paramref name="maxInstructions"/> retire.</summary>
    public RunResult Run(ulong maxInstructions = ulong.MaxValue)
    {
        ulong limit = maxInstructions == ulong.MaxValue ? ulong.MaxValue : Instructions + maxInstructions;
        var tracer = default(Profiling.NoTracer);
        EnsureTimingModel();
        var reason = _m7Active ? RunCore(ref _m7, ref tracer, limit) : RunCore(ref _functional, ref tracer, limit);
        return new RunResult(reason, Cpu.ExitCode, Instructions, Cycles, StopMessage);
    }

    /// <summary>Runs like <see cref="Run"/> with every retired instruction reported to <paramref name="tracer"/>.</summary>
    internal RunResult Run<TTracer>(ref TTracer tracer, ulong maxInstructions) where TTracer : struct, Profiling.ITracer
    {
        ulong limit = maxInstructions == ulong.MaxValue ? ulong.MaxValue : Instructions + maxInstructions;
        EnsureTimingModel();
        var reason = _m7Active ? RunCore(ref _m7, ref tracer, limit) : RunCore(ref _functional, ref tracer, limit);
        return new RunResult(reason, Cpu.ExitCode, Instructions, Cycles, StopMessage);
    }

    /// <summary>
    /// The hot loop, specialised per timing model and tracer by the JIT (both are structs). Only the
    /// common path lives here; everything rare (decoding, faults, IT blocks, exception return, timer
    /// events, hang detection) is in separate methods so the JIT keeps the loop's state in registers.
    /// No try/finally: a local live into a handler would be written to the stack on every update.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe StopReason RunCore<TTiming, TTracer>(ref TTiming timing, ref TTracer tracer, ulong limit)
        where TTiming : struct, ITimingModel where TTracer : struct, Profiling.ITracer
    {
        // Few values live across the handler call, so that they stay in callee-saved registers: the
        // Cpu, the timing model, the instructions left, pc and its slot. The bus and the decode cache
        // are reached through fields; the instruction count is limit - left.
        var c = Cpu;
        ulong left = limit - Instructions;
        // pc and its slot are carried from one instruction to the next: straight-line code steps to the
        // neighbouring slot of the same decode page; only branches, page crossings and the slow paths
        // (which may move c.Pc or invalidate decoded code) look the slot up again.
        uint pc = c.Pc;
        ref DecodedInst d = ref Cache.Slot(pc);
        while (true)
        {
            // Before each instruction, hence after exception return and entry (a stop never lands on an
            // EXC_RETURN value) and also after the paths that handle a fault, a semihosting call or
            // an SVC and go straight to the next instruction. Tracers answer false when the run starts.
            // Ahead of the limit, so a run in slices never steps over a breakpoint at a slice boundary.
            if (tracer.StopRequested) return DebuggerStop(limit - left);
            if (left == 0) return LimitStop(limit);
            if (Unsafe.IsNullRef(ref d) || d.Exec == null) // unfetchable (incl. odd pc: see Slot) or not decoded yet
            {
                Instructions = limit - left;
                if (!PrepareSlow(ref d, pc))
                {
                    var stop = HandleFault(ref timing);
                    if (stop is { } s) return s;
                    pc = c.Pc;
                    d = ref Cache.Slot(pc);
                    continue;
                }
            }
            // Runs without a tracer enter compiled straight-line blocks (Machine.Blocks.cs) where they are
            // safe: outside IT blocks, with room before the instruction limit and, in functional mode (where
            // a block tests for events only after what can bring one forward), before the next event.
            if (typeof(TTracer) == typeof(Profiling.NoTracer))
            {
                ushort id = d.BlockId;
                if ((ushort)(id - 1) < DecodedInst.NoBlock - 1)
                {
                    if (c.ItState == 0 && left >= BlockCompiler.MaxInstructions
                        && (typeof(TTiming) != typeof(FunctionalTiming) || timing.Cycles + BlockCompiler.MaxInstructions < c.EventAt))
                    {
                        int k;
                        if (typeof(TTiming) == typeof(FunctionalTiming)) k = _blocks[id]!(c, ref d, ref Unsafe.As<TTiming, FunctionalTiming>(ref timing));
                        else
                        {
                            ref CortexM7Timing m7 = ref Unsafe.As<TTiming, CortexM7Timing>(ref timing);
                            m7.ChainLeft = left; // a block that loops to itself goes on while the limit allows
                            k = _timedBlocks[id]!(c, ref d, ref m7, ref MemoryMarshal.GetArrayDataReference(_timedFacts[id]));
                        }
                        left -= (ulong)k;
                        BlockInstructions += (ulong)k;
                        // On as if the interpreter had just run the block's last instruction.
                        uint last = c.Pc;
                        d = ref Unsafe.Add(ref d, (int)((last - pc) >> 1));
                        pc = last;
                        goto Retired;
                    }
                }
                else if (id == 0 && BlockThreshold != 0 && ++d.Heat >= BlockThreshold) CompileBlock(ref d, pc);
            }
            c.R[15] = pc + 4;
            c.NextPc = pc + d.Size;
            // The list of this instruction's data accesses is for the timing model and tracers; a plain
            // functional run leaves it full, so the bus stops recording (the JIT folds this test away).
            if (typeof(TTiming) != typeof(FunctionalTiming) || typeof(TTracer) != typeof(Profiling.NoTracer)) c.Bus.AccessCount = 0;
            left--;
            if (c.ItState == 0)
            {
                d.Exec(c, ref d);
                timing.Retire(c, ref d, true);
                tracer.Retire(c, ref d, pc, true);
            }
            else
            {
                bool executed = ExecuteInItBlock(c, ref d);
                timing.Retire(c, ref d, executed);
                tracer.Retire(c, ref d, pc, executed);
            }
        Retired:
            uint next = c.NextPc;
            if (c.Fault != FaultKind.None)
            {
                Instructions = limit - left;
                var stop = HandleFault(ref timing);
                if (stop is { } s) return s;
                pc = c.Pc;
                d = ref Cache.Slot(pc);
                continue;
            }
            // A branch to itself (one skipped by its IT condition goes on to pc + size, never to pc).
            if (next == pc && d.Class == TimingClass.Branch && SpinsForever(pc))
            {
                Instructions = limit - left;
                return LastFault is null ? StopReason.Hang : StopReason.Fault;
            }
            c.Pc = next;
            // EventAt stands for a due timer, an exception return and InterruptCheck (see Cpu.EventAt);
            // InterruptCheck is also raised when code memory is written, so a stale slot is never reused.
            if (timing.Cycles >= c.EventAt)
            {
                Instructions = limit - left;
                var stop = BetweenInstructions(ref timing);
                if (stop is { } s) return s;
                pc = c.Pc;
                d = ref Cache.Slot(pc);
                continue;
            }
            uint size = d.Size;
            if (next == pc + size && ((next ^ pc) >> DecodeCache.PageShift) == 0) d = ref Unsafe.Add(ref d, (int)(size >> 1));
            else d = ref Cache.Slot(next);
            pc = next;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private StopReason DebuggerStop(ulong count)
    {
        Instructions = count;
        StopMessage = $"debugger stop at {Symbols.Describe(Cpu.Pc)}";
        return StopReason.DebugHalt;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private StopReason LimitStop(ulong count)
    {
        Instructions = count;
        StopMessage = $"instruction limit reached at {Symbols.Describe(Cpu.Pc)}";
        return StopReason.InstructionLimit;
    }

    /// <summary>
    /// The slot at <paramref name="pc"/> cannot run as it is: an unfetchable or odd address raises the
    /// instruction fetch fault (INVSTATE when the odd bit marks EPSR.T == 0), a slot not decoded yet is
    /// decoded. False when a fault is now pending.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool PrepareSlow(ref DecodedInst d, uint pc)
    {
        if (Unsafe.IsNullRef(ref d) || (pc & 1) != 0)
        {
            // Bit 0 of the PC marks EPSR.T == 0 (Cpu.ThumbClear): INVSTATE on this instruction, whose
            // address is the return address stacked.
            if ((pc & 1) != 0 && Cpu.ThumbClear) { Cpu.Pc = pc & ~1u; Cpu.Raise(FaultKind.InvalidState, Cpu.Pc); }
            else Cpu.Raise(FetchFault(pc), pc);
            return false;
        }
        return DecodeInto(ref d, pc);
    }

    /// <summary>An instruction inside an IT block: runs only if its condition passes; the block advances
    /// unless the instruction faulted (a fault is taken with ITSTATE still naming it).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe bool ExecuteInItBlock(Cpu c, ref DecodedInst d)
    {
        uint it = c.ItState;
        bool executed = Bits.ConditionPassed(c, it >> 4);
        if (executed) d.Exec(c, ref d);
        if (c.Fault == FaultKind.None || c.Fault >= FaultKind.Breakpoint) c.ItState = Bits.ItAdvance(it);
        return executed;
    }

    /// <summary>A branch to itself: the run stops if nothing can ever interrupt the spin.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool SpinsForever(uint pc)
    {
        if (CanBeInterrupted()) return false;
        StopMessage = $"the firmware spins forever at {Symbols.Describe(pc)} (0x{pc:X8}) with no interrupt able to fire" + LastFaultNote();
        Cpu.Pc = pc;
        return true;
    }

    /// <summary>Exception return requested by the last instruction, then due timer events and interrupts.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private StopReason? BetweenInstructions<TTiming>(ref TTiming timing) where TTiming : struct, ITimingModel
    {
        var c = Cpu;
        if (c.ExceptionReturnRequested)
        {
            Exceptions.Return(this);
            if (c.Fault != FaultKind.None)
            {
                var stop = HandleFault(ref timing);
                if (stop is not null) { UpdateEventAt(); return stop; }
            }
        }
        if (timing.Cycles >= NextTimerEvent || c.InterruptCheck) ServiceEvents(timing.Cycles);
        UpdateEventAt();
        return null;
    }

    private bool DecodeInto(ref DecodedInst d, uint pc)
    {
        if (TryDecode(ref d, pc, out uint unfetchable)) return true;
        Cpu.Raise(FaultKind.InstructionBusError, unfetchable);
        return false;
    }

    /// <summary>Decodes the instruction at <paramref name="pc"/> into its slot; false, with the halfword address
    /// that could not be fetched, when there is none.</summary>
    private bool TryDecode(ref DecodedInst d, uint pc, out uint unfetchable)
    {
        unfetchable = pc;
        if (!Bus.Fetch16(pc, out ushort hw1)) return false;
        bool is32 = Decoder.Is32Bit(hw1);
        uint raw = hw1;
        if (is32)
        {
            unfetchable = pc + 2;
            if (!Bus.Fetch16(pc + 2, out ushort hw2)) return false;
            raw = ((uint)hw1 << 16) | hw2;
        }
        Decoder.Instance.Decode(raw, is32, out d, out _);
        return true;
    }

    /// <summary>Handles a fault or a request raised by the last instruction. Returns a stop reason to end the run.</summary>
    private StopReason? HandleFault<TTiming>(ref TTiming timing) where TTiming : struct, ITimingModel
    {
        var c = Cpu;
        var kind = c.Fault;
        c.Fault = FaultKind.None;
        // A stop requested by the exception model or the SCS (lockup, unusable vector, SYSRESETREQ) comes first.
        if (TakeStopRequest() is { } requested) return requested;
        switch (kind)
        {
            case FaultKind.Semihosting:
                Semihost.Handle(c, timing.Cycles);
                if (c.Fault == FaultKind.Halt)
                {
                    c.Fault = FaultKind.None;
                    c.Pc = c.NextPc;
                    uint reason = Semihost.ExitReason ?? Semihosting.Semihost.AdpStoppedApplicationExit;
                    StopMessage = reason == Semihosting.Semihost.AdpStoppedApplicationExit
                        ? $"exit code {c.ExitCode}"
                        : $"exit code {c.ExitCode} (semihosting exit reason {Semihosting.Semihost.ReasonName(reason)})";
                    return StopReason.Exited;
                }
                if (c.Fault != FaultKind.None) return HandleFault(ref timing);
                c.Pc = c.NextPc;
                return null;
            case FaultKind.Halt:
                StopMessage = $"exit code {c.ExitCode}";
                return StopReason.Exited;
            case FaultKind.Breakpoint:
                StopMessage = $"BKPT #{c.FaultImm} at {Symbols.Describe(c.Pc)} with no debugger attached";
                return StopReason.Breakpoint;
            case FaultKind.SupervisorCall:
                Exceptions.TakeSupervisorCall(this);
                return TakeStopRequest();
            case FaultKind.WaitForInterrupt:
                {
                    uint at = c.Pc;
                    c.Pc = c.NextPc;
                    var stop = SleepUntilEvent(ref timing);
                    if (stop == StopReason.SleepForever)
                        StopMessage = $"sleeping (WFI/WFE) at {Symbols.Describe(at)} (0x{at:X8}) with nothing to wake it" + LastFaultNote();
                    return stop;
                }
            default:
                Exceptions.TakeFault(this, kind);
                return TakeStopRequest();
        }
    }

    /// <summary>Consumes a stop the exception model or the SCS asked for (see SystemControlSpace.RequestStop).</summary>
    private StopReason? TakeStopRequest()
    {
        if (!Scs.TakeStopRequest(out var reason, out string message)) return null;
        if (Cpu.Fault == FaultKind.Halt) Cpu.Fault = FaultKind.None;
        StopMessage = message;
        return reason;
    }

    /// <summary>Description of the most recent fault taken, kept so a handler that spins can be reported with its cause.</summary>
    internal string? LastFault;

    /// <summary>The most recent fault the firmware took (and handled itself), for run summaries; null if none.</summary>
    public string? LastFaultDescription => LastFault;

    private string LastFaultNote() => LastFault is null ? "" : $"; it was handling: {LastFault}";

    internal void SetStopMessage(string message) => StopMessage = message;

    /// <summary>
    /// True when something could still change control flow of a core spinning at the current execution
    /// priority: a pending exception able to preempt, or a SysTick wrap that will pend one.
    /// </summary>
    private bool CanBeInterrupted() => Scs.CanInterrupt();

    /// <summary>
    /// WFI/WFE: advances simulated time (through the timing model) to each timer event until an
    /// exception that would preempt, ignoring PRIMASK, is pending (B1.5.19: WFI wakes for it even when
    /// PRIMASK keeps it from being taken). Stops with SleepForever when nothing can wake the core.
    /// </summary>
    private StopReason? SleepUntilEvent<TTiming>(ref TTiming timing) where TTiming : struct, ITimingModel
    {
        Scs.Tick(timing.Cycles);
        while (Scs.PreemptingException(ignorePrimask: true) == 0)
        {
            if (!Scs.CanInterrupt(ignorePrimask: true) || NextTimerEvent == ulong.MaxValue) return StopReason.SleepForever;
            if (NextTimerEvent > timing.Cycles) timing.AddCycles(Slept(NextTimerEvent - timing.Cycles));
            Scs.Tick(timing.Cycles);
        }
        ServiceEvents(timing.Cycles);
        return TakeStopRequest();
    }

    /// <summary>
    /// Called by the run loop between instructions when a timer event is due or an interrupt may have
    /// become pending or unmasked: advances SysTick and takes the exception that can preempt, if any.
    /// If taking it needs the run to stop (unusable vector), the stop is parked: the PC is moved to an
    /// unfetchable address so the loop calls HandleFault before executing anything, and HandleFault
    /// restores the PC and returns the stop.
    /// </summary>
    private void ServiceEvents(ulong cycles)
    {
        Cpu.InterruptCheck = _checkEveryFetch; // kept raised while the MPU is on (Machine.Mpu.cs)
        Scs.Tick(cycles);
        Exceptions.TakePendingInterrupt(this);
        if (Cpu.Fault == FaultKind.Halt)
        {
            Cpu.Fault = FaultKind.None;
            Scs.ParkForStop();
        }
    }
}
