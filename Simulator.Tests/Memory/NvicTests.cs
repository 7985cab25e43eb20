using FluentAssertions;
using M7Sim.Execution;
using Xunit;

namespace M7Sim.Tests.Memory;

/// <summary>NVIC registers (Armv7-M ARM B3.4) and the priority rules the exception model uses (B1.5.4).</summary>
public class NvicTests
{
    private const uint Iser0 = 0xE000_E100, Icer0 = 0xE000_E180, Ispr0 = 0xE000_E200, Icpr0 = 0xE000_E280,
        Iabr0 = 0xE000_E300, Ipr0 = 0xE000_E400, Stir = 0xE000_EF00, Aircr = 0xE000_ED0C;

    [Fact]
    public void Iser_enables_and_icer_disables_and_both_read_the_enable_state()
    {
        var f = new ScsFixture();
        f.Write(Iser0 + 4, 0x8000_0001); // IRQ 32 and IRQ 63
        f.Read(Iser0 + 4).Should().Be(0x8000_0001u);
        f.Read(Icer0 + 4).Should().Be(0x8000_0001u);
        f.Scs.IsEnabled(16 + 32).Should().BeTrue();
        f.Write(Icer0 + 4, 0x0000_0001);
        f.Read(Iser0 + 4).Should().Be(0x8000_0000u);
        f.Scs.IsEnabled(16 + 32).Should().BeFalse();
    }

    [Fact]
    public void Writing_zero_bits_to_iser_or_icer_changes_nothing()
    {
        var f = new ScsFixture();
        f.Write(Iser0, 0b1010);
        f.Write(Iser0, 0b0100);
        f.Read(Iser0).Should().Be(0b1110u);
        f.Write(Icer0, 0);
        f.Read(Iser0).Should().Be(0b1110u);
    }

    [Fact]
    public void Ispr_pends_and_icpr_clears_and_iabr_is_read_only()
    {
        var f = new ScsFixture();
        f.Write(Ispr0, 1u << 7);
        f.Scs.IsPending(16 + 7).Should().BeTrue();
        f.Read(Icpr0).Should().Be(1u << 7);
        f.Cpu.InterruptCheck.Should().BeTrue();
        f.Write(Icpr0, 1u << 7);
        f.Read(Ispr0).Should().Be(0u);
        f.Write(Iabr0, 0xFFFF_FFFF);
        f.Read(Iabr0).Should().Be(0u);
        f.Scs.SetActive(16 + 3, true);
        f.Read(Iabr0).Should().Be(1u << 3);
    }

    [Fact]
    public void Ipr_holds_one_priority_byte_per_irq_and_accepts_byte_writes()
    {
        var f = new ScsFixture();
        f.Write(Ipr0 + 4, 0x4030_2010);   // IRQ 4..7
        f.Write(Ipr0 + 2, 0xA0, size: 1);   // IRQ 2
        f.Read(Ipr0).Should().Be(0x00A0_0000u);
        f.Read(Ipr0 + 4).Should().Be(0x4030_2010u);
        f.Scs.Priority(16 + 6).Should().Be(0x30);
    }

    [Fact]
    public void Stir_pends_the_interrupt_it_names()
    {
        var f = new ScsFixture();
        f.Write(Stir, 37);
        f.Scs.IsPending(16 + 37).Should().BeTrue();
    }

    [Fact]
    public void Interrupts_past_the_boards_count_read_as_zero_and_ignore_writes()
    {
        var f = new ScsFixture("stm32f746-nucleo"); // 98 IRQs: 0..97
        f.Write(Iser0 + 12, 0xFFFF_FFFF);           // IRQs 96..127
        f.Read(Iser0 + 12).Should().Be(0b11u);
        f.Write(Ipr0 + 96, 0xFFFF_FFFF);
        f.Read(Ipr0 + 96).Should().Be(0x0000_F0F0u);
        f.Write(Stir, 120);
        f.Scs.IsPending(16 + 120).Should().BeFalse();
    }

