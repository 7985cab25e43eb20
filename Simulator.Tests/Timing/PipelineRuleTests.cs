using FluentAssertions;
using M7Sim.Decoding;
using M7Sim.Timing;
using Xunit;
using static M7Sim.Tests.Timing.PipelineHarness;

namespace M7Sim.Tests.Timing;

/// <summary>
/// The model's rules on synthetic instructions (no decoder involved). Expected cycles are worked out by
/// hand from the timing facts (shared/reference/cortex-m7-timing-facts.md, section named per test);
/// "cycles" counts issue cycles from the first instruction's to the last one's, inclusive.
/// </summary>
public sealed class PipelineRuleTests
{
    private static DecodedInst Alu(int rd, int rn, int rm) => Inst(TimingClass.Alu, src: Mask(rn, rm), dst: Mask(rd));

    [Fact] // facts 1.6 (ALU RThroughput 0.5), 3.2 (eor+eor one cycle per pair)
    public void Independent_alu_ops_dual_issue_two_per_cycle()
    {
        var h = new PipelineHarness();
        h.Step(Alu(0, 1, 2)).Step(Alu(3, 4, 5)).Step(Alu(6, 7, 8)).Step(Alu(9, 10, 11));
        h.Cycles.Should().Be(2);
        h.Counters.DualIssuedPairs.Should().Be(2);
    }

    [Fact] // facts 1.4 ALU latency 1 (late ALU): a dependent op issues the next cycle
    public void Dependent_alu_chain_issues_one_per_cycle()
    {
        var h = new PipelineHarness();
        h.Repeat(4, Alu(0, 0, 1));
        h.Cycles.Should().Be(4);
    }

    [Fact] // facts 3.1 Overall: movw+movt dual-issue although dependent (early ALU forwards in 0 cycles)
    public void Early_alu_result_feeds_the_younger_slot_in_the_same_cycle()
    {
        var h = new PipelineHarness();
        h.Step(Inst(TimingClass.Alu, dst: Mask(0), mnemonic: "movw"))
         .Step(Inst(TimingClass.Alu, src: Mask(0), dst: Mask(0), mnemonic: "movt"));
        h.Cycles.Should().Be(1);
    }

    [Fact] // facts 3.1 Overall: only add/sub/mov use the early ALU; a logic op (class Alu, no override) does not forward in 0 cycles
    public void Plain_alu_result_is_not_forwarded_within_the_pair()
    {
        var h = new PipelineHarness();
        h.Step(Alu(0, 1, 2)).Step(Alu(3, 0, 4));
        h.Cycles.Should().Be(2);
    }

    [Fact] // facts 3.1 operand2 matrix: an inline shifted operand must be ready one cycle earlier
    public void Shifted_operand_waits_one_extra_cycle_for_a_late_alu_result()
    {
        var h = new PipelineHarness();
        h.Step(Alu(0, 1, 2))                                                              // cycle 0
         .Step(Inst(TimingClass.AluShiftedOp, src: Mask(3), early: Mask(0), dst: Mask(4))); // needs r0 at cycle 0+1+1
        h.Cycles.Should().Be(3);
        h.Counters.Stall(StallCause.EarlyOperand).Should().Be(2); // 1 from the pair slot, 1 from the early read
    }

    [Fact] // facts 3.1 Multiply/MAC: SMLAD->SMLAD on the same accumulator every cycle
    public void Mac_accumulator_chain_runs_one_per_cycle()
    {
        var h = new PipelineHarness();
        var smlad = Inst(TimingClass.Mac, src: Mask(0, 1, 2), dst: Mask(0), rd: 0, ra: 0); // smlad r0, r1, r2, r0
        h.Repeat(4, smlad);
        h.Cycles.Should().Be(4);
    }

