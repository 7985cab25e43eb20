namespace M7Sim.Memory;

/// <summary>
/// Floating-point context registers (Armv7-M ARM B3.2.20-B3.2.24): FPCCR, FPCAR, FPDSCR and the
/// media and FP feature registers MVFR0-2 for FPv5 with double precision (FPv5-D16, as QEMU's
/// cortex-m7; an STM32F746 has the single-precision FPv5-SP-D16, whose MVFR0 is 0x10110021).
/// FPCCR/FPCAR/FPDSCR are kept on the core (Cpu.Fpccr...) so FP instructions reach lazy stacking
/// directly; CPACR is in the SCB file.
/// </summary>
internal sealed partial class SystemControlSpace
{
    public const uint FpccrAspen = 1u << 31, FpccrLspen = 1u << 30, FpccrMonRdy = 1u << 8, FpccrBfRdy = 1u << 6,
        FpccrMmRdy = 1u << 5, FpccrHfRdy = 1u << 4, FpccrThread = 1u << 3, FpccrUser = 1u << 1, FpccrLspAct = 1u << 0;

    public const uint Mvfr0 = 0x1011_0221, Mvfr1 = 0x1200_0011, Mvfr2 = 0x0000_0040;

    private const uint FpccrWritable = FpccrAspen | FpccrLspen | FpccrMonRdy | FpccrBfRdy | FpccrMmRdy | FpccrHfRdy | FpccrThread | FpccrUser | FpccrLspAct;
    private const uint FpdscrWritable = 0x07C0_0000; // AHP, DN, FZ, RMode

    private void ResetFpu()
    {
        _c.Fpccr = FpccrAspen | FpccrLspen; // 0xC0000000: automatic and lazy state preservation
        _c.Fpcar = 0;
        _c.Fpdscr = 0;
    }

    private uint ReadFpu(uint reg) => reg switch
    {
        0xEF34 => _c.Fpccr,
        0xEF38 => _c.Fpcar,
        0xEF3C => _c.Fpdscr,
        0xEF40 => Mvfr0,
        0xEF44 => Mvfr1,
        0xEF48 => Mvfr2,
        _ => 0,
    };

    private void WriteFpu(uint reg, uint value, uint mask)
    {
        switch (reg)
        {
            case 0xEF34: _c.Fpccr = Merge(_c.Fpccr, value, mask) & FpccrWritable; break;
            case 0xEF38: _c.Fpcar = Merge(_c.Fpcar, value, mask) & ~7u; break;
            case 0xEF3C: _c.Fpdscr = Merge(_c.Fpdscr, value, mask) & FpdscrWritable; break;
        }
    }
}
