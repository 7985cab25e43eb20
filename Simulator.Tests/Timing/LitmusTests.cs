using FluentAssertions;
using M7Sim.Timing;
using Xunit;

namespace M7Sim.Tests.Timing;

/// <summary>
/// Timing litmus suite: short hand-encoded sequences (assembly in the comments, encodings checked with
/// arm-none-eabi-as) decoded and executed by the real tables, timed by the Cortex-M7 model on the
/// stm32f746-nucleo board. Each test names the timing-facts section it checks
/// (shared/reference/cortex-m7-timing-facts.md); expected cycles are worked out from those facts.
/// Code sits in ITCM RAM and data in DTCM (zero wait states) unless the test is about placement.
/// "Cycles" counts from the first instruction's issue cycle to the last one's, inclusive.
/// </summary>
public sealed class LitmusTests
{
    private const uint Dtcm = TimingCpu.Dtcm;

    [Fact] // facts 1.6 (ALU RThroughput 0.5), 3.2 (independent eor+eor = one cycle per pair)
    public void Independent_alu_pairs_dual_issue()
    {
        var t = TimingCpu.WithCode(
            0xEB01_0002,  // add.w r0, r1, r2
            0xEB04_0305,  // add.w r3, r4, r5
            0xEA87_0608,  // eor.w r6, r7, r8
            0xEA4A_090B)  // orr.w r9, r10, r11
            .Run();
        t.Cycles.Should().Be(2);
        t.Counters.DualIssuedPairs.Should().Be(2);
    }

    [Fact] // facts 3.1 Multiply/MAC: all MACs chain on the accumulator every cycle
    public void Smlad_accumulator_chain_runs_at_one_per_cycle()
    {
        var t = TimingCpu.WithCode(
            0xFB22_0003, 0xFB22_0003, 0xFB22_0003, 0xFB22_0003) // 4 x smlad r0, r2, r3, r0
            .Run();
        t.Cycles.Should().Be(4);
    }

    [Fact] // facts 3.1 Multiply/MAC: result latency 2 to a normal operand
    public void Smlad_result_reaches_an_alu_operand_two_cycles_later()
    {
        var t = TimingCpu.WithCode(
            0xFB22_0003,  // smlad r0, r2, r3, r0   cycle 0
            0xEB00_0203)  // add.w r2, r0, r3       cycle 2
            .Run();
        t.Cycles.Should().Be(3);
    }

    [Fact] // facts 3.1 Loads: a word load is usable by the late ALU in the next cycle
    public void Word_load_feeds_an_alu_op_the_next_cycle()
    {
        var t = TimingCpu.WithCode(
            0xF8D1_0000,  // ldr.w r0, [r1]         cycle 0
            0xEB00_0203)  // add.w r2, r0, r3       cycle 1
            .Reg(1, Dtcm + 0x100).Run();
        t.Cycles.Should().Be(2);
    }

    [Fact] // facts 3.1 Loads: byte/half loads are usable by the late ALU one cycle later than word loads
    public void Byte_load_feeds_an_alu_op_one_cycle_later()
    {
        var t = TimingCpu.WithCode(
            0xF891_0000,  // ldrb.w r0, [r1]        cycle 0
            0xEB00_0203)  // add.w r2, r0, r3       cycle 2
            .Reg(1, Dtcm + 0x100).Run();
        t.Cycles.Should().Be(3);
    }

    [Fact] // facts 3.1 Loads: two loads dual-issue only on different banks (word address bit 2); 4 D0TCM/D1TCM
    public void Two_loads_to_the_same_dtcm_bank_do_not_pair()
    {
        var same = TimingCpu.WithCode(
            0xF8D1_0000,  // ldr.w r0, [r1]
            0xF8D1_2008)  // ldr.w r2, [r1, #8]     same bank: next cycle
            .Reg(1, Dtcm + 0x100).Run();
        same.Cycles.Should().Be(2);
        same.Counters.Stall(StallCause.BankConflict).Should().Be(1);
        var other = TimingCpu.WithCode(
            0xF8D1_0000,  // ldr.w r0, [r1]
            0xF8D1_2004)  // ldr.w r2, [r1, #4]     other bank: same cycle
            .Reg(1, Dtcm + 0x100).Run();
        other.Cycles.Should().Be(1);
    }

    [Fact] // facts 3.1 Multiply/MAC: MACs cannot dual-issue with stores (but do with ALU ops)
    public void Mac_and_store_do_not_pair()
    {
        var store = TimingCpu.WithCode(
            0xFB22_0003,  // smlad r0, r2, r3, r0
            0xF8C1_4000)  // str.w r4, [r1]
            .Reg(1, Dtcm + 0x100).Run();
        store.Cycles.Should().Be(2);
        var alu = TimingCpu.WithCode(
            0xFB22_0003,  // smlad r0, r2, r3, r0
            0xEB05_0406)  // add.w r4, r5, r6
            .Run();
        alu.Cycles.Should().Be(1);
    }

    [Fact] // facts 3.1 Branches: mispredict costs 8 cycles when the flags are set just before the branch
    public void Mispredicted_branch_costs_eight_cycles()
    {
        // The forward bne.w is not in the BTAC, so it is predicted not taken (static rule), but it is taken.
        var t = TimingCpu.WithCode(
            0xF1B0_0F00,  // cmp.w r0, #0           cycle 0
            0xF040_8002,  // bne.w +8 (skips one)   cycle 0, mispredicted: 8 empty cycles
            0xEB06_0507,  // add.w r5, r6, r7       (skipped)
            0xEB06_0807)  // add.w r8, r6, r7       cycle 9
            .Reg(0, 1).Run(3);
        t.Cycles.Should().Be(10);
        t.Counters.Mispredicts.Should().Be(1);
        t.Counters.Stall(StallCause.BranchMispredict).Should().Be(8);
    }

