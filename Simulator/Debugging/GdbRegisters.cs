using System.Buffers.Binary;
using M7Sim.Isa;

namespace M7Sim.Debugging;

/// <summary>
/// The register numbering we publish in the target description (see <see cref="TargetDescription"/>)
/// and how each number maps onto the core: r0-r12, sp, lr, pc, xpsr (org.gnu.gdb.arm.m-profile),
/// d0-d15 and fpscr (org.gnu.gdb.arm.vfp, FPv5-D16), msp, psp, primask, basepri, faultmask, control
/// (org.gnu.gdb.arm.m-system). The 'g' packet carries them in this order.
/// </summary>
internal static class GdbRegisters
{
    public const int Sp = 13, Lr = 14, Pc = 15, Xpsr = 16, D0 = 17, Fpscr = 33, Msp = 34, Psp = 35,
        Primask = 36, Basepri = 37, Faultmask = 38, Control = 39, Count = 40;

    public static int Size(int n) => n is >= D0 and < Fpscr ? 8 : 4;

    /// <summary>Bytes of a 'g' reply.</summary>
    public static int TotalSize
    {
        get
        {
            int total = 0;
            for (int n = 0; n < Count; n++) total += Size(n);
            return total;
        }
    }

    /// <summary>Writes register <paramref name="n"/> in target byte order into <paramref name="into"/> (Size(n) bytes).</summary>
    public static void Read(Cpu c, int n, Span<byte> into)
    {
        if (n is >= D0 and < Fpscr)
        {
            // D[k] = S[2k+1]:S[2k]; little-endian puts S[2k] first.
            int k = n - D0;
            BinaryPrimitives.WriteUInt32LittleEndian(into, c.S[2 * k]);
            BinaryPrimitives.WriteUInt32LittleEndian(into[4..], c.S[2 * k + 1]);
            return;
        }
        BinaryPrimitives.WriteUInt32LittleEndian(into, Read32(c, n));
    }

    private static uint Read32(Cpu c, int n) => n switch
    {
        < 15 => c.R[n],
        Pc => c.Pc,
        Xpsr => c.Xpsr,
        Fpscr => c.Fpscr,
        Msp => PspActive(c) ? c.Msp : c.R[13],
        Psp => PspActive(c) ? c.R[13] : c.Psp,
        Primask => c.Primask,
        Basepri => c.Basepri,
        Faultmask => c.Faultmask,
        Control => c.Control,
        _ => 0,
    };

    /// <summary>Writes register <paramref name="n"/> from target-order bytes. False for an unknown number or a short value.</summary>
    public static bool Write(Cpu c, int n, ReadOnlySpan<byte> value)
    {
        if (n < 0 || n >= Count || value.Length < Size(n)) return false;
        if (n is >= D0 and < Fpscr)
        {
            int k = n - D0;
            c.S[2 * k] = BinaryPrimitives.ReadUInt32LittleEndian(value);
            c.S[2 * k + 1] = BinaryPrimitives.ReadUInt32LittleEndian(value[4..]);
            return true;
        }
        uint v = BinaryPrimitives.ReadUInt32LittleEndian(value);
        switch (n)
        {
            case < 15: c.R[n] = v; break;
            case Pc: c.Pc = v & ~1u; c.NextPc = c.Pc; break;
            case Xpsr:
                // As a debugger's DCRSR write: APSR, the EPSR IT bits and IPSR; the T bit stays set (Thumb only).
                c.Apsr = v;
                c.ItState = ((v >> 25) & 3) | (((v >> 10) & 0x3F) << 2);
                c.Ipsr = v & 0x1FF;
                break;
            case Fpscr: c.Fpscr = v; break;
            case Msp: if (PspActive(c)) c.Msp = v & ~3u; else c.R[13] = v & ~3u; break;
            case Psp: if (PspActive(c)) c.R[13] = v & ~3u; else c.Psp = v & ~3u; break;
            case Primask: c.Primask = v & 1; c.InterruptCheck = true; break;
            case Basepri: c.Basepri = v & 0xFF; c.InterruptCheck = true; break;
            case Faultmask: c.Faultmask = v & 1; c.InterruptCheck = true; break;
            case Control: WriteControl(c, v); break;
        }
        return true;
    }

    /// <summary>The banked SP in R13 is PSP in Thread mode with CONTROL.SPSEL set (ARM ARM B1.4.1).</summary>
    private static bool PspActive(Cpu c) => c.Ipsr == 0 && (c.Control & 2) != 0;

    private static void WriteControl(Cpu c, uint v)
    {
        bool wasPsp = PspActive(c);
        // nPRIV, SPSEL and FPCA are the implemented bits on an M7 with FPU.
        c.Control = v & 7;
        bool isPsp = PspActive(c);
        if (wasPsp == isPsp) return;
        // Switching SPSEL swaps which stack pointer R13 shows.
        if (isPsp) { c.Msp = c.R[13]; c.R[13] = c.Psp; }
        else { c.Psp = c.R[13]; c.R[13] = c.Msp; }
    }
}