    [Fact] // facts 3.1 Multiply/MAC: result latency 2 to a normal operand
    public void Mac_result_reaches_an_alu_operand_after_two_cycles()
    {
        var h = new PipelineHarness();
        h.Step(Inst(TimingClass.Mac, src: Mask(0, 1, 2), dst: Mask(0), rd: 0, ra: 0)) // cycle 0
         .Step(Alu(3, 0, 4));                                                         // cycle 2
        h.Cycles.Should().Be(3);
        h.Counters.Stall(StallCause.MulDependency).Should().Be(2);
    }

    [Fact] // facts 3.1 Loads: a word load is usable by the late ALU in the next cycle
    public void Word_load_result_is_used_the_next_cycle()
    {
        var h = new PipelineHarness();
        h.Step(Inst(TimingClass.Load, early: Mask(1), dst: Mask(0), rd: 0, rn: 1), (Dtcm, 4, false))
         .Step(Alu(2, 0, 3));
        h.Cycles.Should().Be(2);
    }

    [Fact] // facts 3.1 Loads: byte/half loads one extra cycle
    public void Byte_load_result_is_used_one_cycle_later_than_a_word_load()
    {
        var h = new PipelineHarness();
        h.Step(Inst(TimingClass.LoadSub, early: Mask(1), dst: Mask(0), rd: 0, rn: 1), (Dtcm, 1, false))
         .Step(Alu(2, 0, 3));
        h.Cycles.Should().Be(3);
        h.Counters.Stall(StallCause.LoadUse).Should().Be(2);
    }

    [Fact] // facts 3.1 Multiply/MAC: multiplicands cannot take an ldr result from the previous cycle
    public void Mac_multiplicand_waits_two_cycles_for_a_word_load()
    {
        var h = new PipelineHarness();
        h.Step(Inst(TimingClass.Load, early: Mask(1), dst: Mask(2), rd: 2, rn: 1), (Dtcm, 4, false)) // cycle 0
         .Step(Inst(TimingClass.Mac, src: Mask(0, 2, 3), dst: Mask(0), rd: 0, ra: 0));             // cycle 2
        h.Cycles.Should().Be(3);
    }

    [Theory] // facts 3.1 Loads: two loads pair only on different banks (word address bit 2); 4 TRM D0TCM/D1TCM
    [InlineData(Dtcm + 0, Dtcm + 4, 1)]
    [InlineData(Dtcm + 0, Dtcm + 8, 2)]
    [InlineData(Dtcm + 12, Dtcm + 16, 1)]
    public void Two_loads_pair_only_on_different_dtcm_banks(uint first, uint second, int cycles)
    {
        var h = new PipelineHarness();
        h.Step(Inst(TimingClass.Load, early: Mask(1), dst: Mask(0), rd: 0, rn: 1), (first, 4, false))
         .Step(Inst(TimingClass.Load, early: Mask(3), dst: Mask(2), rd: 2, rn: 3), (second, 4, false));
        h.Cycles.Should().Be((ulong)cycles);
    }

    [Fact] // facts 3.1 Multiply/MAC: cannot dual-issue with stores
    public void Mac_and_store_do_not_pair()
    {
        var h = new PipelineHarness();
        h.Step(Inst(TimingClass.Mac, src: Mask(0, 1, 2), dst: Mask(0), rd: 0, ra: 0))
         .Step(Inst(TimingClass.Store, src: Mask(4), early: Mask(5), rd: 4, rn: 5), (Dtcm, 4, true));
        h.Cycles.Should().Be(2);
        h.Counters.Stall(StallCause.Structural).Should().Be(1);
    }

    [Fact] // facts 3.1 Stores: a store can dual-issue with a load and store a value produced in the same cycle
    public void Store_pairs_with_the_load_that_produces_its_data()
    {
        var h = new PipelineHarness();
        h.Step(Inst(TimingClass.Load, early: Mask(1), dst: Mask(0), rd: 0, rn: 1), (Dtcm, 4, false))
         .Step(Inst(TimingClass.Store, src: Mask(0), early: Mask(5), rd: 0, rn: 5), (Dtcm + 0x100, 4, true));
        h.Cycles.Should().Be(1);
    }

