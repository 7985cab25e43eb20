using FluentAssertions;
using M7Sim.Simulation;
using M7Sim.Tests.TestSupport;
using Xunit;

namespace M7Sim.Tests.Execution;

/// <summary>LDM/STM/PUSH/POP (A5.2.4, A5.2.5, A5.3.5): order, writeback rules, PC loads, alignment.</summary>
public class LoadStoreMultipleTests
{
    private const uint Data = TestCpu.DataBase;

    [Fact]
    public void Stmia_T1_stores_lowest_register_at_lowest_address_and_writes_back()
    {
        var t = TestCpu.WithCode(0xC00E /* stmia r0!, {r1, r2, r3} */)
            .Reg(0, Data + 0x10).Reg(1, 0x11).Reg(2, 0x22).Reg(3, 0x33).Run();
        t.ReadWord(Data + 0x10).Should().Be(0x11u);
        t.ReadWord(Data + 0x14).Should().Be(0x22u);
        t.ReadWord(Data + 0x18).Should().Be(0x33u);
        t[0].Should().Be(Data + 0x1C);
    }

    [Fact]
    public void Ldmia_T1_loads_in_order_and_writes_back_when_the_base_is_not_in_the_list()
    {
        var t = TestCpu.WithCode(0xC80E /* ldmia r0!, {r1, r2, r3} */)
            .Word(Data, 0xA).Word(Data + 4, 0xB).Word(Data + 8, 0xC).Reg(0, Data).Run();
        t[1].Should().Be(0xAu);
        t[2].Should().Be(0xBu);
        t[3].Should().Be(0xCu);
        t[0].Should().Be(Data + 12);
    }

    [Fact]
    public void Ldmia_T1_with_the_base_in_the_list_loads_it_and_does_not_write_back()
    {
        var t = TestCpu.WithCode(0xC803 /* ldmia r0, {r0, r1} */).Word(Data, 0x1234).Word(Data + 4, 0x5678).Reg(0, Data).Run();
        t[0].Should().Be(0x1234u);
        t[1].Should().Be(0x5678u);
    }

    [Fact]
    public void Push_T1_decrements_sp_and_stores_lr_highest()
    {
        var t = TestCpu.WithCode(0xB530 /* push {r4, r5, lr} */)
            .Reg(13, Data + 0x100).Reg(4, 4).Reg(5, 5).Reg(14, 0xE).Run();
        t[13].Should().Be(Data + 0xF4);
        t.ReadWord(Data + 0xF4).Should().Be(4u);
        t.ReadWord(Data + 0xF8).Should().Be(5u);
        t.ReadWord(Data + 0xFC).Should().Be(0xEu);
    }

    [Fact]
    public void Pop_T1_with_pc_is_an_interworking_return()
    {
        var t = TestCpu.WithCode(0xBD30 /* pop {r4, r5, pc} */)
            .Word(Data + 0xF4, 0x44).Word(Data + 0xF8, 0x55).Word(Data + 0xFC, 0x0000_2469).Reg(13, Data + 0xF4).Run();
        t[4].Should().Be(0x44u);
        t[5].Should().Be(0x55u);
        t[13].Should().Be(Data + 0x100);
        t.Cpu.Pc.Should().Be(0x2468u);
    }

    [Fact]
    public void Pop_pc_with_bit0_clear_faults_INVSTATE()
    {
        // The pop completes (EPSR.T = 0); INVSTATE comes with the next instruction (A2.3.1 LoadWritePC).
        var t = TestCpu.WithCode(0xBD00 /* pop {pc} */).Word(Data, 0x0000_2468).Reg(13, Data).Run(2);
        t.Result.Reason.Should().Be(StopReason.Fault);
        t.Result.Message.Should().Contain("INVSTATE");
    }

    [Fact]
    public void Push_and_pop_T2_round_trip_four_registers()
    {
        var t = TestCpu.WithCode(0xE92D_4070 /* push.w {r4, r5, r6, lr} */)
            .Reg(13, Data + 0x40).Reg(4, 0x4).Reg(5, 0x5).Reg(6, 0x6).Reg(14, 0x0000_1235).Run();
        t[13].Should().Be(Data + 0x30);
        t.ReadWord(Data + 0x30).Should().Be(4u);
        t.ReadWord(Data + 0x3C).Should().Be(0x1235u);

        var p = TestCpu.WithCode(0xE8BD_8070 /* pop.w {r4, r5, r6, pc} */)
            .Word(Data + 0x30, 0x40).Word(Data + 0x34, 0x50).Word(Data + 0x38, 0x60).Word(Data + 0x3C, 0x1235)
            .Reg(13, Data + 0x30).Run();
        p[4].Should().Be(0x40u);
        p[5].Should().Be(0x50u);
        p[6].Should().Be(0x60u);
        p[13].Should().Be(Data + 0x40);
        p.Cpu.Pc.Should().Be(0x1234u);
    }

