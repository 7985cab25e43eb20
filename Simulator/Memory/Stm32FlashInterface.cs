namespace M7Sim.Memory;

/// <summary>
/// STM32F7 embedded flash interface registers (RM0385 3.7): FLASH_ACR's wait states, prefetch and
/// ART accelerator bits are kept for the timing model; KEYR/SR/CR accept the unlock sequence and
/// flags so HAL code runs, but flash programming itself is not modelled (flash stays read-only).
/// </summary>
internal sealed class Stm32FlashInterface : Stm32RegisterBlock
{
    public const uint Acr = 0x00, Keyr = 0x04, OptKeyr = 0x08, Sr = 0x0C, Cr = 0x10, OptCr = 0x14, OptCr1 = 0x18;
    public const uint Key1 = 0x4567_0123, Key2 = 0xCDEF_89AB, OptKey1 = 0x0819_2A3B, OptKey2 = 0x4C5D_6E7F;
    private const uint CrLock = 1u << 31, OptCrLock = 1u;

    private uint _acr;
    private int _keyStep, _optKeyStep;

    public Stm32FlashInterface()
    {
        Set(Cr, CrLock);          // RM0385: FLASH_CR resets locked
        Set(OptCr, 0xC0FF_AAFD);  // option bytes as shipped (OPTLOCK set)
        Set(OptCr1, 0x0040_0080); // BOOT_ADD0 = 0x0080 (boot from 0x00200000), BOOT_ADD1 = 0x0040
    }

    /// <summary>FLASH_ACR.LATENCY: wait states of a flash access.</summary>
    public int Latency => (int)(_acr & 0xF);
    /// <summary>FLASH_ACR.PRFTEN: prefetch enabled.</summary>
    public bool PrefetchEnabled => (_acr & (1u << 8)) != 0;
    /// <summary>FLASH_ACR.ARTEN: ART accelerator enabled.</summary>
    public bool ArtEnabled => (_acr & (1u << 9)) != 0;
    /// <summary>Times ARTRST was written as 1 (the ART cache is then flushed).</summary>
    public int ArtResets { get; private set; }

    /// <summary>Raised after FLASH_ACR changes, for the timing model.</summary>
    public event Action<Stm32FlashInterface>? AcrChanged;

    protected override uint ReadRegister(uint offset) => offset switch
    {
        Acr => _acr,
        Keyr or OptKeyr => 0, // write-only
        _ => Stored(offset),
    };

    protected override void WriteRegister(uint offset, uint value, uint mask)
    {
        switch (offset)
        {
            case Acr:
                {
                    uint acr = Merge(_acr, value, mask);
                    if ((acr & (1u << 11)) != 0) ArtResets++;
                    _acr = acr & 0x0000_0B0F; // LATENCY, PRFTEN, ARTEN, ARTRST
                    AcrChanged?.Invoke(this);
                    break;
                }
            case Keyr:
                // KEY1 then KEY2 unlocks FLASH_CR; any other value keeps it locked (RM0385 3.3.2).
                if (_keyStep == 0 && value == Key1) _keyStep = 1;
                else if (_keyStep == 1 && value == Key2) { _keyStep = 0; Set(Cr, Stored(Cr) & ~CrLock); }
                else _keyStep = 0;
                break;
            case OptKeyr:
                if (_optKeyStep == 0 && value == OptKey1) _optKeyStep = 1;
                else if (_optKeyStep == 1 && value == OptKey2) { _optKeyStep = 0; Set(OptCr, Stored(OptCr) & ~OptCrLock); }
                else _optKeyStep = 0;
                break;
            case Sr:
                Set(Sr, Stored(Sr) & ~(value & mask & 0xF3)); // EOP, OPERR, WRPERR, PGAERR, PGPERR, ERSERR: write one to clear
                break;
            case Cr:
                {
                    uint cr = Stored(Cr);
                    if ((cr & CrLock) != 0) break; // locked: writes ignored
                    // PG, SER, MER, SNB, PSIZE, EOPIE, ERRIE, LOCK; STRT clears at once (no operation is performed).
                    Set(Cr, Merge(cr, value, mask) & 0x8300_03FF);
                    break;
                }
            default:
                Store(offset, value, mask);
                break;
        }
    }
}