    [Fact]
    public void Group_priority_drops_the_subpriority_bits_selected_by_prigroup()
    {
        var f = new ScsFixture();
        f.Scs.GroupPriority(0x5F).Should().Be(0x5E); // PRIGROUP 0: bit 0 is subpriority
        f.Write(Aircr, 0x05FA_0400);                 // PRIGROUP 4: bits 4..0 are subpriority
        f.Scs.GroupPriority(0x5F).Should().Be(0x40);
        f.Scs.GroupPriority(-1).Should().Be(-1);
    }

    [Fact]
    public void Execution_priority_is_the_highest_active_group_priority_boosted_by_the_masks()
    {
        var f = new ScsFixture();
        f.Scs.ExecutionPriority().Should().Be(256);
        f.Write(Ipr0, 0x0000_0060);   // IRQ 0 at 0x60
        f.Scs.SetActive(16, true);
        f.Scs.ExecutionPriority().Should().Be(0x60);
        f.Cpu.Basepri = 0x80;         // lower than the active one: no effect
        f.Scs.ExecutionPriority().Should().Be(0x60);
        f.Cpu.Basepri = 0x20;
        f.Scs.ExecutionPriority().Should().Be(0x20);
        f.Cpu.Primask = 1;
        f.Scs.ExecutionPriority().Should().Be(0);
        f.Scs.ExecutionPriority(ignorePrimask: true).Should().Be(0x20);
        f.Cpu.Faultmask = 1;
        f.Scs.ExecutionPriority().Should().Be(-1);
    }

    [Fact]
    public void The_pending_exception_with_the_lowest_priority_value_wins_and_ties_go_to_the_lower_number()
    {
        var f = new ScsFixture();
        f.Write(Iser0, 0b111);
        f.Write(Ipr0, 0x0040_8040);   // IRQ0 0x40, IRQ1 0x80, IRQ2 0x40
        f.Write(Ispr0, 0b110);
        f.Scs.HighestPendingEnabled(out int p).Should().Be(16 + 2);
        p.Should().Be(0x40);
        f.Write(Ispr0, 0b001);
        f.Scs.HighestPendingEnabled(out _).Should().Be(16 + 0);
    }

    [Fact]
    public void A_disabled_interrupt_stays_pending_but_is_not_selected()
    {
        var f = new ScsFixture();
        f.Write(Ispr0, 1);
        f.Scs.HighestPendingEnabled(out _).Should().Be(0);
        f.Scs.PreemptingException().Should().Be(0);
        f.Write(Iser0, 1);
        f.Scs.PreemptingException().Should().Be(16);
    }

    [Fact]
    public void Only_a_higher_group_priority_preempts()
    {
        var f = new ScsFixture();
        f.Write(Aircr, 0x05FA_0500);          // PRIGROUP 5: priority bits 7:6 are the group
        f.Write(Iser0, 0b11);
        f.Write(Ipr0, 0x0000_4050);           // IRQ0 0x50 (group 0x40), IRQ1 0x40 (group 0x40)
        f.Scs.SetActive(16, true);            // running IRQ0 (execution priority 0x40)
        f.Write(Ispr0, 0b10);
        f.Scs.PreemptingException().Should().Be(0, "same group priority does not preempt, whatever the subpriority");
        f.Write(Ipr0 + 1, 0x30, size: 1);     // IRQ1 0x30: group 0x00, above the running 0x40
        f.Scs.PreemptingException().Should().Be(16 + 1);
    }

    [Fact]
    public void Nmi_preempts_everything_except_itself()
    {
        var f = new ScsFixture();
        f.Cpu.Faultmask = 1;
        f.Scs.SetPending(Exceptions.Nmi, true);
        f.Scs.PreemptingException().Should().Be(Exceptions.Nmi);
        f.Scs.SetActive(Exceptions.Nmi, true);
        f.Scs.PreemptingException().Should().Be(0);
    }
}
