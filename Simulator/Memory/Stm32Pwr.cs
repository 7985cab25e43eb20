namespace M7Sim.Memory;

/// <summary>
/// STM32F7 power controller (RM0385 4.4): over-drive enable and switch report ready at once
/// (CR1.ODEN → CSR1.ODRDY, CR1.ODSWEN → CSR1.ODSWRDY), the voltage scaling is always ready
/// (CSR1.VOSRDY), and the backup regulator follows its enable, so HAL_PWREx_EnableOverDrive and
/// clock setup never wait.
/// </summary>
internal sealed class Stm32Pwr : Stm32RegisterBlock
{
    public const uint Cr1 = 0x00, Csr1 = 0x04, Cr2 = 0x08, Csr2 = 0x0C;
    private const uint Oden = 1u << 16, Odswen = 1u << 17, VosRdy = 1u << 14, OdRdy = 1u << 16, OdswRdy = 1u << 17;

    public Stm32Pwr()
    {
        Set(Cr1, 0x0000_C000); // VOS = scale 1
        UpdateCsr1(Stored(Csr1));
    }

    /// <summary>CR1.VOS (voltage scale) and whether over-drive is on, for reports.</summary>
    public int VoltageScale => (int)((Stored(Cr1) >> 14) & 3);
    public bool OverDrive => (Stored(Cr1) & Oden) != 0;

    protected override uint ReadRegister(uint offset) => Stored(offset);

    protected override void WriteRegister(uint offset, uint value, uint mask)
    {
        switch (offset)
        {
            case Cr1:
                Store(Cr1, value, mask);
                UpdateCsr1(Stored(Csr1));
                break;
            case Csr1:
                // EIWUP (8) and BRE (9) are writable; UDRDY (19:18) is write-one-to-clear.
                {
                    uint old = Stored(Csr1);
                    uint csr = (old & ~0x300u) | (value & mask & 0x300u);
                    csr &= ~(value & mask & 0x000C_0000);
                    UpdateCsr1(csr);
                    break;
                }
            default:
                Store(offset, value, mask);
                break;
        }
    }

    private void UpdateCsr1(uint csr)
    {
        uint cr1 = Stored(Cr1);
        csr &= ~(OdRdy | OdswRdy | (1u << 3));
        csr |= VosRdy;
        if ((cr1 & Oden) != 0) csr |= OdRdy;
        if ((cr1 & Odswen) != 0) csr |= OdswRdy;
        if ((csr & (1u << 9)) != 0) csr |= 1u << 3; // BRR follows BRE
        Set(Csr1, csr);
    }
}
