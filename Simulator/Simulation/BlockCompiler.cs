using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using M7Sim.Decoding;
using M7Sim.Isa;
using M7Sim.Timing;

namespace M7Sim.Simulation;

/// <summary>
/// A compiled block in functional mode: runs the instructions of a straight-line run starting at
/// <paramref name="first"/>, counts their cycles (one each) into <paramref name="timing"/> and returns how many retired.
/// </summary>
internal delegate int BlockFn(Cpu c, ref DecodedInst first, ref FunctionalTiming timing);

/// <summary>A compiled block under the Cortex-M7 model: each instruction is retired into <paramref name="timing"/> as the run loop does.</summary>
internal delegate int TimedBlockFn(Cpu c, ref DecodedInst first, ref CortexM7Timing timing, ref InstTiming facts);

/// <summary>
/// Compiles hot straight-line code into one .NET method per block (DESIGN §4, the step after the
/// predecode cache): each instruction becomes a direct call of its handler with the PC values as
/// constants, so the run loop's per-instruction work (slot lookup, IT and limit tests, PC bookkeeping,
/// the indirect call) is paid once per block instead of once per instruction. The handlers are the same
/// ones the interpreter calls, so the semantics are the interpreter's by construction. The JIT inlines
/// small handlers on its own; the ones at the heart of CMSIS-NN's int8 MAC loops (SMLAD, SXTB16, PKH,
/// ADD/SUB immediate) carry AggressiveInlining, which measured about 8% faster on bench_long (marking
/// twenty more common handlers measured no faster: the hot blocks grow past what the JIT optimises
/// well), and are called in forms that take their decoded fields as constants (BlockCompiler.Specialised.cs:
/// 5% faster under the model, 17% in functional mode). Under the Cortex-M7 model each instruction is also retired into the model exactly as the run
/// loop does, so the cycles are the same; there the gain is smaller (about 10%), since the model's work
/// per instruction dominates.
///
/// A block is entered only with ITSTATE zero, at least <see cref="MaxInstructions"/> instructions left
/// before the limit and, in functional mode, no timer event due within as many cycles (Machine.RunCore).
/// It holds IT blocks only whole and only when they cover register arithmetic, never as its last
/// instructions (Machine.BlockLength); only its last instruction may change the flow (a branch or any PC write). After
/// every instruction it leaves if a fault was raised, and if the run loop's event test would now fire,
/// exactly where the interpreter would look: in functional mode only after instructions that are not
/// pure register arithmetic (memory, system, FP: what can pend an interrupt, reprogram SysTick or write
/// code), since one cycle per instruction cannot reach the next timer event inside a block.
/// It leaves with Cpu.Pc naming the last instruction it retired and that instruction's NextPc set, as
/// the interpreter has them after executing it. Under the model, a block whose last instruction branches
/// back to its first goes round itself while the run loop would only enter it again (CortexM7Timing.LoopAgain:
/// the branch went back, no fault, no event due, room before the limit), and returns the instructions of
/// all its iterations.
/// </summary>
internal static unsafe partial class BlockCompiler
{
    /// <summary>Longest block; also the margin the run loop requires on the limit and the next event.</summary>
    public const int MaxInstructions = 64;

    /// <summary>Fewest instructions worth a block (the call into one costs about one dispatch).</summary>
    public const int MinInstructions = 2;