    [Fact] // facts 3.1 Stores: two stores never dual-issue
    public void Two_stores_do_not_pair()
    {
        var h = new PipelineHarness();
        h.Step(Inst(TimingClass.Store, src: Mask(0), early: Mask(5), rd: 0, rn: 5), (Dtcm, 4, true))
         .Step(Inst(TimingClass.Store, src: Mask(1), early: Mask(6), rd: 1, rn: 6), (Dtcm + 4, 4, true));
        h.Cycles.Should().Be(2);
    }

    [Fact] // facts 3.1 Bitfield & DSP ops: not with each other, older slot only
    public void Dsp_ops_do_not_pair_with_each_other_and_take_only_the_older_slot()
    {
        var h = new PipelineHarness();
        var sxtb16 = Inst(TimingClass.Extend, src: Mask(1), dst: Mask(0));
        h.Step(sxtb16).Step(Inst(TimingClass.Extend, src: Mask(3), dst: Mask(2))); // two DSP ops: 2 cycles
        h.Cycles.Should().Be(2);
        var g = new PipelineHarness();
        g.Step(Alu(0, 1, 2)).Step(Inst(TimingClass.Extend, src: Mask(3), dst: Mask(4))); // DSP op may not be younger
        g.Cycles.Should().Be(2);
        var k = new PipelineHarness();
        k.Step(Inst(TimingClass.Extend, src: Mask(3), dst: Mask(4))).Step(Alu(0, 1, 2)); // older DSP + ALU pair
        k.Cycles.Should().Be(1);
    }

    [Fact] // facts 3.1 operand2 matrix: two inline-shifted operands never pair
    public void Two_shifted_operand_ops_do_not_pair()
    {
        var h = new PipelineHarness();
        h.Step(Inst(TimingClass.AluShiftedOp, src: Mask(1), early: Mask(2), dst: Mask(0)))
         .Step(Inst(TimingClass.AluShiftedOp, src: Mask(4), early: Mask(5), dst: Mask(3)));
        h.Cycles.Should().Be(2);
    }

