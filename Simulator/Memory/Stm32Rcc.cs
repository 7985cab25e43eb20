namespace M7Sim.Memory;

/// <summary>
/// STM32F7 reset and clock control (RM0385 5.3): oscillators and PLLs report ready as soon as they
/// are switched on, and CFGR.SWS follows CFGR.SW, so ST's clock setup code never waits. Frequencies
/// are not modelled (the board's clockHz is the core clock). Reset values from RM0385; the
/// low-power enable registers (xxxLPENR) are plain storage starting at 0.
/// </summary>
internal sealed class Stm32Rcc : Stm32RegisterBlock
{
    public const uint Cr = 0x00, PllCfgr = 0x04, Cfgr = 0x08, Ahb1Enr = 0x30, Bdcr = 0x70, Csr = 0x74,
        PllI2sCfgr = 0x84, PllSaiCfgr = 0x88;

    // CR: HSION/HSIRDY, HSEON/HSERDY, PLLON/PLLRDY, PLLI2SON/PLLI2SRDY, PLLSAION/PLLSAIRDY (ready = on << 1).
    private const uint CrOnBits = (1u << 0) | (1u << 16) | (1u << 24) | (1u << 26) | (1u << 28);
    private const uint CrReadyBits = CrOnBits << 1;

    /// <summary>CFGR.SWS: 0 HSI, 1 HSE, 2 PLL (for reports; the core clock comes from the board).</summary>
    public int SystemClockSource => (int)((Stored(Cfgr) >> 2) & 3);

    public Stm32Rcc()
    {
        Set(Cr, 0x0000_0083);        // HSION, HSIRDY, HSITRIM = 16 (HSICAL reads 0 here)
        Set(PllCfgr, 0x2400_3010);
        Set(Ahb1Enr, 0x0010_0000);   // DTCMRAMEN
        Set(Csr, 0x0E00_0000);       // PORRSTF, PINRSTF, BORRSTF after power-on
        Set(PllI2sCfgr, 0x2400_3000);
        Set(PllSaiCfgr, 0x2400_3000);
    }

    protected override uint ReadRegister(uint offset) => Stored(offset);

    protected override void WriteRegister(uint offset, uint value, uint mask)
    {
        switch (offset)
        {
            case Cr:
                {
                    // Writable: HSION, HSITRIM, HSEON, HSEBYP, CSSON and the PLL enables; ready flags and HSICAL are read-only.
                    uint cr = Merge(Stored(Cr), value, mask) & 0x150D_00F9u;
                    Set(Cr, cr | ((cr & CrOnBits) << 1));
                    break;
                }
            case Cfgr:
                {
                    uint cfgr = Merge(Stored(Cfgr), value, mask) & ~0xCu;
                    Set(Cfgr, cfgr | ((cfgr & 3) << 2)); // SWS = SW: the switch completes at once
                    break;
                }
            case Bdcr:
                {
                    uint bdcr = Merge(Stored(Bdcr), value, mask) & ~2u;
                    Set(Bdcr, bdcr | ((bdcr & 1) << 1)); // LSERDY = LSEON
                    break;
                }
            case Csr:
                {
                    uint csr = Merge(Stored(Csr), value, mask);
                    uint flags = Stored(Csr) & 0xFE00_0000;
                    if ((csr & (1u << 24)) != 0) flags = 0; // RMVF clears the reset flags
                    csr = (csr & 1) | ((csr & 1) << 1) | flags; // LSIRDY = LSION
                    Set(Csr, csr);
                    break;
                }
            default:
                Store(offset, value, mask);
                break;
        }
    }
}
