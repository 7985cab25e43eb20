using FluentAssertions;
using M7Sim.Execution;
using M7Sim.Isa;
using M7Sim.Memory;
using Xunit;

namespace M7Sim.Tests.Memory;

/// <summary>System Control Block registers (Armv7-M ARM B3.2, Cortex-M7 TRM/DGUG values).</summary>
public class ScbTests
{
    private const uint Cpuid = 0xE000_ED00, Icsr = 0xE000_ED04, Vtor = 0xE000_ED08, Aircr = 0xE000_ED0C, Scr = 0xE000_ED10,
        Ccr = 0xE000_ED14, Shpr1 = 0xE000_ED18, Shpr2 = 0xE000_ED1C, Shpr3 = 0xE000_ED20, Shcsr = 0xE000_ED24,
        Cfsr = 0xE000_ED28, Hfsr = 0xE000_ED2C, Mmfar = 0xE000_ED34, Bfar = 0xE000_ED38, Clidr = 0xE000_ED78, Ctr = 0xE000_ED7C,
        Ccsidr = 0xE000_ED80, Csselr = 0xE000_ED84, Cpacr = 0xE000_ED88, Ictr = 0xE000_E004;

    [Theory]
    [InlineData("mps2-an500", 0x410FC270u)]
    [InlineData("stm32f746-nucleo", 0x410FC271u)]
    public void Cpuid_is_the_boards_value(string board, uint cpuid) =>
        new ScsFixture(board).Read(Cpuid).Should().Be(cpuid);

    [Fact]
    public void Vtor_keeps_bits_31_to_7()
    {
        var f = new ScsFixture();
        f.Write(Vtor, 0x2000_01FF);
        f.Read(Vtor).Should().Be(0x2000_0180u);
        f.Scs.Vtor.Should().Be(0x2000_0180u);
    }

    [Fact]
    public void Aircr_reads_vectkeystat_and_ignores_writes_without_the_key()
    {
        var f = new ScsFixture();
        f.Read(Aircr).Should().Be(0xFA05_0000u);
        f.Write(Aircr, 0x0000_0500);            // no VECTKEY
        f.Read(Aircr).Should().Be(0xFA05_0000u);
        f.Write(Aircr, 0x05FA_0500);            // PRIGROUP = 5
        f.Read(Aircr).Should().Be(0xFA05_0500u);
        f.Scs.PriGroup.Should().Be(5);
    }

    [Fact]
    public void Aircr_sysresetreq_with_the_key_requests_a_stop()
    {
        var f = new ScsFixture();
        f.Write(Aircr, 0x05FA_0004);
        f.Scs.ResetRequested.Should().BeTrue();
        f.Cpu.Fault.Should().Be(FaultKind.Halt);
        f.Scs.TakeStopRequest(out var reason, out string message).Should().BeTrue();
        reason.Should().Be(M7Sim.Simulation.StopReason.Exited);
        message.Should().Contain("SYSRESETREQ");
    }

    [Fact]
    public void Scr_keeps_sleeponexit_sleepdeep_and_sevonpend_only()
    {
        var f = new ScsFixture();
        f.Write(Scr, 0xFFFF_FFFF);
        f.Read(Scr).Should().Be(0x16u);
        f.Scs.SleepOnExit.Should().BeTrue();
    }

    [Fact]
    public void Ccr_resets_with_stkalign_and_bp_which_cannot_be_cleared()
    {
        var f = new ScsFixture();
        f.Read(Ccr).Should().Be(0x0004_0200u);
        f.Write(Ccr, 0);
        f.Read(Ccr).Should().Be(0x0004_0200u);
    }

    [Fact]
    public void Ccr_traps_and_cache_enables_are_kept_and_reach_the_core()
    {
        var f = new ScsFixture();
        f.Write(Ccr, (1u << 3) | (1u << 4) | (1u << 16) | (1u << 17) | (1u << 1) | 1u | (1u << 8));
        f.Read(Ccr).Should().Be(0x0007_031Bu);
        f.Cpu.UnalignTrap.Should().BeTrue();
        f.Cpu.DivZeroTrap.Should().BeTrue();
        f.Scs.ICacheEnabled.Should().BeTrue();
        f.Scs.DCacheEnabled.Should().BeTrue();
        f.Write(Ccr, 0);
        f.Cpu.UnalignTrap.Should().BeFalse();
        f.Cpu.DivZeroTrap.Should().BeFalse();
    }

