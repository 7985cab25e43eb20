using M7Sim.Execution;
using M7Sim.Timing;

namespace M7Sim.Decoding;

internal static partial class InstTable
{
    /// <summary>
    /// Coprocessor instructions (A5.3.18) with the coprocessor number as a field. The floating-point
    /// rows (coproc 101x, chapter A6) fix more bits and are tried first; an encoding in the FP space
    /// that no FP row claims is UNDEFINED. Every other coprocessor is absent on the Cortex-M7: the
    /// handler raises NOCP.
    /// </summary>
    private static unsafe Row[] CoprocessorRows() =>
    [
        new Row("1110 1110 oooo nnnn dddd cccc ppp0 mmmm", "CdpT1", "cdp", &Coprocessor.NotPresent, TimingClass.System, static (in Fields f, ref DecodedInst d) => Cop(f, ref d)),
        new Row("1111 1110 oooo nnnn dddd cccc ppp0 mmmm", "Cdp2T2", "cdp2", &Coprocessor.NotPresent, TimingClass.System, static (in Fields f, ref DecodedInst d) => Cop(f, ref d)),
        new Row("1110 1110 ooo0 nnnn tttt cccc ppp1 mmmm", "McrT1", "mcr", &Coprocessor.NotPresent, TimingClass.System, static (in Fields f, ref DecodedInst d) => CopTransfer(f, ref d, toCore: false)),
        new Row("1111 1110 ooo0 nnnn tttt cccc ppp1 mmmm", "Mcr2T2", "mcr2", &Coprocessor.NotPresent, TimingClass.System, static (in Fields f, ref DecodedInst d) => CopTransfer(f, ref d, toCore: false)),
        new Row("1110 1110 ooo1 nnnn tttt cccc ppp1 mmmm", "MrcT1", "mrc", &Coprocessor.NotPresent, TimingClass.System, static (in Fields f, ref DecodedInst d) => CopTransfer(f, ref d, toCore: true)),
        new Row("1111 1110 ooo1 nnnn tttt cccc ppp1 mmmm", "Mrc2T2", "mrc2", &Coprocessor.NotPresent, TimingClass.System, static (in Fields f, ref DecodedInst d) => CopTransfer(f, ref d, toCore: true)),
        new Row("1110 1100 0100 uuuu tttt cccc oooo mmmm", "McrrT1", "mcrr", &Coprocessor.NotPresent, TimingClass.System, static (in Fields f, ref DecodedInst d) => CopTransfer2(f, ref d, toCore: false)),
        new Row("1111 1100 0100 uuuu tttt cccc oooo mmmm", "Mcrr2T2", "mcrr2", &Coprocessor.NotPresent, TimingClass.System, static (in Fields f, ref DecodedInst d) => CopTransfer2(f, ref d, toCore: false)),
        new Row("1110 1100 0101 uuuu tttt cccc oooo mmmm", "MrrcT1", "mrrc", &Coprocessor.NotPresent, TimingClass.System, static (in Fields f, ref DecodedInst d) => CopTransfer2(f, ref d, toCore: true)),
        new Row("1111 1100 0101 uuuu tttt cccc oooo mmmm", "Mrrc2T2", "mrrc2", &Coprocessor.NotPresent, TimingClass.System, static (in Fields f, ref DecodedInst d) => CopTransfer2(f, ref d, toCore: true)),
        // LDC/STC: the D bit ('l', the "long" qualifier STCL/LDCL) is a field
        new Row("1110 110p ulw0 nnnn dddd cccc iiii iiii", "StcT1", "stc", &Coprocessor.NotPresent, TimingClass.System, static (in Fields f, ref DecodedInst d) => CopLoadStore(f, ref d, load: false)),
        new Row("1111 110p ulw0 nnnn dddd cccc iiii iiii", "Stc2T2", "stc2", &Coprocessor.NotPresent, TimingClass.System, static (in Fields f, ref DecodedInst d) => CopLoadStore(f, ref d, load: false)),
        new Row("1110 110p ulw1 nnnn dddd cccc iiii iiii", "LdcT1", "ldc", &Coprocessor.NotPresent, TimingClass.System, static (in Fields f, ref DecodedInst d) => CopLoadStore(f, ref d, load: true)),
        new Row("1111 110p ulw1 nnnn dddd cccc iiii iiii", "Ldc2T2", "ldc2", &Coprocessor.NotPresent, TimingClass.System, static (in Fields f, ref DecodedInst d) => CopLoadStore(f, ref d, load: true)),
    ];

    /// <summary>coproc = 101x is the floating-point extension's space (A6): unclaimed by an FP row means UNDEFINED.</summary>
    private static bool IsFpSpace(in Fields f) => (f['c'] & 0xE) == 0xA;

    private static DecodeStatus Cop(in Fields f, ref DecodedInst d)
    {
        if (IsFpSpace(f)) return DecodeStatus.Undefined;
        d.Imm = f['c'];
        return DecodeStatus.Ok;
    }

    /// <summary>MCR/MRC (A7.7.74, A7.7.80): Rt = SP is UNPREDICTABLE, Rt = PC too for MCR (MRC to PC writes APSR.NZCV).</summary>
    private static DecodeStatus CopTransfer(in Fields f, ref DecodedInst d, bool toCore)
    {
        if (IsFpSpace(f)) return DecodeStatus.Undefined;
        uint t = f['t'];
        if (t == 13 || (t == 15 && !toCore)) return DecodeStatus.Unpredictable;
        d.Imm = f['c'];
        d.Rd = (byte)t;
        return DecodeStatus.Ok;
    }

    /// <summary>MCRR/MRRC (A7.7.75, A7.7.81): Rt/Rt2 = SP or PC UNPREDICTABLE; MRRC with Rt = Rt2 too.</summary>
    private static DecodeStatus CopTransfer2(in Fields f, ref DecodedInst d, bool toCore)
    {
        if (IsFpSpace(f)) return DecodeStatus.Undefined;
        uint t = f['t'], t2 = f['u'];
        if (t is 13 or 15 || t2 is 13 or 15 || (toCore && t == t2)) return DecodeStatus.Unpredictable;
        d.Imm = f['c'];
        return DecodeStatus.Ok;
    }

    /// <summary>
    /// LDC/STC (A7.7.52, A7.7.158): P = U = W = 0 is MCRR/MRRC (D = 1, their own rows) or UNDEFINED (D = 0);
    /// in Thumb, STC with Rn = PC and LDC (literal) with writeback or P = 0 are UNPREDICTABLE.
    /// </summary>
    private static DecodeStatus CopLoadStore(in Fields f, ref DecodedInst d, bool load)
    {
        bool p = f.Bit('p'), u = f.Bit('u'), w = f.Bit('w');
        if (!p && !u && !w) return DecodeStatus.Undefined;
        if (IsFpSpace(f)) return DecodeStatus.Undefined;
        if (f['n'] == 15 && (!load || w || !p)) return DecodeStatus.Unpredictable;
        d.Imm = f['c'];
        return DecodeStatus.Ok;
    }
}
