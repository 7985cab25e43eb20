using FluentAssertions;
using M7Sim.Memory;
using M7Sim.Timing;
using Xunit;

namespace M7Sim.Tests.Timing;

/// <summary>
/// DWT profiling counters (Armv7-M ARM C1.8) fed by the Cortex-M7 model (SystemControlSpace.DwtProfiling.cs):
/// firmware reads them with one LDM of DWT_CPICNT..DWT_FOLDCNT, so all five are sampled before that
/// load's own cycles are counted. Expected counts follow from the timing facts: a word load feeding the
/// next ALU op stalls it 1 cycle (jnk0le, load-use = 1) and independent ALU ops dual-issue (quinapalus),
/// the younger one taking no cycle of its own (one FOLDCNT event). Code runs from ITCM, data from DTCM
/// (no wait states). Names: r7 holds 0xE0001008, r5 a DTCM word.
/// </summary>
public sealed class DwtProfilingCounterTests
{
    private const uint Demcr = 0xE000_EDFC, DwtCtrl = 0xE000_1000, DwtLar = 0xE000_1FB0, CpiCnt = 0xE000_1008,
        ExcCnt = 0xE000_100C, SleepCnt = 0xE000_1010, LsuCnt = 0xE000_1014, FoldCnt = 0xE000_1018;
    private const uint Trcena = 1u << 24;
    private const uint CpiEvtEna = 1u << 17, ExcEvtEna = 1u << 18, SleepEvtEna = 1u << 19, LsuEvtEna = 1u << 20, FoldEvtEna = 1u << 21;
    private const uint AllEvtEna = CpiEvtEna | ExcEvtEna | SleepEvtEna | LsuEvtEna | FoldEvtEna;

    private const uint LdrR8R5 = 0xF8D5_8000;      // ldr.w r8, [r5]
    private const uint AddR9R8One = 0xF108_0901;   // add.w r9, r8, #1     (uses the load: 1 load-use stall)
    private const uint AddR10R6Two = 0xF106_0A02;  // add.w r10, r6, #2    (independent: dual-issues with the add before)
    private const uint AddR6R6One = 0xF106_0601;   // add.w r6, r6, #1
    private const uint LdmR7R0ToR4 = 0xE897_001F;  // ldmia.w r7, {r0-r4}  (r0 = CPICNT ... r4 = FOLDCNT)
    private const uint StrR1R0 = 0x6001;           // str r1, [r0]

    /// <summary>A machine with the DWT unlocked, TRCENA set and <paramref name="ctrl"/> in DWT_CTRL, as a debugger would leave it.</summary>
    private static TimingCpu Enabled(uint ctrl, params uint[] code)
    {
        var t = TimingCpu.WithCode(code).Reg(5, TimingCpu.Dtcm).Reg(7, CpiCnt).Word(TimingCpu.Dtcm, 0x1234);
        Write(t, Demcr, Trcena);
        Write(t, DwtLar, SystemControlSpace.CoreSightUnlockKey);
        Write(t, DwtCtrl, ctrl);
        return t;
    }

    private static void Write(TimingCpu t, uint address, uint value) => t.Machine.Bus.Write(address, 4, value).Should().BeTrue();

    private static uint Read(TimingCpu t, uint address)
    {
        t.Machine.Bus.Read(address, 4, out uint v).Should().BeTrue();
        return v;
    }

    [Fact]
    public void Firmware_that_enables_the_counters_sees_one_load_use_stall_and_two_folded_instructions()
    {
        var t = TimingCpu.WithCode(
                StrR1R0,        // str r1, [r0]            DEMCR.TRCENA = 1            cycle 0
                0xF8C2_3FB0,    // str.w r3, [r2, #0xFB0]  DWT_LAR = key (stores never pair) cycle 1
                AddR6R6One,     //                         younger beside it             cycle 1
                0x6014,         // str r4, [r2]            DWT_CTRL: all five enabled (and cleared) cycle 2
                AddR6R6One,     //                         younger beside the store: FOLD 1    cycle 2
                LdrR8R5,        //                                                      cycle 3
                AddR9R8One,     // waits for the load: LSU 1                             cycle 4
                AddR10R6Two,    // younger beside it: FOLD 2                             cycle 4
                LdmR7R0ToR4)
            .Reg(0, Demcr).Reg(1, Trcena).Reg(2, DwtCtrl).Reg(3, SystemControlSpace.CoreSightUnlockKey).Reg(4, AllEvtEna)
            .Reg(5, TimingCpu.Dtcm).Reg(7, CpiCnt).Word(TimingCpu.Dtcm, 0x1234)
            .Run();

        t.Cpu.R[9].Should().Be(0x1235u);
        t.Cpu.R[0].Should().Be(0u, "CPICNT: no other stall");
        t.Cpu.R[1].Should().Be(0u, "EXCCNT");
        t.Cpu.R[2].Should().Be(0u, "SLEEPCNT");
        t.Cpu.R[3].Should().Be(1u, "LSUCNT: the load-use stall");
        t.Cpu.R[4].Should().Be(2u, "FOLDCNT: two dual-issued younger instructions");
    }

    /// <summary>LDM of n registers issues for ceil(n/2) cycles (timing facts 3.1 LDM): the cycles beyond the
    /// first are LSUCNT events (C1.8.7, "each additional cycle required to execute" a load or store).</summary>
    [Theory]
    [InlineData(0xE895_000Fu, 1u)] // ldmia.w r5, {r0-r3}: 2 cycles
    [InlineData(0xE895_0F0Fu, 3u)] // ldmia.w r5, {r0-r3, r8-r11}: 4 cycles
    [InlineData(0xE895_0003u, 0u)] // ldmia.w r5, {r0, r1}: 1 cycle
    public void Lsucnt_counts_the_issue_cycles_of_a_load_multiple_beyond_its_first(uint ldm, uint extra)
    {
        var t = Enabled(AllEvtEna, ldm, LdmR7R0ToR4);
        t.Run();

        t.Cpu.R[3].Should().Be(extra, "LSUCNT");
        t.Cpu.R[0].Should().Be(0u, "CPICNT");
    }

