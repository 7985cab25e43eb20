using FluentAssertions;
using M7Sim.Memory;
using Xunit;

namespace M7Sim.Tests.Memory;

/// <summary>STM32F7 flash interface, RCC and PWR as ST's startup and HAL code drive them (RM0385).</summary>
public class Stm32PeripheralTests
{
    private const uint FlashAcr = 0x4002_3C00, FlashKeyr = 0x4002_3C04, FlashSr = 0x4002_3C0C, FlashCr = 0x4002_3C10,
        FlashOptCr1 = 0x4002_3C18, RccCr = 0x4002_3800, RccPllCfgr = 0x4002_3804, RccCfgr = 0x4002_3808,
        RccAhb1Enr = 0x4002_3830, RccApb1Enr = 0x4002_3840, RccCsr = 0x4002_3874, PwrCr1 = 0x4000_7000, PwrCsr1 = 0x4000_7004;

    private static ScsFixture F746() => new("stm32f746-nucleo");

    private static T Device<T>(ScsFixture f) where T : class =>
        f.Machine.Bus.Regions.Select(r => r.Device).OfType<T>().Single();

    [Fact]
    public void Flash_acr_keeps_latency_prefetch_and_art_for_the_timing_model()
    {
        var f = F746();
        f.Read(FlashAcr).Should().Be(0u);
        f.Write(FlashAcr, 7);
        f.Write(FlashAcr, 7 | (1u << 8) | (1u << 9));
        f.Read(FlashAcr).Should().Be(0x307u);
        var flash = Device<Stm32FlashInterface>(f);
        flash.Latency.Should().Be(7);
        flash.PrefetchEnabled.Should().BeTrue();
        flash.ArtEnabled.Should().BeTrue();
    }

    [Fact]
    public void Flash_acr_artrst_is_counted()
    {
        var f = F746();
        f.Write(FlashAcr, 1u << 11);
        Device<Stm32FlashInterface>(f).ArtResets.Should().Be(1);
        f.Write(FlashAcr, 0);
        f.Read(FlashAcr).Should().Be(0u);
    }

    [Fact]
    public void Flash_cr_unlocks_only_after_the_two_key_sequence()
    {
        var f = F746();
        f.Read(FlashCr).Should().Be(0x8000_0000u);
        f.Write(FlashCr, 1);                    // locked: ignored
        f.Read(FlashCr).Should().Be(0x8000_0000u);
        f.Write(FlashKeyr, 0xCDEF_89AB);        // wrong order
        f.Write(FlashKeyr, 0x4567_0123);
        f.Read(FlashCr).Should().Be(0x8000_0000u);
        f.Write(FlashKeyr, 0xCDEF_89AB);
        f.Read(FlashCr).Should().Be(0u);
        f.Write(FlashCr, 0x0000_0201);          // PG, PSIZE = x32
        f.Read(FlashCr).Should().Be(0x0000_0201u);
        f.Write(FlashCr, 0x8000_0000);          // LOCK again
        f.Read(FlashCr).Should().Be(0x8000_0000u);
        f.Read(FlashSr).Should().Be(0u);        // never busy
    }

    [Fact]
    public void Flash_optcr1_boots_from_the_itcm_flash_alias()
    {
        F746().Read(FlashOptCr1).Should().Be(0x0040_0080u);
    }

    [Fact]
    public void Rcc_resets_to_rm0385_values()
    {
        var f = F746();
        f.Read(RccCr).Should().Be(0x0000_0083u);
        f.Read(RccPllCfgr).Should().Be(0x2400_3010u);
        f.Read(RccCfgr).Should().Be(0u);
        f.Read(RccAhb1Enr).Should().Be(0x0010_0000u);
        f.Read(RccCsr).Should().Be(0x0E00_0000u);
    }

    [Fact]
    public void Rcc_oscillators_and_plls_are_ready_as_soon_as_they_are_on()
    {
        var f = F746();
        f.Write(RccCr, f.Read(RccCr) | (1u << 16));           // HSEON
        (f.Read(RccCr) & (1u << 17)).Should().Be(1u << 17);   // HSERDY
        f.Write(RccCr, f.Read(RccCr) | (1u << 24));           // PLLON
        (f.Read(RccCr) & (1u << 25)).Should().Be(1u << 25);   // PLLRDY
        f.Write(RccCr, f.Read(RccCr) & ~(1u << 24));
        (f.Read(RccCr) & (1u << 25)).Should().Be(0u);
        f.Write(RccCr, 0xFFFF_FFFF);
        // Writable bits 0x150D00F9 (HSION, HSITRIM, HSEON, HSEBYP, CSSON, PLLON, PLLI2SON, PLLSAION)
        // plus the five ready flags 0x2A020002; HSICAL (15:8) stays 0.
        f.Read(RccCr).Should().Be(0x3F0F_00FBu);
    }

    [Fact]
    public void Rcc_cfgr_sws_follows_sw()
    {
        var f = F746();
        f.Write(RccCfgr, 0x0000_9402);        // PPRE1 /4, PPRE2 /2, SW = PLL
        f.Read(RccCfgr).Should().Be(0x0000_940Au);
        Device<Stm32Rcc>(f).SystemClockSource.Should().Be(2);
    }

    [Fact]
    public void Rcc_enable_registers_are_storage()
    {
        var f = F746();
        f.Write(RccApb1Enr, 1u << 28);        // PWREN
        f.Read(RccApb1Enr).Should().Be(1u << 28);
        f.Write(RccApb1Enr + 1, 0xFF, size: 1);
        f.Read(RccApb1Enr).Should().Be((1u << 28) | 0xFF00u);
    }

    [Fact]
    public void Pwr_overdrive_and_voltage_scaling_report_ready()
    {
        var f = F746();
        f.Read(PwrCr1).Should().Be(0x0000_C000u);
        f.Read(PwrCsr1).Should().Be(1u << 14);                 // VOSRDY
        f.Write(PwrCr1, f.Read(PwrCr1) | (1u << 16));         // ODEN
        f.Read(PwrCsr1).Should().Be((1u << 14) | (1u << 16));  // ODRDY
        f.Write(PwrCr1, f.Read(PwrCr1) | (1u << 17));         // ODSWEN
        f.Read(PwrCsr1).Should().Be((1u << 14) | (1u << 16) | (1u << 17));
        Device<Stm32Pwr>(f).OverDrive.Should().BeTrue();
        Device<Stm32Pwr>(f).VoltageScale.Should().Be(3);
    }
}