    [Fact]
    public void Shpr_bytes_program_system_handler_priorities_and_reserved_slots_read_zero()
    {
        var f = new ScsFixture(); // mps2-an500: 8 priority bits
        f.Write(Shpr1, 0xFF40_2010);  // slot 7 is reserved
        f.Read(Shpr1).Should().Be(0x0040_2010u);
        f.Scs.Priority(Exceptions.MemManage).Should().Be(0x10);
        f.Scs.Priority(Exceptions.UsageFault).Should().Be(0x40);
        f.Write(Shpr2, 0x80FF_FFFF);  // only SVCall (bits 31:24) exists
        f.Read(Shpr2).Should().Be(0x8000_0000u);
        f.Write(Shpr3 + 2, 0xC0, size: 1); // PendSV by byte
        f.Scs.Priority(Exceptions.PendSv).Should().Be(0xC0);
        f.Read(Shpr3).Should().Be(0x00C0_0000u);
    }

    [Fact]
    public void Priorities_keep_only_the_implemented_bits_on_the_stm32f746()
    {
        var f = new ScsFixture("stm32f746-nucleo"); // 4 priority bits (__NVIC_PRIO_BITS = 4)
        f.Write(Shpr3, 0xFFFF_0000);
        f.Read(Shpr3).Should().Be(0xF0F0_0000u);
    }

    [Fact]
    public void Shcsr_enables_the_configurable_faults()
    {
        var f = new ScsFixture();
        f.Scs.IsFaultEnabled(Exceptions.UsageFault).Should().BeFalse();
        f.Write(Shcsr, 0x0007_0000);
        f.Read(Shcsr).Should().Be(0x0007_0000u);
        f.Scs.IsFaultEnabled(Exceptions.MemManage).Should().BeTrue();
        f.Scs.IsFaultEnabled(Exceptions.BusFault).Should().BeTrue();
        f.Scs.IsFaultEnabled(Exceptions.UsageFault).Should().BeTrue();
    }

    [Fact]
    public void Shcsr_reports_active_and_pending_system_exceptions()
    {
        var f = new ScsFixture();
        f.Scs.SetActive(Exceptions.SysTick, true);
        f.Scs.SetActive(Exceptions.SvCall, true);
        f.Scs.SetPending(Exceptions.UsageFault, true);
        f.Read(Shcsr).Should().Be((1u << 11) | (1u << 7) | (1u << 12));
        f.Write(Shcsr, 1u << 10); // writing the state bits changes the state (context switch code)
        f.Scs.IsActive(Exceptions.PendSv).Should().BeTrue();
        f.Scs.IsActive(Exceptions.SysTick).Should().BeFalse();
        f.Scs.IsPending(Exceptions.UsageFault).Should().BeFalse();
    }

    [Fact]
    public void Cfsr_bits_are_write_one_to_clear_per_byte()
    {
        var f = new ScsFixture();
        f.Scs.RecordFault(FaultKind.PreciseBusError, 0x4000_0000);
        f.Scs.RecordFault(FaultKind.DivideByZero, 0);
        f.Read(Cfsr).Should().Be((1u << 25) | (1u << 15) | (1u << 9));
        f.Read(Bfar).Should().Be(0x4000_0000u);
        f.Read(Cfsr + 1, size: 1).Should().Be(0x82u); // BFSR: BFARVALID | PRECISERR
        f.Write(Cfsr + 1, 0x02, size: 1);            // clear PRECISERR only
        f.Read(Cfsr).Should().Be((1u << 25) | (1u << 15));
        f.Write(Cfsr, 0xFFFF_FFFF);
        f.Read(Cfsr).Should().Be(0u);
    }

    [Fact]
    public void Memmanage_faults_record_mmfar()
    {
        var f = new ScsFixture();
        f.Scs.RecordFault(FaultKind.DataAccessViolation, 0x1234_5678);
        f.Read(Cfsr).Should().Be(0x82u); // MMARVALID | DACCVIOL
        f.Read(Mmfar).Should().Be(0x1234_5678u);
    }

    [Fact]
    public void Hfsr_forced_is_write_one_to_clear()
    {
        var f = new ScsFixture();
        f.Scs.RecordEscalation();
        f.Read(Hfsr).Should().Be(0x4000_0000u);
        f.Write(Hfsr, 0x4000_0000);
        f.Read(Hfsr).Should().Be(0u);
    }

    [Theory]
    [InlineData(0x00F0_0000u, true)]   // CP10 = CP11 = full
    [InlineData(0x0050_0000u, true)]   // privileged only
    [InlineData(0x0030_0000u, false)]  // CP11 denied
    [InlineData(0x00C0_0000u, false)]  // CP10 denied
    [InlineData(0x00A0_0000u, false)]  // 0b10 is reserved
    public void Cpacr_enables_the_fpu_only_when_cp10_and_cp11_both_grant_access(uint value, bool enabled)
    {
        var f = new ScsFixture();
        f.Write(Cpacr, value | 0x000F_FFFF);
        f.Read(Cpacr).Should().Be(value);
        f.Cpu.FpEnabled.Should().Be(enabled);
    }