    private static readonly FieldInfo PcField = Field(typeof(Cpu), nameof(Cpu.Pc));
    private static readonly FieldInfo NextPcField = Field(typeof(Cpu), nameof(Cpu.NextPc));
    private static readonly FieldInfo RegistersField = Field(typeof(Cpu), nameof(Cpu.R));
    private static readonly FieldInfo R15Field = Field(typeof(CoreRegisters), "_r15");
    private static readonly FieldInfo FaultField = Field(typeof(Cpu), nameof(Cpu.Fault));
    private static readonly FieldInfo EventAtField = Field(typeof(Cpu), nameof(Cpu.EventAt));
    private static readonly FieldInfo BusField = Field(typeof(Cpu), nameof(Cpu.Bus));
    private static readonly FieldInfo AccessCountField = Field(typeof(Memory.Bus), nameof(Memory.Bus.AccessCount));
    private static readonly MethodInfo RetireMethod = typeof(CortexM7Timing).GetMethod(nameof(CortexM7Timing.RetireKnown))!;
    private static readonly MethodInfo RetireRegisterOnlyMethod = typeof(CortexM7Timing).GetMethod(nameof(CortexM7Timing.RetireRegisterOnly))!;
    private static readonly FieldInfo FunctionalCyclesField = Field(typeof(FunctionalTiming), "_cycles");
    private static readonly MethodInfo CyclesGetter = typeof(CortexM7Timing).GetProperty(nameof(CortexM7Timing.Cycles))!.GetMethod!;
    private static readonly MethodInfo BeginReplayMethod = TimingMethod(nameof(CortexM7Timing.BeginReplay));
    private static readonly MethodInfo ReplayAccessMethod = TimingMethod(nameof(CortexM7Timing.ReplayAccess));
    private static readonly MethodInfo BailReplayMethod = TimingMethod(nameof(CortexM7Timing.BailReplay));
    private static readonly MethodInfo FinishReplayMethod = TimingMethod(nameof(CortexM7Timing.FinishReplay));
    private static readonly MethodInfo StopAfterMethod = TimingMethod(nameof(CortexM7Timing.StopAfter));
    private static readonly MethodInfo StopRecordingMethod = TimingMethod(nameof(CortexM7Timing.StopRecording));
    private static readonly FieldInfo ReplayAtField = Field(typeof(CortexM7Timing), nameof(CortexM7Timing.ReplayAt));
    private static readonly MethodInfo LoopAgainMethod = TimingMethod(nameof(CortexM7Timing.LoopAgain));
    private static readonly MethodInfo BeginReplayChainedMethod = TimingMethod(nameof(CortexM7Timing.BeginReplayChained));
    private static readonly MethodInfo ReplayBranchBackMethod = TimingMethod(nameof(CortexM7Timing.ReplayBranchBack));
    private static readonly MethodInfo RetireRegisterOnlyIfMethod = TimingMethod(nameof(CortexM7Timing.RetireRegisterOnlyIf));
    private static readonly MethodInfo CountPredicatedFalseMethod = TimingMethod(nameof(CortexM7Timing.CountPredicatedFalse));
    private static readonly FieldInfo ItStateField = Field(typeof(Cpu), nameof(Cpu.ItState));
    private static readonly MethodInfo ConditionPassedMethod = typeof(Bits).GetMethod(nameof(Bits.ConditionPassed))!;
    private static readonly MethodInfo ItAdvanceMethod = typeof(Bits).GetMethod(nameof(Bits.ItAdvance))!;

    private static MethodInfo TimingMethod(string name) =>
        typeof(CortexM7Timing).GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
        ?? throw new InvalidOperationException($"CortexM7Timing.{name} not found");

    /// <summary>Handler entry points to their methods, so a block calls each handler directly (and the JIT may inline it).</summary>
    private static readonly Dictionary<nint, MethodInfo> Handlers = FindHandlers();

    /// <summary>Whether a block calls the handler at <paramref name="entry"/> directly (else through its pointer).</summary>
    public static bool CallsDirectly(nint entry) => Handlers.ContainsKey(entry);

