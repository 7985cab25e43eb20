using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>
/// MRS and MSR (Armv7-M ARM B5.2.2, B5.2.3). Fields: Imm = SYSm; MRS: Rd; MSR: Rn, Imm2 = mask (bit 1 =
/// nzcvq, bit 0 = g). SYSm values: 0-3 APSR/IAPSR/EAPSR/XPSR, 5-7 IPSR/EPSR/IEPSR, 8 MSP, 9 PSP,
/// 16 PRIMASK, 17 BASEPRI, 18 BASEPRI_MAX, 19 FAULTMASK, 20 CONTROL (others UNPREDICTABLE at decode).
/// The active stack pointer is R[13]; the inactive one lives in Cpu.Msp / Cpu.Psp.
/// </summary>
internal static class SpecialRegisters
{
    public const uint SysApsr = 0, SysIpsr = 5, SysMsp = 8, SysPsp = 9, SysPrimask = 16, SysBasepri = 17,
        SysBasepriMax = 18, SysFaultmask = 19, SysControl = 20;

    /// <summary>True when the given SYSm names a register (B5.1.1); every other value is UNPREDICTABLE.</summary>
    public static bool IsValidSysm(uint sysm) => sysm is <= 3 or (>= 5 and <= 9) or (>= 16 and <= 20);

    public static void Mrs(Cpu c, ref DecodedInst d) => c.R[d.Rd] = Read(c, d.Imm);

    public static void Msr(Cpu c, ref DecodedInst d) => Write(c, d.Imm, d.Imm2, c.R[d.Rn]);

    /// <summary>MRS: EPSR (T bit, ICI/IT) always reads as zero; SP and mask registers read as zero when unprivileged.</summary>
    public static uint Read(Cpu c, uint sysm)
    {
        bool privileged = c.Privileged;
        switch (sysm >> 3)
        {
            case 0:
                {
                    uint v = 0;
                    if ((sysm & 1) != 0) v |= c.Ipsr & 0x1FF;
                    if ((sysm & 4) == 0) v |= c.Apsr; // N Z C V Q and GE (DSP extension)
                    return v;
                }
            case 1:
                if (!privileged) return 0;
                return (sysm & 7) == 0 ? Msp(c) : Psp(c);
            default:
                switch (sysm & 7)
                {
                    case 0: return privileged ? c.Primask & 1 : 0;
                    case 1: case 2: return privileged ? c.Basepri & 0xFF : 0;
                    case 3: return privileged ? c.Faultmask & 1 : 0;
                    default: return c.Control & 7; // nPRIV, SPSEL, FPCA (the M7 has the FP extension)
                }
        }
    }

    /// <summary>MSR: APSR fields are writable at any privilege; everything else ignores unprivileged writes.</summary>
    public static void Write(Cpu c, uint sysm, uint mask, uint value)
    {
        switch (sysm >> 3)
        {
            case 0:
                if ((sysm & 4) != 0) return; // IPSR/EPSR are read-only
                if ((mask & 2) != 0)
                {
                    c.N = (value & (1u << 31)) != 0; c.Z = (value & (1u << 30)) != 0; c.C = (value & (1u << 29)) != 0;
                    c.V = (value & (1u << 28)) != 0; c.Q = (value & (1u << 27)) != 0;
                }
                if ((mask & 1) != 0) c.GE = (value >> 16) & 0xF;
                return;
            case 1:
                if (!c.Privileged) return;
                value &= ~3u;
                if ((sysm & 7) == 0)
                {
                    if (MspActive(c)) c.R[13] = value; else c.Msp = value;
                }
                else
                {
                    if (MspActive(c)) c.Psp = value; else c.R[13] = value;
                }
                return;
        }
        if (!c.Privileged) return;
        switch (sysm & 7)
        {
            case 0:
                c.Primask = value & 1;
                c.InterruptCheck = true;
                break;
            case 1:
                c.Basepri = value & 0xFF;
                c.InterruptCheck = true;
                break;
            case 2:
                // BASEPRI_MAX only raises the priority boost: a non-zero value lower than the current one (or any when 0).
                value &= 0xFF;
                if (value != 0 && (value < c.Basepri || c.Basepri == 0)) c.Basepri = value;
                break;
            case 3:
                // Clearing is always allowed; setting needs an execution priority above -1 (not in HardFault or NMI).
                if ((value & 1) == 0) { c.Faultmask = 0; c.InterruptCheck = true; }
                else if (PriorityAboveHardFault(c)) c.Faultmask = 1;
                break;
            default:
                {
                    uint control = (c.Control & 2) | (value & 5); // nPRIV and FPCA
                    if (c.Ipsr == 0) // SPSEL is only writable in Thread mode; changing it swaps the stacks
                    {
                        bool toPsp = (value & 2) != 0;
                        if (toPsp != ((c.Control & 2) != 0))
                        {
                            if (toPsp) { c.Msp = c.R[13]; c.R[13] = c.Psp; }
                            else { c.Psp = c.R[13]; c.R[13] = c.Msp; }
                        }
                        control = (control & ~2u) | (value & 2);
                    }
                    c.Control = control;
                    break;
                }
        }
    }

    /// <summary>ExecutionPriority() &gt; -1: not in HardFault or NMI and FAULTMASK clear.</summary>
    public static bool PriorityAboveHardFault(Cpu c) =>
        c.Faultmask == 0 && c.Ipsr != Exceptions.HardFault && c.Ipsr != Exceptions.Nmi;

    /// <summary>SP_main is the active stack in Handler mode and in Thread mode with CONTROL.SPSEL = 0.</summary>
    public static bool MspActive(Cpu c) => c.Ipsr != 0 || (c.Control & 2) == 0;

    private static uint Msp(Cpu c) => MspActive(c) ? c.R[13] : c.Msp;
    private static uint Psp(Cpu c) => MspActive(c) ? c.Psp : c.R[13];
}