    [Fact] // facts 3.1 Branches: reduced to 6 by flag forwarding when the flag setter is >= 3 cycles before the branch
    public void Mispredicted_branch_costs_six_cycles_when_flags_were_set_three_cycles_earlier()
    {
        var t = TimingCpu.WithCode(
            0xF1B0_0F00,  // cmp.w r0, #0           cycle 0
            0xEB06_0507,  // add.w r5, r6, r7       cycle 0
            0xEB06_0907,  // add.w r9, r6, r7       cycle 1
            0xEB06_0A07,  // add.w r10, r6, r7      cycle 1
            0xEB06_0B07,  // add.w r11, r6, r7      cycle 2
            0xEB06_0C07,  // add.w r12, r6, r7      cycle 2
            0xF040_8002,  // bne.w +8               cycle 3, mispredicted: 6 empty cycles
            0xEB06_0507,  // add.w r5, r6, r7       (skipped)
            0xEB06_0807)  // add.w r8, r6, r7       cycle 10
            .Reg(0, 1).Run(8);
        t.Cycles.Should().Be(11);
        t.Counters.Stall(StallCause.BranchMispredict).Should().Be(6);
    }

    [Theory] // facts 3.1 LDRD/STRD/LDM/STM: ceil(nregs/2) cycles
    [InlineData(0xE891_003Cu, 2)]  // ldmia.w r1, {r2-r5}
    [InlineData(0xE891_007Cu, 3)]  // ldmia.w r1, {r2-r6}
    public void Ldm_of_n_registers_takes_ceil_n_over_2_cycles(uint ldm, int cycles)
    {
        var t = TimingCpu.WithCode(ldm).Reg(1, Dtcm + 0x100).Run();
        t.Cycles.Should().Be((ulong)cycles);
    }

    [Fact] // facts 3.1 FPU (SP): vdiv.f32 16 cycles; FPU table: vadd consumer
    public void Vdiv_f32_result_is_ready_after_16_cycles()
    {
        var t = TimingCpu.WithCode(
            0xEE80_0A81,  // vdiv.f32 s0, s1, s2    cycle 0
            0xEE70_1A00)  // vadd.f32 s3, s0, s0    cycle 16
            .Fp().Run();
        t.Cycles.Should().Be(17);
    }

    [Fact] // facts 3.3 rust-embedded #430: subs/bne loop 1 cycle per iteration from zero-wait memory; 3.1 predicted-taken branch pairs with its target
    public void Subs_bne_loop_runs_one_cycle_per_iteration()
    {
        static ulong Loop(uint n) => TimingCpu.WithCode(
            0x3801,  // loop: subs r0, #1
            0xD1FD)  //       bne loop
            .Reg(0, n).RunToEnd().Cycles;
        (Loop(30) - Loop(10)).Should().Be(20);
    }

    [Fact] // facts 3.1 operand2 matrix: an inline shifted register operand must be ready one cycle earlier
    public void Shifted_operand_needs_its_source_one_cycle_earlier()
    {
        var shifted = TimingCpu.WithCode(
            0xEA81_0002,  // eor.w r0, r1, r2            cycle 0 (late ALU)
            0xEB03_0380)  // add.w r3, r3, r0, lsl #2    cycle 2
            .Run();
        shifted.Cycles.Should().Be(3);
        var plain = TimingCpu.WithCode(
            0xEA81_0002,  // eor.w r0, r1, r2            cycle 0
            0xEB03_0300)  // add.w r3, r3, r0            cycle 1
            .Run();
        plain.Cycles.Should().Be(2);
    }

    [Fact] // facts 3.1 Bitfield & DSP ops: cannot dual-issue with each other
    public void Two_extend_ops_do_not_pair()
    {
        var t = TimingCpu.WithCode(
            0xFA2F_F283,  // sxtb16 r2, r3
            0xFA2F_F485)  // sxtb16 r4, r5
            .Run();
        t.Cycles.Should().Be(2);
    }

    [Fact] // facts 3.1 Overall: movw+movt dual-issue although dependent (early ALU)
    public void Movw_movt_pair_dual_issues()
    {
        var t = TimingCpu.WithCode(
            0xF241_2034,  // movw r0, #0x1234
            0xF2C5_6078)  // movt r0, #0x5678
            .Run();
        t.Cycles.Should().Be(1);
        t.Cpu.R[0].Should().Be(0x5678_1234);
    }

    [Fact] // facts 3.2 (quinapalus, secondary [L]): load data -> address (pointer chase) = 3 cycles
    public void Pointer_chase_costs_three_cycles_per_load()
    {
        var t = TimingCpu.WithCode(
            0xF8D1_1000,  // ldr.w r1, [r1]   cycle 0
            0xF8D1_1000)  // ldr.w r1, [r1]   cycle 3
            .Reg(1, Dtcm + 0x100).Word(Dtcm + 0x100, Dtcm + 0x200).Run();
        t.Cycles.Should().Be(4);
    }

    [Fact] // facts 1.4 SDIV/UDIV: single issue, stalls for its latency 7 (LLVM; no measurement, gap 7)
    public void Udiv_stalls_the_pipeline_for_seven_cycles()
    {
        var t = TimingCpu.WithCode(
            0xFBB3_F2F4,  // udiv r2, r3, r4      cycle 0
            0xEB01_0100)  // add.w r1, r1, r0     cycle 7
            .Reg(3, 100).Reg(4, 7).Run();
        t.Cycles.Should().Be(8);
    }
}