    [Theory] // facts 3.1 LDRD/STRD/LDM/STM: ceil(nregs/2) cycles, no pairing before or after
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(4, 2)]
    [InlineData(5, 3)]
    [InlineData(8, 4)]
    public void Ldm_takes_ceil_half_its_registers_in_cycles(int registers, int cycles)
    {
        var h = new PipelineHarness();
        ushort list = (ushort)((1 << registers) - 1);
        var accesses = Enumerable.Range(0, registers).Select(i => (Dtcm + 0x40 + (uint)i * 4, 4, false)).ToArray();
        h.Step(Inst(TimingClass.LoadMultiple, early: Mask(12), dst: list, rn: 12, imm: list), null, true, accesses);
        h.Cycles.Should().Be((ulong)cycles);
        h.Step(Alu(13, 13, 13)); // the next instruction does not pair with it
        h.Cycles.Should().Be((ulong)cycles + 1);
    }

    [Fact] // facts 3.1 Predication: a predicated-false LDM takes all its cycles
    public void Predicated_false_ldm_still_takes_its_cycles()
    {
        var h = new PipelineHarness();
        h.Step(Inst(TimingClass.LoadMultiple, early: Mask(12), dst: 0x00FF, rn: 12, imm: 0x00FF), null, executed: false);
        h.Cycles.Should().Be(4);
    }

    [Fact] // facts 3.1 STM: not 8-byte aligned with an even count costs +1
    public void Stm_of_even_count_not_8_byte_aligned_costs_one_more_cycle()
    {
        var aligned = new PipelineHarness();
        aligned.Step(Inst(TimingClass.StoreMultiple, src: 0x000F, early: Mask(12), rn: 12, imm: 0xF), null, true,
            (Dtcm + 0x40, 4, true), (Dtcm + 0x44, 4, true), (Dtcm + 0x48, 4, true), (Dtcm + 0x4C, 4, true));
        aligned.Cycles.Should().Be(2);
        var unaligned = new PipelineHarness();
        unaligned.Step(Inst(TimingClass.StoreMultiple, src: 0x000F, early: Mask(12), rn: 12, imm: 0xF), null, true,
            (Dtcm + 0x44, 4, true), (Dtcm + 0x48, 4, true), (Dtcm + 0x4C, 4, true), (Dtcm + 0x50, 4, true));
        unaligned.Cycles.Should().Be(3);
    }

    [Theory] // facts 3.1 Loads: unaligned word load +3 as older op, +4 as younger op
    [InlineData(false, 1 + 3)]
    [InlineData(true, 1 + 4)]
    public void Unaligned_load_costs_three_or_four_cycles(bool asYounger, int cycles)
    {
        var h = new PipelineHarness();
        if (asYounger) h.Step(Alu(8, 9, 10));
        h.Step(Inst(TimingClass.Load, early: Mask(1), dst: Mask(0), rd: 0, rn: 1), (Dtcm + 1, 4, false));
        h.Cycles.Should().Be((ulong)cycles);
        h.Counters.Stall(StallCause.UnalignedAccess).Should().Be((ulong)(cycles - 1));
    }

    [Fact] // facts 1.4 SDIV/UDIV: single issue, stalls for its latency (7, LLVM; no measurement)
    public void Divide_blocks_the_pipeline_for_its_latency()
    {
        var h = new PipelineHarness();
        h.Step(Inst(TimingClass.Div, src: Mask(1, 2), dst: Mask(0)))
         .Step(Alu(3, 4, 5));
        h.Cycles.Should().Be(8); // the ALU op issues 7 cycles after the divide
        h.Counters.Stall(StallCause.Divide).Should().Be(6);
    }

    [Fact] // facts 1.4 M7NonGeneralPurpose: MSR/MRS/barriers single issue, stall 3
    public void System_instructions_issue_alone_and_block_three_cycles()
    {
        var h = new PipelineHarness();
        h.Step(Alu(0, 1, 2)).Step(Inst(TimingClass.System)).Step(Alu(3, 4, 5));
        h.Cycles.Should().Be(1 + 3 + 1);
    }

    [Fact] // facts 3.1 Overall: NOPs use issue slots but do not stall (override moves the nop row to class Nop)
    public void Nops_pair_and_do_not_stall()
    {
        var h = new PipelineHarness();
        var nop = Inst(TimingClass.System, mnemonic: "nop", size: 2);
        h.Repeat(4, nop);
        h.Cycles.Should().Be(2);
    }

    [Fact] // facts 3.1 FPU (SP): vdiv.f32 16 cycles; FPU table vadd operand latency 3
    public void Vdiv_f32_result_arrives_after_16_cycles()
    {
        var h = new PipelineHarness();
        // vdiv.f32 s0, s1, s2: Vd=0 (D=0), Vn=0 N=1 -> s1, Vm=1 M=0 -> s2
        const uint vdiv = 0xEE80_0A81;
        // vadd.f32 s3, s0, s0: Vd=1 D=1 -> s3, Vn=0 N=0, Vm=0 M=0
        const uint vadd = 0xEE70_1A00;
        h.Step(Inst(TimingClass.FpDiv, raw: vdiv, flags: InstFlags.Fp))
         .Step(Inst(TimingClass.FpAlu, raw: vadd, flags: InstFlags.Fp));
        h.Cycles.Should().Be(17);
    }

    [Fact] // facts 3.1 FPU (SP): vsqrt.f32 14 cycles (mnemonic override of the FpDiv class)
    public void Vsqrt_f32_locks_the_pipeline_for_14_cycles()
    {
        var h = new PipelineHarness();
        h.Step(Inst(TimingClass.FpDiv, raw: 0xEEB1_0AC1, flags: InstFlags.Fp, mnemonic: "vsqrt")) // vsqrt.f32 s0, s2
         .Step(Alu(3, 4, 5))  // one integer instruction pairs with it
         .Step(Alu(6, 7, 8)); // then the pipeline is locked
        h.Cycles.Should().Be(15);
    }

    [Theory] // facts 3.1 FPU table: vadd.f/vmul.f -> operand 3, vfma.f -> 5, vmla.f -> 6
    [InlineData(TimingClass.FpAlu, 3)]
    [InlineData(TimingClass.FpMul, 3)]
    [InlineData(TimingClass.FpFma, 5)]
    [InlineData(TimingClass.FpMac, 6)]
    public void Fp_results_reach_a_vmul_operand_after_their_latency(TimingClass producer, int latency)
    {
        var h = new PipelineHarness();
        const uint writesS0 = 0xEE30_0A81;  // Vd = s0, Vn = s1, Vm = s2 (vadd/vmla field layout)
        const uint readsS0 = 0xEE21_1A80;   // vmul.f32 s2, s3, s0: Vd=1 -> s2, Vn=1 N=1 -> s3, Vm=0 M=0 -> s0
        h.Step(Inst(producer, raw: writesS0, flags: InstFlags.Fp))
         .Step(Inst(TimingClass.FpMul, raw: readsS0, flags: InstFlags.Fp));
        h.Cycles.Should().Be((ulong)latency + 1);
    }

    [Fact] // facts 3.1 FPU (SP): two FP arithmetic ops cannot dual-issue
    public void Two_independent_fp_ops_do_not_pair()
    {
        var h = new PipelineHarness();
        h.Step(Inst(TimingClass.FpAlu, raw: 0xEE30_0A81, flags: InstFlags.Fp))  // vadd s0, s1, s2
         .Step(Inst(TimingClass.FpAlu, raw: 0xEE72_1AA3, flags: InstFlags.Fp)); // vadd s3, s5, s7
        h.Cycles.Should().Be(2);
    }

    [Fact] // facts 3.1 Stores: unaligned stores clog the store buffer at the 5th consecutive one, then 4 cycles each
    public void Unaligned_stores_stall_once_the_store_buffer_is_full()
    {
        var h = new PipelineHarness();
        var str = Inst(TimingClass.Store, src: Mask(0), early: Mask(5), rd: 0, rn: 5);
        for (int i = 0; i < 4; i++) h.Step(str, (Dtcm + 1 + (uint)i * 8, 4, true));
        h.Cycles.Should().Be(4);
        h.Counters.Stall(StallCause.StoreBuffer).Should().Be(0);
        h.Step(str, (Dtcm + 1 + 32, 4, true));
        h.Counters.Stall(StallCause.StoreBuffer).Should().BeGreaterThan(0);
    }

    [Fact] // facts 3.1 Stores: strb to one bank drains every 4 cycles; store buffer of 4
    public void Byte_stores_to_one_dtcm_bank_settle_at_four_cycles_each()
    {
        var h = new PipelineHarness();
        var strb = Inst(TimingClass.Store, src: Mask(0), early: Mask(5), rd: 0, rn: 5);
        for (int i = 0; i < 20; i++) h.Step(strb, (Dtcm + 0x100, 1, true));
        ulong at20 = h.Cycles;
        for (int i = 0; i < 10; i++) h.Step(strb, (Dtcm + 0x100, 1, true));
        (h.Cycles - at20).Should().Be(40);
    }

    [Fact] // facts 3.1 Stores: strb alternating even/odd banks drains every 2 cycles
    public void Byte_stores_alternating_banks_settle_at_two_cycles_each()
    {
        var h = new PipelineHarness();
        var strb = Inst(TimingClass.Store, src: Mask(0), early: Mask(5), rd: 0, rn: 5);
        for (int i = 0; i < 20; i++) h.Step(strb, (Dtcm + 0x100 + (uint)(i & 1) * 4, 1, true));
        ulong at20 = h.Cycles;
        for (int i = 20; i < 30; i++) h.Step(strb, (Dtcm + 0x100 + (uint)(i & 1) * 4, 1, true));
        (h.Cycles - at20).Should().Be(20);
    }
}