    [Fact]
    public void A_disabled_counter_keeps_its_value_while_an_enabled_one_counts()
    {
        var t = Enabled(FoldEvtEna, LdrR8R5, AddR9R8One, AddR10R6Two, LdmR7R0ToR4);
        Write(t, LsuCnt, 7);
        t.Run();

        t.Cpu.R[3].Should().Be(7u, "LSUCNT is not enabled: the load-use stall is not counted");
        t.Cpu.R[4].Should().Be(1u, "FOLDCNT counts the dual-issued add");
    }

    [Fact]
    public void A_write_sets_the_counter_which_then_counts_on_and_wraps_at_eight_bits()
    {
        var t = Enabled(AllEvtEna, LdrR8R5, AddR9R8One, AddR10R6Two, LdmR7R0ToR4);
        Write(t, LsuCnt, 0x1FF);  // only bits [7:0] exist
        Write(t, FoldCnt, 0x10);
        Read(t, LsuCnt).Should().Be(0xFFu);
        t.Run();

        t.Cpu.R[3].Should().Be(0u, "0xFF + 1 load-use stall wraps to 0");
        t.Cpu.R[4].Should().Be(0x11u);
        t.Cpu.R[0].Should().Be(0u);
    }

    [Fact]
    public void Enabling_a_counter_clears_it()
    {
        var t = Enabled(0, LdrR8R5);
        Write(t, CpiCnt, 0x42);
        Write(t, DwtCtrl, CpiEvtEna);
        Read(t, CpiCnt).Should().Be(0u);
    }

    [Fact]
    public void Clearing_trcena_stops_the_counters()
    {
        var t = Enabled(AllEvtEna,
                LdrR8R5, AddR9R8One, AddR10R6Two,   // LSU 1, FOLD 1
                StrR1R0,                            // str r1, [r0]: DEMCR = 0, TRCENA off
                LdrR8R5, AddR9R8One, AddR10R6Two,   // not counted
                LdmR7R0ToR4)
            .Reg(0, Demcr).Reg(1, 0);
        t.Run();

        t.Cpu.R[3].Should().Be(1u);
        t.Cpu.R[4].Should().Be(1u);
        t.Cpu.R[0].Should().Be(0u);
    }

    [Fact]
    public void Exccnt_counts_the_entry_and_return_cycles_of_an_svc()
    {
        var model = CoreModel.Load("cortex-m7");
        // Vector table at the board's boot address (VTOR = 0x00200000, flash via ITCM): SVCall (11) -> handler at 0x200.
        var t = Enabled(ExcEvtEna)
            .Word(0x0020_0000 + 11 * 4, 0x201)
            .Word(0x200, 0x0000_4770)                              // handler: bx lr
            .Word(0x100, 0xBF00_DF00)                              // svc #0 ; nop
            .Word(0x104, 0x8000_F8D7)                              // ldr.w r8, [r7]
            .Reg(7, ExcCnt);
        t.Cpu.Pc = 0x100;
        t.Run(4);                                                  // svc, bx lr (handler), nop, ldr

        // The return's unstacking is charged when the nop after it retires, before the ldr reads.
        t.Cpu.R[8].Should().Be((uint)(model.ExceptionEntry + model.ExceptionReturn) & 0xFF);
    }

    [Fact]
    public void Sleepcnt_counts_the_cycles_wfi_sleeps_until_systick_wakes_it()
    {
        // SysTick on the processor clock with RELOAD = 99 from VAL = 0 at cycle 0: it reloads on tick 1
        // and reaches 0 (pending SysTick, B3.3) at tick 100. PRIMASK keeps the exception from being taken,
        // but WFI still wakes (B1.5.19). The WFI issues at cycle 0, so the core sleeps cycles 1..99.
        var t = Enabled(SleepEvtEna, 0xBF30 /* wfi */, 0xF8D7_8000 /* ldr.w r8, [r7] */).Reg(7, SleepCnt);
        t.Cpu.Primask = 1;
        Write(t, 0xE000_E014, 99);      // SYST_RVR
        Write(t, 0xE000_E018, 0);       // SYST_CVR
        Write(t, 0xE000_E010, 0b111);   // SYST_CSR: ENABLE, TICKINT, CLKSOURCE = processor clock
        t.Run();

        t.Cpu.R[8].Should().Be(99u);
    }

    [Fact]
    public void Functional_mode_leaves_the_counters_at_their_written_values()
    {
        var m = new M7Sim.Simulation.Machine(new M7Sim.Simulation.MachineOptions { Board = "stm32f746-nucleo", Timing = TimingMode.None });
        m.Bus.Write(Demcr, 4, Trcena);
        m.Bus.Write(DwtLar, 4, SystemControlSpace.CoreSightUnlockKey);
        m.Bus.Write(DwtCtrl, 4, AllEvtEna);
        m.Bus.Write(LsuCnt, 4, 5);
        var code = new byte[] { 0xD5, 0xF8, 0x00, 0x80, 0x08, 0xF1, 0x01, 0x09 }; // ldr.w r8, [r5] ; add.w r9, r8, #1
        m.WriteMemory(0, code).Should().BeTrue();
        m.Cpu.R[5] = TimingCpu.Dtcm;
        m.Cpu.Pc = 0;
        m.Run(2);
        m.Bus.Read(LsuCnt, 4, out uint lsu).Should().BeTrue();
        lsu.Should().Be(5u);
    }
}
