using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using M7Sim.Decoding;
using M7Sim.Isa;
using M7Sim.Timing;

namespace M7Sim.Simulation;

/// <summary>
/// A compiled block: runs the instructions of a straight-line run starting at <paramref name="first"/>
/// and returns how many retired. <paramref name="cycles"/> is the cycle count before the first one (one
/// cycle per instruction: blocks run only in functional mode).
/// </summary>
internal delegate int BlockFn(Cpu c, ref DecodedInst first, ulong cycles);

/// <summary>
/// Compiles hot straight-line code into one .NET method per block (DESIGN §4, the step after the
/// predecode cache): each instruction becomes a direct call of its handler with the PC values as
/// constants, so the run loop's per-instruction work (slot lookup, IT and limit tests, PC bookkeeping,
/// the indirect call) is paid once per block instead of once per instruction. The handlers are the same
/// ones the interpreter calls, so the semantics are the interpreter's by construction.
///
/// A block is entered only with ITSTATE zero, at least <see cref="MaxInstructions"/> instructions left
/// before the limit and no timer event due within as many cycles (Machine.RunCore checks). It holds no
/// IT instruction; only its last instruction may change the flow (a branch or any PC write). After
/// every instruction it leaves if a fault was raised, and after every instruction that is not pure
/// register arithmetic (memory, system, FP: what can pend an interrupt, reprogram SysTick or write code)
/// it leaves if the run loop's event test would now fire, exactly where the interpreter would look.
/// It leaves with Cpu.Pc naming the last instruction it retired and that instruction's NextPc set, as
/// the interpreter has them after executing it.
/// </summary>
internal static unsafe class BlockCompiler
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

    /// <summary>
    /// The instructions a block starting at <paramref name="first"/> (address <paramref name="pc"/>) would
    /// hold: decoded slots of the same 4 KB decode page, no IT, ending after the first that may change
    /// the flow. Fewer than <see cref="MinInstructions"/> means no block.
    /// </summary>
    public static int Length(ref DecodedInst first, uint pc)
    {
        int n = 0;
        uint at = pc;
        while (n < MaxInstructions)
        {
            ref DecodedInst d = ref Unsafe.Add(ref first, (int)((at - pc) >> 1));
            if (d.Exec == null || d.Class == TimingClass.It) break;
            n++;
            if (EndsBlock(ref d)) break;
            uint next = at + d.Size;
            if (((next ^ pc) >> DecodeCache.PageShift) != 0) break; // the next slot is in another page
            at = next;
        }
        return n;
    }

    /// <summary>May change the flow: only a block's last instruction may.</summary>
    public static bool EndsBlock(ref DecodedInst d) =>
        (d.Flags & InstFlags.WritesPc) != 0 || (d.DstMask & 0x8000) != 0
        || d.Class is TimingClass.Branch or TimingClass.TableBranch;

    /// <summary>Register arithmetic only: cannot touch memory or system state, so it cannot bring an event forward.</summary>
    private static bool IsPure(TimingClass cls) => cls <= TimingClass.MacLong || cls == TimingClass.Nop;

    /// <summary>Compiles the block of <paramref name="count"/> instructions at <paramref name="first"/> (see <see cref="Length"/>).</summary>
    public static BlockFn Compile(ref DecodedInst first, uint pc, int count)
    {
        var method = new DynamicMethod($"block_{pc:X8}", typeof(int), [typeof(Cpu), typeof(DecodedInst).MakeByRefType(), typeof(ulong)],
            typeof(BlockCompiler).Module, skipVisibility: true);
        var il = method.GetILGenerator();
        var exits = new Label[count];
        for (int j = 0; j < count; j++) exits[j] = il.DefineLabel();
        int slotBytes = Unsafe.SizeOf<DecodedInst>();
        uint at = pc;
        for (int j = 0; j < count; j++)
        {
            int index = (int)((at - pc) >> 1);
            ref DecodedInst d = ref Unsafe.Add(ref first, index);
            uint next = at + d.Size;
            // What the run loop sets before an instruction: its address, what it reads as PC, and the
            // fall-through the branches overwrite.
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
            // handler(c, ref first[index])
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldarg_1);
            if (index != 0)
            {
                il.Emit(OpCodes.Ldc_I4, index * slotBytes);
                il.Emit(OpCodes.Conv_I);
                il.Emit(OpCodes.Add);
            }
            if (Handlers.TryGetValue((nint)d.Exec, out var handler)) il.Emit(OpCodes.Call, handler);
            else
            {
                il.Emit(OpCodes.Ldc_I8, (long)d.Exec);
                il.Emit(OpCodes.Conv_I);
                il.EmitCalli(OpCodes.Calli, CallingConventions.Standard, typeof(void), [typeof(Cpu), typeof(DecodedInst).MakeByRefType()], null);
            }
            if (j == count - 1) break;
            // Leave after a fault, as the interpreter would take it now.
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldfld, FaultField);
            il.Emit(OpCodes.Brtrue, exits[j]);
            if (!IsPure(d.Class))
            {
                // The run loop's test after this instruction: cycles + retired >= EventAt.
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Ldfld, EventAtField);
                il.Emit(OpCodes.Ldarg_2);
                il.Emit(OpCodes.Ldc_I8, (long)(j + 1));
                il.Emit(OpCodes.Add);
                il.Emit(OpCodes.Ble_Un, exits[j]);
            }
            at = next;
        }
        il.Emit(OpCodes.Ldc_I4, count);
        il.Emit(OpCodes.Ret);
        for (int j = 0; j < count - 1; j++)
        {
            il.MarkLabel(exits[j]);
            il.Emit(OpCodes.Ldc_I4, j + 1);
            il.Emit(OpCodes.Ret);
        }
        return method.CreateDelegate<BlockFn>();
    }
}
