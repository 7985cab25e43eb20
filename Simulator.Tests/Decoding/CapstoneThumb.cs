using System.Runtime.InteropServices;

namespace M7Sim.Tests.Decoding;

/// <summary>What Capstone made of one encoding.</summary>
internal readonly record struct CapstoneResult(bool Valid, string Mnemonic, string Operands)
{
    public static readonly CapstoneResult Invalid = new(false, "", "");
    public string Text => Valid ? $"{Mnemonic} {Operands}".Trim() : "<invalid>";
}

/// <summary>
/// Capstone 4.0 (the native libcapstone shipped in Gee.External.Capstone 2.3.0) in Thumb + M-class
/// mode, called through its C API with one reusable cs_insn (cs_disasm_iter): the managed wrapper
/// allocates per call and is three times slower, which matters for a million encodings. The results
/// are cross-checked against the wrapper on a sample (<see cref="CapstoneAgreementTests"/>).
/// Details are off: the comparison needs only validity and the mnemonic text.
/// </summary>
internal sealed unsafe class CapstoneThumb : IDisposable
{
    // capstone.h (4.0): CS_ARCH_ARM = 0, CS_MODE_THUMB = 1 << 4, CS_MODE_MCLASS = 1 << 5.
    private const int ArchArm = 0;
    private const int ModeThumbMClass = (1 << 4) | (1 << 5);

    // cs_insn layout in 4.0: id u32 @0, address u64 @8, size u16 @16, bytes[16] @18,
    // mnemonic[32] @34, op_str[160] @66, detail* @232.
    private const int SizeOffset = 16, MnemonicOffset = 34, OperandsOffset = 66;

    private const ushort Nop16 = 0xBF00;

    private nint _handle;
    private readonly nint _insn;

    public CapstoneThumb()
    {
        Native.cs_version(out int major, out int minor);
        if (major != 4)
            throw new InvalidOperationException($"expected Capstone 4.x (cs_insn layout), found {major}.{minor}");
        int err = Native.cs_open(ArchArm, ModeThumbMClass, out _handle);
        if (err != 0) throw new InvalidOperationException($"cs_open failed: {err}");
        _insn = Native.cs_malloc(_handle);
    }

    public string Version
    {
        get
        {
            Native.cs_version(out int major, out int minor);
            return $"{major}.{minor}";
        }
    }

    /// <summary>
    /// Disassembles one encoding in isolation. <paramref name="raw"/> is the halfword for 16-bit
    /// encodings or (hw1 &lt;&lt; 16) | hw2.
    /// </summary>
    public CapstoneResult Disassemble(uint raw, bool is32)
    {
        byte* b = stackalloc byte[4];
        int length = Fill(b, raw, is32);
        if (!Iterate(b, length)) return CapstoneResult.Invalid;
        byte* p = (byte*)_insn;
        if (*(ushort*)(p + SizeOffset) != length) return CapstoneResult.Invalid;
        var mnemonic = Marshal.PtrToStringAnsi((nint)(p + MnemonicOffset)) ?? "";
        var operands = Marshal.PtrToStringAnsi((nint)(p + OperandsOffset)) ?? "";
        // Capstone carries IT state from one call to the next (an IT makes the following
        // instructions print conditions); run NOPs through the block so every encoding is
        // disassembled as if it stood alone outside any IT block.
        if (mnemonic.StartsWith("it", StringComparison.Ordinal) && mnemonic.Length <= 5) DrainItBlock();
        return new CapstoneResult(true, mnemonic, operands);
    }

    private void DrainItBlock()
    {
        byte* b = stackalloc byte[2];
        for (int i = 0; i < 4; i++)
        {
            Fill(b, Nop16, is32: false);
            Iterate(b, 2);
        }
    }

    private static int Fill(byte* b, uint raw, bool is32)
    {
        if (is32)
        {
            b[0] = (byte)(raw >> 16); b[1] = (byte)(raw >> 24);
            b[2] = (byte)raw; b[3] = (byte)(raw >> 8);
            return 4;
        }
        b[0] = (byte)raw; b[1] = (byte)(raw >> 8);
        return 2;
    }

    private bool Iterate(byte* b, int length)
    {
        nint code = (nint)b;
        nuint size = (nuint)length;
        ulong address = 0x1000;
        return Native.cs_disasm_iter(_handle, ref code, ref size, ref address, _insn);
    }

    public void Dispose()
    {
        if (_handle == 0) return;
        Native.cs_free(_insn, 1);
        Native.cs_close(ref _handle);
        _handle = 0;
    }

    private static class Native
    {
        private const string Lib = "capstone";

        [DllImport(Lib)] public static extern uint cs_version(out int major, out int minor);
        [DllImport(Lib)] public static extern int cs_open(int arch, int mode, out nint handle);
        [DllImport(Lib)] public static extern int cs_close(ref nint handle);
        [DllImport(Lib)] public static extern nint cs_malloc(nint handle);
        [DllImport(Lib)] public static extern void cs_free(nint insn, nuint count);
        [DllImport(Lib)]
        [return: MarshalAs(UnmanagedType.I1)]
        public static extern bool cs_disasm_iter(nint handle, ref nint code, ref nuint size, ref ulong address, nint insn);
    }
}
