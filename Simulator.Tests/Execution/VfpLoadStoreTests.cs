using FluentAssertions;
using M7Sim.Simulation;
using M7Sim.Tests.TestSupport;
using Xunit;
using static M7Sim.Tests.Execution.VfpTestSupport;

namespace M7Sim.Tests.Execution;

/// <summary>VLDR/VSTR/VLDM/VSTM/VPUSH/VPOP. Encodings from arm-none-eabi-as -mcpu=cortex-m7 -mfpu=fpv5-d16.</summary>
public class VfpLoadStoreTests
{
    private const uint Data = TestCpu.DataBase;

    [Fact]
    public void Vldr_single_and_double_with_positive_and_negative_offsets()
    {
        // vldr s1, [r2, #8] ; vldr d1, [r2, #-8]
        var t = Fp(0xEDD2_0A02, 0xED12_1B02).Reg(2, Data + 16)
            .Word(Data + 24, 0x3F80_0000).Word(Data + 8, 0x0000_0001).Word(Data + 12, 0x4000_0000).Run();
        t.GetS(1).Should().Be(0x3F80_0000);
        t.GetD(1).Should().Be(0x4000_0000_0000_0001);
    }

    [Fact]
    public void Vldr_literal_uses_the_word_aligned_pc()
    {
        // At CodeBase: vldr s1, [pc, #8] → Align(0x1004, 4) + 8 = 0x100C
        var t = Fp(0xEDDF_0A02);
        t.Word(TestCpu.CodeBase + 12, 0x4049_0FDB).Run();
        t.GetS(1).Should().Be(0x4049_0FDB);
    }

    [Fact]
    public void Vstr_single_and_double_store_the_low_word_first()
    {
        // vstr s1, [r2, #8] ; vstr d1, [r2, #8]  (the second overwrites, so use separate bases)
        var t = Fp(0xEDC2_0A02).Reg(2, Data).S(1, 0xCAFE_F00D).Run();
        t.ReadWord(Data + 8).Should().Be(0xCAFE_F00D);
        var u = Fp(0xED82_1B02).Reg(2, Data).D(1, 0x1122_3344_5566_7788).Run();
        u.ReadWord(Data + 8).Should().Be(0x5566_7788);
        u.ReadWord(Data + 12).Should().Be(0x1122_3344);
    }

    [Fact]
    public void Vldr_from_a_misaligned_address_is_an_UNALIGNED_fault_and_writes_nothing()
    {
        var t = Fp(0xEDD2_0A02 /* vldr s1, [r2, #8] */).Reg(2, Data + 2).S(1, 0x1234_5678).Run();
        t.Result.Reason.Should().Be(StopReason.Fault);
        t.Result.Message.Should().Contain("UNALIGNED");
        t.GetS(1).Should().Be(0x1234_5678);
    }

    [Fact]
    public void Vldmia_with_writeback_loads_consecutive_singles_and_advances_the_base()
    {
        // vldmia r2!, {s1-s3}
        var t = Fp(0xECF2_0A03).Reg(2, Data).Word(Data, 1).Word(Data + 4, 2).Word(Data + 8, 3).Run();
        t.GetS(1).Should().Be(1);
        t.GetS(2).Should().Be(2);
        t.GetS(3).Should().Be(3);
        t[2].Should().Be(Data + 12);
    }

    [Fact]
    public void Vldmia_without_writeback_keeps_the_base()
    {
        // vldmia r2, {d1-d3}
        var t = Fp(0xEC92_1B06).Reg(2, Data);
        for (uint i = 0; i < 6; i++) t.Word(Data + 4 * i, 0x100 + i);
        t.Run();
        t.GetD(1).Should().Be(0x0000_0101_0000_0100);
        t.GetD(3).Should().Be(0x0000_0105_0000_0104);
        t[2].Should().Be(Data);
    }