    [Fact]
    public void Cache_id_registers_describe_the_f746_l1_caches()
    {
        var f = new ScsFixture("stm32f746-nucleo");
        f.Read(Clidr).Should().Be(0x0900_0003u);
        f.Read(Ctr).Should().Be(0x8303_C003u);
        f.Write(Csselr, 0);                 // level 1 data cache: 32 sets, 4 ways, 8 words
        f.Read(Ccsidr).Should().Be(0xF003_E019u);
        f.Write(Csselr, 1);                 // level 1 instruction cache: 64 sets, 2 ways, 8 words
        f.Read(Ccsidr).Should().Be(0xF007_E009u);
        f.Read(Csselr).Should().Be(1u);
    }

    [Theory]
    [InlineData(0xE000_ED40u, 0x0000_0030u)] // ID_PFR0
    [InlineData(0xE000_ED44u, 0x0000_0200u)] // ID_PFR1
    [InlineData(0xE000_ED48u, 0x0010_0000u)] // ID_DFR0
    [InlineData(0xE000_ED50u, 0x0010_0030u)] // ID_MMFR0
    [InlineData(0xE000_ED58u, 0x0100_0000u)] // ID_MMFR2
    [InlineData(0xE000_ED60u, 0x0110_1110u)] // ID_ISAR0
    [InlineData(0xE000_ED64u, 0x0211_2000u)] // ID_ISAR1
    [InlineData(0xE000_ED68u, 0x2023_2231u)] // ID_ISAR2
    [InlineData(0xE000_ED6Cu, 0x0111_1131u)] // ID_ISAR3
    [InlineData(0xE000_ED70u, 0x0131_0132u)] // ID_ISAR4
    public void Id_registers_hold_the_cortex_m7_values(uint address, uint value) =>
        new ScsFixture().Read(address).Should().Be(value);

    [Theory]
    [InlineData("mps2-an500", 7u)]        // 240 IRQs
    [InlineData("stm32f746-nucleo", 3u)]  // 98 IRQs -> 4 groups of 32
    public void Ictr_reports_the_number_of_interrupt_lines(string board, uint lines) =>
        new ScsFixture(board).Read(Ictr).Should().Be(lines);

    [Fact]
    public void Icsr_pends_and_clears_pendsv_and_systick()
    {
        var f = new ScsFixture();
        f.Write(Icsr, 1u << 28);
        f.Scs.IsPending(Exceptions.PendSv).Should().BeTrue();
        f.Read(Icsr).Should().Be((1u << 28) | (14u << 12));
        f.Write(Icsr, 1u << 26);
        f.Read(Icsr).Should().Be((1u << 28) | (1u << 26) | (14u << 12)); // PendSV (14) still first by number at equal priority
        f.Write(Icsr, (1u << 27) | (1u << 25));
        f.Read(Icsr).Should().Be(0u);
    }

    [Fact]
    public void Icsr_reports_the_highest_priority_pending_exception_and_nmi()
    {
        var f = new ScsFixture();
        f.Write(Shpr3, 0x4080_0000); // PendSV 0x80, SysTick 0x40
        f.Write(Icsr, (1u << 28) | (1u << 26));
        (f.Read(Icsr) >> 12 & 0x1FF).Should().Be(15u); // SysTick has the higher priority
        f.Write(Icsr, 1u << 31);
        f.Read(Icsr).Should().Be((1u << 31) | (1u << 28) | (1u << 26) | (2u << 12));
    }

    [Fact]
    public void Icsr_reports_the_active_vector_rettobase_and_pending_irqs()
    {
        var f = new ScsFixture();
        f.Cpu.Ipsr = 15;
        f.Scs.SetActive(15, true);
        f.Scs.SetPending(16 + 5, true); // IRQ 5, not enabled: ISRPENDING but no VECTPENDING
        f.Read(Icsr).Should().Be(15u | (1u << 11) | (1u << 22));
        f.Scs.SetActive(14, true);      // a second active exception: returning does not reach Thread mode
        f.Read(Icsr).Should().Be(15u | (1u << 22));
    }

    [Fact]
    public void Unprivileged_accesses_to_the_ppb_are_bus_errors()
    {
        var f = new ScsFixture();
        f.Cpu.Control = 1; // nPRIV in Thread mode
        f.Machine.Bus.Read(Cpuid, 4, out _).Should().BeFalse();
        f.Machine.Bus.Write(Vtor, 4, 0).Should().BeFalse();
    }
}