    [Fact]
    public void Ldm_T2_without_writeback_keeps_the_base()
    {
        var t = TestCpu.WithCode(0xE890_0006 /* ldmia.w r0, {r1, r2} */).Word(Data, 1).Word(Data + 4, 2).Reg(0, Data).Run();
        t[1].Should().Be(1u);
        t[2].Should().Be(2u);
        t[0].Should().Be(Data);
    }

    [Fact]
    public void Ldm_T2_with_writeback_advances_the_base()
    {
        var t = TestCpu.WithCode(0xE8B0_000E /* ldmia.w r0!, {r1, r2, r3} */).Word(Data + 8, 3).Reg(0, Data).Run();
        t[3].Should().Be(3u);
        t[0].Should().Be(Data + 12);
    }

    [Fact]
    public void Stmdb_stores_below_the_base_and_writes_back_the_lowest_address()
    {
        var t = TestCpu.WithCode(0xE920_000E /* stmdb r0!, {r1, r2, r3} */)
            .Reg(0, Data + 0x20).Reg(1, 0x1).Reg(2, 0x2).Reg(3, 0x3).Run();
        t[0].Should().Be(Data + 0x14);
        t.ReadWord(Data + 0x14).Should().Be(1u);
        t.ReadWord(Data + 0x18).Should().Be(2u);
        t.ReadWord(Data + 0x1C).Should().Be(3u);
    }

    [Fact]
    public void Ldmdb_reads_the_block_below_the_base()
    {
        var t = TestCpu.WithCode(0xE930_0006 /* ldmdb r0!, {r1, r2} */).Word(Data + 0x18, 0x18).Word(Data + 0x1C, 0x1C).Reg(0, Data + 0x20).Run();
        t[1].Should().Be(0x18u);
        t[2].Should().Be(0x1Cu);
        t[0].Should().Be(Data + 0x18);
    }

    [Fact]
    public void Stm_T2_without_writeback()
    {
        var t = TestCpu.WithCode(0xE880_0006 /* stmia.w r0, {r1, r2} */).Reg(0, Data).Reg(1, 9).Reg(2, 10).Run();
        t.ReadWord(Data).Should().Be(9u);
        t.ReadWord(Data + 4).Should().Be(10u);
        t[0].Should().Be(Data);
    }

    [Fact]
    public void Ldm_from_an_unaligned_base_faults_UNALIGNED_and_loads_nothing()
    {
        var t = TestCpu.WithCode(0xC80E /* ldmia r0!, {r1, r2, r3} */).Reg(0, Data + 2).Reg(1, 0xAA).Run();
        t.Result.Reason.Should().Be(StopReason.Fault);
        t.Result.Message.Should().Contain("UNALIGNED");
        t[1].Should().Be(0xAAu);
        t[0].Should().Be(Data + 2);
    }

    [Fact]
    public void Ldm_that_faults_part_way_changes_no_register()
    {
        // The block runs off the end of PSRAM (16 MB at 0x6000_0000, nothing mapped above) after the first word.
        uint last = 0x6100_0000 - 4;
        var t = TestCpu.WithCode(0xC80E /* ldmia r0!, {r1, r2, r3} */).Word(last, 0x77).Reg(0, last).Reg(1, 1).Reg(2, 2).Run();
        t.Result.Reason.Should().Be(StopReason.Fault);
        t[1].Should().Be(1u);
        t[2].Should().Be(2u);
        t[0].Should().Be(last);
    }

    [Fact]
    public void Ldm_T2_loading_pc_and_lr_together_is_UNPREDICTABLE()
    {
        var t = TestCpu.WithCode(0xE8BD_C000 /* ldmia.w sp!, {lr, pc} */).Reg(13, Data).Run();
        t.Result.Reason.Should().Be(StopReason.Fault);
        t.Result.Message.Should().Contain("UNDEFINSTR");
    }

    [Fact]
    public void Ldm_T2_with_a_single_register_is_UNPREDICTABLE()
    {
        var t = TestCpu.WithCode(0xE890_0002 /* ldmia.w r0, {r1} */).Reg(0, Data).Run();
        t.Result.Reason.Should().Be(StopReason.Fault);
        t.Result.Message.Should().Contain("UNDEFINSTR");
    }
}