    private static FieldInfo Field(Type t, string name) =>
        t.GetField(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
        ?? throw new InvalidOperationException($"{t.Name}.{name} not found");

    private static Dictionary<nint, MethodInfo> FindHandlers()
    {
        var map = new Dictionary<nint, MethodInfo>();
        foreach (var type in typeof(Cpu).Assembly.GetTypes())
        {
            if (type.ContainsGenericParameters) continue;
            foreach (var m in type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (m.ReturnType != typeof(void) || m.IsGenericMethodDefinition) continue;
                var p = m.GetParameters();
                if (p.Length != 2 || p[0].ParameterType != typeof(Cpu) || p[1].ParameterType != typeof(DecodedInst).MakeByRefType()) continue;
                map.TryAdd(m.MethodHandle.GetFunctionPointer(), m);
            }
        }
        return map;
    }

    /// <summary>May change the flow: only a block's last instruction may.</summary>
    public static bool EndsBlock(ref DecodedInst d) =>
        (d.Flags & InstFlags.WritesPc) != 0 || (d.DstMask & 0x8000) != 0
        || d.Class is TimingClass.Branch or TimingClass.TableBranch;

    /// <summary>Register arithmetic only: cannot touch memory or system state, so it cannot bring an event forward.</summary>
    private static bool IsPure(TimingClass cls) => cls <= TimingClass.MacLong || cls == TimingClass.Nop;

    /// <summary>Register arithmetic that cannot fault or change the flow: what an IT block inside a block may cover.</summary>
    public static bool IsArithmetic(ref DecodedInst d) => IsPure(d.Class) && !EndsBlock(ref d);

    /// <summary>Instructions the IT instruction <paramref name="raw"/> covers: 4 less the trailing zeros of its mask (A7.7.38).</summary>
    public static int ItCovers(uint raw) => 4 - System.Numerics.BitOperations.TrailingZeroCount(raw & 0xF | 0x10);

    /// <summary>Which of the block's instructions an IT instruction in it covers (BlockLength takes IT blocks whole).</summary>
    private static bool[] Covered(ref DecodedInst first, int count, (int Index, uint At, uint Next)[] walk)
    {
        var covered = new bool[count];
        for (int j = 0; j < count; j++)
        {
            if (Unsafe.Add(ref first, walk[j].Index).Class != TimingClass.It) continue;
            int n = ItCovers(Unsafe.Add(ref first, walk[j].Index).Raw);
            for (int k = 1; k <= n && j + k < count; k++) covered[j + k] = true;
        }
        return covered;
    }

    /// <summary>
    /// An instruction an IT block covers, as Machine.ExecuteInItBlock runs it: its handler runs only if the
    /// condition in ITSTATE passes (left in <paramref name="executed"/>), then ITSTATE advances (it cannot
    /// fault: IT blocks in a block cover register arithmetic only).
    /// </summary>
    private static void EmitConditional(ILGenerator il, ref DecodedInst d, int offset, LocalBuilder executed)
    {
        var skip = il.DefineLabel();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, ItStateField);
        il.Emit(OpCodes.Ldc_I4_4);
        il.Emit(OpCodes.Shr_Un);
        il.Emit(OpCodes.Call, ConditionPassedMethod);
        il.Emit(OpCodes.Dup);
        il.Emit(OpCodes.Stloc, executed);
        il.Emit(OpCodes.Brfalse, skip);
        EmitHandlerCall(il, ref d, offset);
        il.MarkLabel(skip);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, ItStateField);
        il.Emit(OpCodes.Call, ItAdvanceMethod);
        il.Emit(OpCodes.Stfld, ItStateField);
    }

    /// <summary>The handler of the block's instruction at <paramref name="offset"/>, or its conditional run when an IT block covers it.</summary>
    private static void EmitInstruction(ILGenerator il, ref DecodedInst d, int offset, bool covered, LocalBuilder? executed)
    {
        if (covered) EmitConditional(il, ref d, offset, executed!);
        else EmitHandlerCall(il, ref d, offset);
    }

    /// <summary>Compiles the block of <paramref name="count"/> instructions at <paramref name="first"/> (Machine.BlockLength) for functional runs.</summary>
    public static BlockFn Compile(ref DecodedInst first, uint pc, int count) =>
        Emit(ref first, pc, count, typeof(FunctionalTiming).MakeByRefType(), null, -1).CreateDelegate<BlockFn>();

    /// <summary>The same for runs under the Cortex-M7 model; <paramref name="registerOnly"/>[j] says the j-th
    /// instruction retires through the model's shorter path (CortexM7Timing.RetiresAsRegisterOnly).</summary>
    public static TimedBlockFn CompileTimed(ref DecodedInst first, uint pc, int count, bool[] registerOnly, int replay) =>
        Emit(ref first, pc, count, typeof(CortexM7Timing).MakeByRefType(), registerOnly, replay).CreateDelegate<TimedBlockFn>();

    private static readonly Type[] FunctionalParameters = [typeof(Cpu), typeof(DecodedInst).MakeByRefType(), typeof(FunctionalTiming).MakeByRefType()];
    private static readonly Type[] TimedParameters = [typeof(Cpu), typeof(DecodedInst).MakeByRefType(), typeof(CortexM7Timing).MakeByRefType(), typeof(InstTiming).MakeByRefType()];

    /// <summary>Calls <paramref name="visit"/> with the address and slot of each of the block's instructions.</summary>
    public static void ForEach(ref DecodedInst first, uint pc, int count, SlotVisitor visit)
    {
        uint at = pc;
        for (int j = 0; j < count; j++)
        {
            ref DecodedInst d = ref Unsafe.Add(ref first, (int)((at - pc) >> 1));
            visit(j, at, ref d);
            at += d.Size;
        }
    }

    public delegate void SlotVisitor(int index, uint pc, ref DecodedInst d);

    /// <summary>
    /// The block's method. Its third argument is the timing model by reference. With the Cortex-M7 model
    /// every instruction is retired into it and the event test follows every instruction, since any of
    /// them can advance the cycles past the next event. In functional mode the cycle count (entry + one per
    /// instruction) is stored before every instruction that can read it (a load of DWT_CYCCNT or SYST_CVR,
    /// a system instruction) and on the way out, not after every instruction.
    /// </summary>
    private static DynamicMethod Emit(ref DecodedInst first, uint pc, int count, Type third, bool[]? registerOnly, int replay)
    {
        bool timed = third != typeof(FunctionalTiming).MakeByRefType();
        var method = new DynamicMethod($"block_{pc:X8}", typeof(int), timed ? TimedParameters : FunctionalParameters,
            typeof(BlockCompiler).Module, skipVisibility: true);
        var il = method.GetILGenerator();
        var afterRetire = Labels(il, count);
        // A timed block whose last instruction branches back to its first runs the loop itself (LoopAgain):
        // done counts the instructions of the iterations finished, and every exit adds it.
        bool loops = timed && LoopsToItself(ref first, pc, count);
        var again = il.DefineLabel();
        var replayBody = il.DefineLabel();
        LocalBuilder? done = loops ? il.DeclareLocal(typeof(int)) : null;
        if (replay >= 0)
        {
            EmitBeginReplay(il, BeginReplayMethod, replay);
            il.Emit(OpCodes.Brfalse, again);
            EmitReplay(il, ref first, pc, count, registerOnly!, replay, afterRetire, done, again, replayBody);
        }
        il.MarkLabel(again);
        LocalBuilder? entryCycles = null;
        if (!timed)
        {
            entryCycles = il.DeclareLocal(typeof(ulong));
            il.Emit(OpCodes.Ldarg_2);
            il.Emit(OpCodes.Ldfld, FunctionalCyclesField);
            il.Emit(OpCodes.Stloc, entryCycles);
        }
        var exits = Labels(il, count);
        int slotBytes = Unsafe.SizeOf<DecodedInst>();
        var walk = Walk(ref first, pc, count);
        var covered = Covered(ref first, count, walk);
        LocalBuilder? executed = Array.IndexOf(covered, true) >= 0 ? il.DeclareLocal(typeof(bool)) : null;
        for (int j = 0; j < count; j++)
        {
            var (index, at, next) = walk[j];
            ref DecodedInst d = ref Unsafe.Add(ref first, index);
            if (!timed && j > 0 && !IsPure(d.Class)) EmitSetCycles(il, entryCycles!, j);
            if (timed) EmitInstructionEntry(il, at, next);
            else EmitPcStores(il, at, next);
            EmitInstruction(il, ref d, index * slotBytes, covered[j], executed);
            if (timed)
            {
                // timing.Retire(c, ref first[index], ref facts[j]), or its register-only path (with the outcome of its condition in an IT block)
                if (covered[j]) EmitTimingCall(il, RetireRegisterOnlyIfMethod, index * slotBytes, j, executed);
                else EmitTimingCall(il, registerOnly![j] ? RetireRegisterOnlyMethod : RetireMethod, index * slotBytes, j);
                il.MarkLabel(afterRetire[j]);
            }
            if (j == count - 1)
            {
                if (done is not null) EmitLoopBack(il, pc, count, replay, done, again, replayBody);
                break;
            }
            // Leave after a fault, as the interpreter would take it now.
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldfld, FaultField);
            il.Emit(OpCodes.Brtrue, exits[j]);
            if (timed)
            {
                // The run loop's test after every instruction: timing.Cycles >= EventAt.
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Ldfld, EventAtField);
                il.Emit(OpCodes.Ldarg_2);
                il.Emit(OpCodes.Call, CyclesGetter);
                il.Emit(OpCodes.Ble_Un, exits[j]);
            }
            else if (!IsPure(d.Class))
            {
                // The run loop's test after this instruction: cycles + retired >= EventAt.
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Ldfld, EventAtField);
                il.Emit(OpCodes.Ldloc, entryCycles!);
                il.Emit(OpCodes.Ldc_I8, (long)(j + 1));
                il.Emit(OpCodes.Add);
                il.Emit(OpCodes.Ble_Un, exits[j]);
            }
        }
        EmitReturn(il, entryCycles, count, done);
        for (int j = 0; j < count - 1; j++)
        {
            il.MarkLabel(exits[j]);
            if (timed)
            {
                // A trace being recorded covers whole blocks only.
                il.Emit(OpCodes.Ldarg_2);
                il.Emit(OpCodes.Call, StopRecordingMethod);
            }
            EmitReturn(il, entryCycles, j + 1, done);
        }
        return method;
    }

    /// <summary>The block's last instruction is a direct branch to its first (a loop of one block).</summary>
    internal static bool LoopsToItself(ref DecodedInst first, uint pc, int count)
    {
        var walk = Walk(ref first, pc, count);
        var (index, at, _) = walk[count - 1];
        ref DecodedInst d = ref Unsafe.Add(ref first, index);
        if (d.Class != TimingClass.Branch) return false;
        CortexM7Timing.Classify(d.Raw, d.Size, out bool direct, out _, out bool backward);
        return direct && backward && BranchTarget(d.Raw, d.Size, at) == pc;
    }

    /// <summary>Target of the direct branch <paramref name="raw"/> at <paramref name="at"/> (B T1-T4, Armv7-M ARM A7.7.12).</summary>
    internal static uint BranchTarget(uint raw, int size, uint at)
    {
        int offset;
        if (size == 2)
            offset = (raw & 0xF000) == 0xD000 ? (sbyte)(raw & 0xFF) * 2 : ((int)(raw << 21) >> 20);
        else
        {
            uint hw1 = raw >> 16, hw2 = raw & 0xFFFF;
            uint s = (hw1 >> 10) & 1, j1 = (hw2 >> 13) & 1, j2 = (hw2 >> 11) & 1;
            if ((hw2 & 0x1000) == 0) // T3, conditional: S:J2:J1:imm6:imm11:0
                offset = (int)((s << 20 | j2 << 19 | j1 << 18 | (hw1 & 0x3F) << 12 | (hw2 & 0x7FF) << 1) << 11) >> 11;
            else // T4: S:I1:I2:imm10:imm11:0, In = NOT(Jn XOR S)
            {
                uint i1 = ~(j1 ^ s) & 1, i2 = ~(j2 ^ s) & 1;
                offset = (int)((s << 24 | i1 << 23 | i2 << 22 | (hw1 & 0x3FF) << 12 | (hw2 & 0x7FF) << 1) << 7) >> 7;
            }
        }
        return at + 4 + (uint)offset;
    }

    /// <summary>After the last instruction of a loop block: while timing.LoopAgain says the loop goes on, done += count and back to
    /// the start: the replay path if timing.BeginReplayChained finds a trace, else the normal path (<paramref name="normal"/>).</summary>
    private static void EmitLoopBack(ILGenerator il, uint pc, int count, int replay, LocalBuilder done, Label normal, Label replayBody)
    {
        var exit = il.DefineLabel();
        il.Emit(OpCodes.Ldarg_2);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldc_I4, unchecked((int)pc));
        il.Emit(OpCodes.Ldc_I4, count);
        il.Emit(OpCodes.Call, LoopAgainMethod);
        il.Emit(OpCodes.Brfalse, exit);
        il.Emit(OpCodes.Ldloc, done);
        il.Emit(OpCodes.Ldc_I4, count);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Stloc, done);
        if (replay >= 0)
        {
            EmitBeginReplay(il, BeginReplayChainedMethod, replay);
            il.Emit(OpCodes.Brtrue, replayBody);
        }
        il.Emit(OpCodes.Br, normal);
        il.MarkLabel(exit);
    }

    /// <summary>timing.<paramref name="begin"/>(c, replay): whether the block replays a trace this time.</summary>
    private static void EmitBeginReplay(ILGenerator il, MethodInfo begin, int replay)
    {
        il.Emit(OpCodes.Ldarg_2);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldc_I4, replay);
        il.Emit(OpCodes.Call, begin);
    }

    /// <summary>
    /// The replay path of a timed block (CortexM7Timing.Replay.cs), ahead of the normal one: if the model
    /// has a trace for its state, the handlers run with only the instructions that access memory (or may
    /// fault, or take several cycles) reported to the model, and the last one applies the trace and
    /// retires normally. An instruction whose outcome differs from the trace retires normally and the
    /// block goes on in the normal path after it (<paramref name="afterRetire"/>). Loads and stores with an
    /// immediate offset run as one call that makes the access and has the model check it (ReplayedLoadStore).
    /// </summary>
    private static void EmitReplay(ILGenerator il, ref DecodedInst first, uint pc, int count, bool[] registerOnly, int replay, Label[] afterRetire,
        LocalBuilder? done, Label normal, Label replayBody)
    {
        var bails = Labels(il, count);
        var stops = Labels(il, count);
        var outcome = il.DeclareLocal(typeof(int));
        il.MarkLabel(replayBody);
        int slotBytes = Unsafe.SizeOf<DecodedInst>();
        var walk = Walk(ref first, pc, count);
        var covered = Covered(ref first, count, walk);
        LocalBuilder? executed = Array.IndexOf(covered, true) >= 0 ? il.DeclareLocal(typeof(bool)) : null;
        // The IT instruction has nothing to check: no access, no fault, one issue cycle (the trace holds its effects).
        var checksAt = new bool[count];
        for (int j = 0; j < count; j++) checksAt[j] = !registerOnly[j] && Unsafe.Add(ref first, walk[j].Index).Class != TimingClass.It;
        for (int j = 0; j < count; j++)
        {
            var (index, at, next) = walk[j];
            ref DecodedInst d = ref Unsafe.Add(ref first, index);
            bool last = j == count - 1;
            bool checks = checksAt[j];
            if (checks && !last && !covered[j] && ReplayedLoadStore.Covers(ref d))
            {
                // outcome = ReplayedLoadStore.<form>(c, ref timing, ref slot, j, fields, imm): handler and check in one
                EmitPcStores(il, at, next);
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Ldarg_2);
                EmitSlot(il, index * slotBytes);
                il.Emit(OpCodes.Ldc_I4, j);
                il.Emit(OpCodes.Ldc_I4, ReplayedLoadStore.Pack(ref d));
                il.Emit(OpCodes.Ldc_I4, unchecked((int)d.Imm));
                il.Emit(OpCodes.Call, ReplayedLoadStore.Forms[(nint)d.Exec]);
                EmitOutcomeSwitch(il, outcome, bails[j], stops[j]);
                continue;
            }
            // Only an instruction with accesses needs the access list emptied here: the others leave it alone, and
            // the only thing that reads it after them is their bail (a fault), which empties it first.
            if (!checks && !last) EmitPcStores(il, at, next);
            else
            {
                EmitInstructionEntry(il, at, next);
                il.Emit(OpCodes.Ldarg_2);
                il.Emit(OpCodes.Ldc_I4, j);
                il.Emit(OpCodes.Stfld, ReplayAtField);
            }
            EmitInstruction(il, ref d, index * slotBytes, covered[j], executed);
            if (covered[j])
            {
                // Whether it ran changes nothing in the model's timing of register arithmetic but its count (the trace holds neither).
                var ran = il.DefineLabel();
                il.Emit(OpCodes.Ldloc, executed!);
                il.Emit(OpCodes.Brtrue, ran);
                il.Emit(OpCodes.Ldarg_2);
                il.Emit(OpCodes.Call, CountPredicatedFalseMethod);
                il.MarkLabel(ran);
            }
            if (last)
            {
                if (done is not null)
                {
                    // The loop's branch back is part of the trace: applied whole, or retired normally (bails[j]).
                    il.Emit(OpCodes.Ldarg_2);
                    il.Emit(OpCodes.Ldarg_0);
                    il.Emit(OpCodes.Ldc_I4, j);
                    il.Emit(OpCodes.Call, ReplayBranchBackMethod);
                    il.Emit(OpCodes.Brfalse, bails[j]);
                    EmitLoopBack(il, pc, count, replay, done, normal, replayBody);
                }
                else EmitTimingCall(il, FinishReplayMethod, index * slotBytes, j);
                EmitReturn(il, null, count, done);
                break;
            }
            if (checks)
            {
                // switch (timing.ReplayAccess(c, j)) { Leave: bail; StopAfter: stop after j; GoOn: next }
                il.Emit(OpCodes.Ldarg_2);
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Ldc_I4, j);
                il.Emit(OpCodes.Call, ReplayAccessMethod);
                EmitOutcomeSwitch(il, outcome, bails[j], stops[j]);
            }
            else
            {
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Ldfld, FaultField);
                il.Emit(OpCodes.Brtrue, bails[j]);
            }
        }
        for (int j = 0; j < count; j++)
        {
            il.MarkLabel(bails[j]);
            if (!checksAt[j] && j < count - 1) EmitEmptyAccesses(il); // it did not empty the list when it started
            EmitTimingCall(il, BailReplayMethod, walk[j].Index * slotBytes, j, passIndex: true);
            il.Emit(OpCodes.Br, afterRetire[j]);
            if (j == count - 1) break;
            il.MarkLabel(stops[j]);
            il.Emit(OpCodes.Ldarg_2);
            il.Emit(OpCodes.Ldc_I4, j);
            il.Emit(OpCodes.Call, StopAfterMethod);
            il.Emit(OpCodes.Br, afterRetire[j]);
        }
    }

    /// <summary>switch (the outcome on the stack) { Leave: to <paramref name="bail"/>; StopAfter: to <paramref name="stop"/>; GoOn: on }</summary>
    private static void EmitOutcomeSwitch(ILGenerator il, LocalBuilder outcome, Label bail, Label stop)
    {
        il.Emit(OpCodes.Stloc, outcome);
        il.Emit(OpCodes.Ldloc, outcome);
        il.Emit(OpCodes.Brfalse, bail);
        il.Emit(OpCodes.Ldloc, outcome);
        il.Emit(OpCodes.Ldc_I4, CortexM7Timing.ReplayStopAfter);
        il.Emit(OpCodes.Beq, stop);
    }

    /// <summary>Slot index (halfwords from the first), address and fall-through of each of the block's instructions.</summary>
    private static (int Index, uint At, uint Next)[] Walk(ref DecodedInst first, uint pc, int count)
    {
        var walk = new (int, uint, uint)[count];
        uint at = pc;
        for (int j = 0; j < count; j++)
        {
            int index = (int)((at - pc) >> 1);
            uint next = at + Unsafe.Add(ref first, index).Size;
            walk[j] = (index, at, next);
            at = next;
        }
        return walk;
    }

    private static Label[] Labels(ILGenerator il, int count)
    {
        var labels = new Label[count];
        for (int j = 0; j < count; j++) labels[j] = il.DefineLabel();
        return labels;
    }

    /// <summary>timing.<paramref name="method"/>(c, ref slot, ref facts[j]) for the block's <paramref name="j"/>-th
    /// instruction (its slot <paramref name="slotOffset"/> bytes after the first), then <paramref name="executed"/> if given
    /// and j if asked.</summary>
    private static void EmitTimingCall(ILGenerator il, MethodInfo method, int slotOffset, int j, LocalBuilder? executed = null, bool passIndex = false)
    {
        il.Emit(OpCodes.Ldarg_2);
        il.Emit(OpCodes.Ldarg_0);
        EmitSlot(il, slotOffset);
        EmitFacts(il, j);
        if (executed is not null) il.Emit(OpCodes.Ldloc, executed);
        if (passIndex) il.Emit(OpCodes.Ldc_I4, j);
        il.Emit(OpCodes.Call, method);
    }

    /// <summary>Pushes a reference to the timing facts of the block's <paramref name="j"/>-th instruction.</summary>
    private static void EmitFacts(ILGenerator il, int j)
    {
        il.Emit(OpCodes.Ldarg_3);
        if (j == 0) return;
        il.Emit(OpCodes.Ldc_I4, j * InstTiming.Bytes);
        il.Emit(OpCodes.Conv_I);
        il.Emit(OpCodes.Add);
    }

    /// <summary>What the run loop sets before an instruction: its address, what it reads as PC, and the
    /// fall-through the branches overwrite.</summary>
    private static void EmitPcStores(ILGenerator il, uint at, uint next)
    {
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldc_I4, unchecked((int)at));
        il.Emit(OpCodes.Stfld, PcField);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldflda, RegistersField);
        il.Emit(OpCodes.Ldc_I4, unchecked((int)(at + 4)));
        il.Emit(OpCodes.Stfld, R15Field);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldc_I4, unchecked((int)next));
        il.Emit(OpCodes.Stfld, NextPcField);
    }

    /// <summary>The PC stores, and under the model an empty access list: the model reads this instruction's accesses from the bus's list.</summary>
    private static void EmitInstructionEntry(ILGenerator il, uint at, uint next)
    {
        EmitPcStores(il, at, next);
        EmitEmptyAccesses(il);
    }

    /// <summary>c.Bus.AccessCount = 0.</summary>
    private static void EmitEmptyAccesses(ILGenerator il)
    {
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, BusField);
        il.Emit(OpCodes.Ldc_I4_0);
        il.Emit(OpCodes.Stfld, AccessCountField);
    }

    /// <summary>handler(c, ref first[offset]): a direct call when the handler's method is known, else through its pointer.</summary>
    private static void EmitHandlerCall(ILGenerator il, ref DecodedInst d, int offset)
    {
        if (EmitSpecialised(il, ref d)) return;
        il.Emit(OpCodes.Ldarg_0);
        EmitSlot(il, offset);
        if (Handlers.TryGetValue((nint)d.Exec, out var handler)) il.Emit(OpCodes.Call, handler);
        else
        {
            il.Emit(OpCodes.Ldc_I8, (long)d.Exec);
            il.Emit(OpCodes.Conv_I);
            il.EmitCalli(OpCodes.Calli, CallingConventions.Standard, typeof(void), [typeof(Cpu), typeof(DecodedInst).MakeByRefType()], null);
        }
    }

    /// <summary>Returns <paramref name="retired"/> (plus the earlier iterations' <paramref name="done"/> in a loop block), with the functional cycle count brought up to date.</summary>
    private static void EmitReturn(ILGenerator il, LocalBuilder? entryCycles, int retired, LocalBuilder? done = null)
    {
        if (entryCycles is not null) EmitSetCycles(il, entryCycles, retired);
        il.Emit(OpCodes.Ldc_I4, retired);
        if (done is not null)
        {
            il.Emit(OpCodes.Ldloc, done);
            il.Emit(OpCodes.Add);
        }
        il.Emit(OpCodes.Ret);
    }

    /// <summary>Functional mode: timing.Cycles = cycles at entry + <paramref name="retired"/>.</summary>
    private static void EmitSetCycles(ILGenerator il, LocalBuilder entryCycles, int retired)
    {
        il.Emit(OpCodes.Ldarg_2);
        il.Emit(OpCodes.Ldloc, entryCycles);
        il.Emit(OpCodes.Ldc_I8, (long)retired);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Stfld, FunctionalCyclesField);
    }

    /// <summary>Pushes a reference to the slot <paramref name="offset"/> bytes after the block's first.</summary>
    private static void EmitSlot(ILGenerator il, int offset)
    {
        il.Emit(OpCodes.Ldarg_1);
        if (offset == 0) return;
        il.Emit(OpCodes.Ldc_I4, offset);
        il.Emit(OpCodes.Conv_I);
        il.Emit(OpCodes.Add);
    }
}
