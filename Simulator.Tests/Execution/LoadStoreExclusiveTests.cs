using FluentAssertions;
using M7Sim.Simulation;
using M7Sim.Tests.TestSupport;
using Xunit;

namespace M7Sim.Tests.Execution;

/// <summary>LDREX/STREX/CLREX and the local exclusive monitor (A3.4, A7.7.52-A7.7.54, A7.7.167-A7.7.169).</summary>
public class LoadStoreExclusiveTests
{
    private const uint Data = TestCpu.DataBase;

    [Fact]
    public void Strex_after_ldrex_to_the_same_address_stores_and_returns_0()
    {
        var t = TestCpu.WithCode(
                0xE852_1F00 /* ldrex r1, [r2] */,
                0xE842_4300 /* strex r3, r4, [r2] */)
            .Word(Data, 0x55).Reg(2, Data).Reg(4, 0x66).Reg(3, 0xFF).Run();
        t[1].Should().Be(0x55u);
        t[3].Should().Be(0u);
        t.ReadWord(Data).Should().Be(0x66u);
        t.Cpu.ExclusiveOpen.Should().BeFalse("a store-exclusive always clears the monitor");
    }

    [Fact]
    public void Strex_without_a_ldrex_fails_with_1_and_stores_nothing()
    {
        var t = TestCpu.WithCode(0xE842_4300 /* strex r3, r4, [r2] */).Word(Data, 0x55).Reg(2, Data).Reg(4, 0x66).Run();
        t[3].Should().Be(1u);
        t.ReadWord(Data).Should().Be(0x55u);
    }

    [Fact]
    public void Clrex_makes_the_next_strex_fail()
    {
        var t = TestCpu.WithCode(
                0xE852_1F00 /* ldrex r1, [r2] */,
                0xF3BF_8F2F /* clrex */,
                0xE842_4300 /* strex r3, r4, [r2] */)
            .Word(Data, 0x55).Reg(2, Data).Reg(4, 0x66).Run();
        t[3].Should().Be(1u);
        t.ReadWord(Data).Should().Be(0x55u);
    }

    [Fact]
    public void Strex_to_another_address_fails_and_clears_the_monitor()
    {
        var t = TestCpu.WithCode(
                0xE852_1F00 /* ldrex r1, [r2] */,
                0xE842_4302 /* strex r3, r4, [r2, #8] */,
                0xE842_4300 /* strex r3, r4, [r2] */)
            .Reg(2, Data).Reg(4, 0x66).Run(2);
        t[3].Should().Be(1u);
        t.ReadWord(Data + 8).Should().Be(0u);
        t.Run(1);
        t[3].Should().Be(1u, "the failed strex cleared the monitor");
    }

    [Fact]
    public void Ldrex_and_strex_with_an_immediate_offset()
    {
        var t = TestCpu.WithCode(
                0xE852_1F02 /* ldrex r1, [r2, #8] */,
                0xE842_4302 /* strex r3, r4, [r2, #8] */)
            .Word(Data + 8, 0x99).Reg(2, Data).Reg(4, 0x77).Run();
        t[1].Should().Be(0x99u);
        t[3].Should().Be(0u);
        t.ReadWord(Data + 8).Should().Be(0x77u);
    }

    [Fact]
    public void Byte_exclusives_touch_one_byte()
    {
        var t = TestCpu.WithCode(
                0xE8D2_1F4F /* ldrexb r1, [r2] */,
                0xE8C2_4F43 /* strexb r3, r4, [r2] */)
            .Word(Data, 0x1122_33F4).Reg(2, Data).Reg(4, 0xAB).Run();
        t[1].Should().Be(0xF4u);
        t[3].Should().Be(0u);
        t.ReadWord(Data).Should().Be(0x1122_33ABu);
    }

    [Fact]
    public void Halfword_exclusives_touch_two_bytes()
    {
        var t = TestCpu.WithCode(
                0xE8D2_1F5F /* ldrexh r1, [r2] */,
                0xE8C2_4F53 /* strexh r3, r4, [r2] */)
            .Word(Data, 0x1122_8344).Reg(2, Data).Reg(4, 0xABCD).Run();
        t[1].Should().Be(0x8344u);
        t[3].Should().Be(0u);
        t.ReadWord(Data).Should().Be(0x1122_ABCDu);
    }

    [Fact]
    public void Unaligned_ldrex_faults_UNALIGNED()
    {
        var t = TestCpu.WithCode(0xE852_1F00 /* ldrex r1, [r2] */).Reg(2, Data + 2).Run();
        t.Result.Reason.Should().Be(StopReason.Fault);
        t.Result.Message.Should().Contain("UNALIGNED");
        t.Cpu.ExclusiveOpen.Should().BeFalse();
    }

    [Fact]
    public void Unaligned_strexh_faults_UNALIGNED_without_writing_the_status()
    {
        var t = TestCpu.WithCode(0xE8C2_4F53 /* strexh r3, r4, [r2] */).Reg(2, Data + 1).Reg(3, 0x33).Run();
        t.Result.Reason.Should().Be(StopReason.Fault);
        t.Result.Message.Should().Contain("UNALIGNED");
        t[3].Should().Be(0x33u);
    }

    [Fact]
    public void An_exception_between_ldrex_and_strex_makes_the_strex_fail()
    {
        // ldrex; svc #0 (handler at 0x1101 is the strex); the exception entry clears the monitor.
        var t = TestCpu.WithCode(
                0xE852_1F00 /* ldrex r1, [r2] */,
                0xDF00 /* svc #0 */)
            .Word(11 * 4, 0x0000_1101).Word(0x1100, 0x4300_E842 /* strex r3, r4, [r2] as two halfwords */)
            .Reg(2, Data).Reg(4, 0x66).Reg(13, Data + 0x400).Run(3);
        t[3].Should().Be(1u);
        t.ReadWord(Data).Should().Be(0u);
    }

    [Fact]
    public void Strex_with_the_status_register_equal_to_the_source_is_UNPREDICTABLE()
    {
        var t = TestCpu.WithCode(0xE842_4400 /* strex r4, r4, [r2] */).Reg(2, Data).Run();
        t.Result.Reason.Should().Be(StopReason.Fault);
        t.Result.Message.Should().Contain("UNDEFINSTR");
    }
}
