using System.Reflection;
using System.Reflection.Emit;
using M7Sim.Decoding;

namespace M7Sim.Simulation;

/// <summary>
/// Handlers specialised to their instruction. The handlers at the heart of CMSIS-NN's int8 MAC loops
/// (SMLAD, SXTB16, PKH, ADD/SUB immediate, LDR/STR immediate) are one-line wrappers around a form that takes the decoded
/// fields it reads as arguments, named for them (<c>SmladOf(c, rd, rn, rm, ra, imm)</c>). A block calls
/// that form with the instruction's fields as constants, so once the JIT has inlined it the register
/// numbers are fixed register-file offsets and the tests on immediates, shifts and flag modes fold away,
/// while the code run is still the interpreter's. (Handing the plain handlers a constant copy of the
/// decoded instruction instead measured slower: the JIT keeps such a copy in memory as soon as a slow
/// path takes its address.)
/// </summary>
internal static unsafe partial class BlockCompiler
{
    /// <summary>The forms, found on first use (after the handlers, which BlockCompiler's own initialisation finds).</summary>
    private static class Specialised
    {
        /// <summary>The decoded fields, by lower-case name, that a specialised form's parameters name.</summary>
        public static readonly Dictionary<string, FieldInfo> FieldsByName =
            typeof(DecodedInst).GetFields(BindingFlags.Public | BindingFlags.Instance).ToDictionary(f => f.Name.ToLowerInvariant());

        /// <summary>Each handler with a specialised form, by entry point: the method named for the handler plus "Of".</summary>
        public static readonly Dictionary<nint, MethodInfo> Forms = Find();

        private static Dictionary<nint, MethodInfo> Find()
        {
            var forms = new Dictionary<nint, MethodInfo>();
            foreach (var (entry, handler) in Handlers)
            {
                var form = handler.DeclaringType!.GetMethod(handler.Name + "Of", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic);
                if (form is null) continue;
                var p = form.GetParameters();
                if (p.Length == 0 || p[0].ParameterType != typeof(Isa.Cpu) || p.Skip(1).Any(q => !FieldsByName.ContainsKey(q.Name!.ToLowerInvariant())))
                    throw new InvalidOperationException($"{handler.DeclaringType.Name}.{form.Name}: a specialised form takes the Cpu, then decoded fields by name");
                forms[entry] = form;
            }
            return forms;
        }
    }

    /// <summary>Whether blocks call the handler at <paramref name="entry"/> in its specialised form.</summary>
    public static bool Specialises(nint entry) => Specialised.Forms.ContainsKey(entry);

    /// <summary>form(c, d.field, ...) with each field a constant, if the handler has a specialised form; else false, nothing emitted.</summary>
    private static bool EmitSpecialised(ILGenerator il, ref DecodedInst d)
    {
        if (!Specialised.Forms.TryGetValue((nint)d.Exec, out var form)) return false;
        object slot = d;
        il.Emit(OpCodes.Ldarg_0);
        foreach (var p in form.GetParameters().Skip(1))
            il.Emit(OpCodes.Ldc_I4, unchecked((int)Convert.ToUInt32(Specialised.FieldsByName[p.Name!.ToLowerInvariant()].GetValue(slot))));
        il.Emit(OpCodes.Call, form);
        return true;
    }
}