    [Fact]
    public void Vldmdb_and_vstmdb_decrement_before()
    {
        // vstmdb r2!, {d1-d3} ; vldmdb r1!, {d14-d15}
        var t = Fp(0xED22_1B06, 0xED31_EB04).Reg(2, Data + 0x40).Reg(1, Data + 0x40)
            .D(1, 0x1111_1111_0000_0001).D(2, 0x2222_2222_0000_0002).D(3, 0x3333_3333_0000_0003).Run();
        t[2].Should().Be(Data + 0x40 - 24);
        t.ReadWord(Data + 0x40 - 24).Should().Be(0x0000_0001);
        t.ReadWord(Data + 0x40 - 4).Should().Be(0x3333_3333);
        t.GetD(14).Should().Be(0x2222_2222_0000_0002);
        t.GetD(15).Should().Be(0x3333_3333_0000_0003);
        t[1].Should().Be(Data + 0x40 - 16);
    }

    [Fact]
    public void Vpush_then_vpop_round_trips_through_the_stack()
    {
        // vpush {d8-d15} ; vpop {s16-s31}
        var t = Fp(0xED2D_8B10, 0xECBD_8A10);
        for (int i = 8; i < 16; i++) t.D(i, 0x0101_0101_0101_0101ul * (ulong)i);
        t.Run(1);
        t[13].Should().Be(TestCpu.StackTop - 64);
        t.ReadWord(TestCpu.StackTop - 64).Should().Be(0x0808_0808);
        for (int i = 16; i < 32; i++) t.Cpu.S[i] = 0;
        t.Run(1);
        t[13].Should().Be(TestCpu.StackTop);
        t.GetD(8).Should().Be(0x0808_0808_0808_0808);
        t.GetD(15).Should().Be(0x0F0F_0F0F_0F0F_0F0F);
    }

    [Fact]
    public void Vstmia_all_32_singles_and_vldmia_all_16_doubles()
    {
        // vstmia r2, {s0-s31} ; vldmia r2, {d0-d15}
        var t = Fp(0xEC82_0A20).Reg(2, Data);
        for (int i = 0; i < 32; i++) t.S(i, (uint)(0xA0 + i));
        t.Run();
        t.ReadWord(Data + 31 * 4).Should().Be(0xA0 + 31);
        var u = Fp(0xEC92_0B20).Reg(2, Data);
        for (uint i = 0; i < 32; i++) u.Word(Data + 4 * i, 0xB0 + i);
        u.Run();
        u.GetD(15).Should().Be(((ulong)(0xB0 + 31) << 32) | (0xB0 + 30));
    }

    [Fact]
    public void Vstr_with_the_largest_negative_offset()
    {
        var t = Fp(0xED42_0AFF /* vstr s1, [r2, #-1020] */).Reg(2, Data + 1024).S(1, 0x600D_F00D).Run();
        t.ReadWord(Data + 4).Should().Be(0x600D_F00D);
    }

    [Fact]
    public void A_faulting_vldm_writes_no_register_and_keeps_the_base()
    {
        // vldmia r2!, {s1-s3} from a misaligned base: the first word access faults UNALIGNED (MemA).
        var t = Fp(0xECF2_0A03).Reg(2, Data + 2).S(1, 0x1111_1111).Run();
        t.Result.Reason.Should().Be(StopReason.Fault);
        t.Result.Message.Should().Contain("UNALIGNED");
        t.GetS(1).Should().Be(0x1111_1111);
        t[2].Should().Be(Data + 2);
    }

    [Fact]
    public void A_faulting_vpush_leaves_sp_unchanged()
    {
        var t = Fp(0xED2D_8B10 /* vpush {d8-d15} */).Reg(13, TestCpu.StackTop - 2).Run();
        t.Result.Reason.Should().Be(StopReason.Fault);
        t.Result.Message.Should().Contain("UNALIGNED");
        t[13].Should().Be(TestCpu.StackTop - 2);
    }
}
