using FluentAssertions;
using M7Sim.Decoding;
using M7Sim.Simulation;
using M7Sim.Tests.TestSupport;
using Xunit;

namespace M7Sim.Tests.Execution;

/// <summary>
/// Generic coprocessor instructions (A5.3.18) on a Cortex-M7, which has no coprocessor other than the
/// FPU (CP10/CP11): each one takes a UsageFault with CFSR.NOCP (bit 19) and changes nothing else.
/// Encodings from arm-none-eabi-as -mcpu=cortex-m7.
/// </summary>
public sealed class CoprocessorTests
{
    private const uint NocpBit = 1u << 19;

    [Theory]
    [InlineData(0xEE13_20A4u)] // cdp p0, #1, c2, c3, c4, #5
    [InlineData(0xFE13_23A4u)] // cdp2 p3, #1, c2, c3, c4, #5
    [InlineData(0xEE02_1793u)] // mcr p7, #0, r1, c2, c3, #4
    [InlineData(0xEE12_1F93u)] // mrc p15, #0, r1, c2, c3, #4
    [InlineData(0xEC44_3125u)] // mcrr p1, #2, r3, r4, c5
    [InlineData(0xFC54_3125u)] // mrrc2 p1, #2, r3, r4, c5
    [InlineData(0xED94_3202u)] // ldc p2, c3, [r4, #8]
    [InlineData(0xEC64_3202u)] // stcl p2, c3, [r4], #-8
    public void Coprocessor_instructions_fault_NOCP_and_leave_registers_and_memory_alone(uint encoding)
    {
        var t = TestCpu.WithCode(encoding).Reg(1, 0x1111_1111).Reg(3, 0x3333_3333).Reg(4, TestCpu.DataBase + 0x100)
            .Word(TestCpu.DataBase + 0x100, 0xCAFE_F00D);
        t.Run();
        t.Result.Reason.Should().Be(StopReason.Fault);
        (t.Machine.Scs.Cfsr & NocpBit).Should().Be(NocpBit, "no coprocessor 0-9 or 12-15 is present: UsageFault NOCP, not UNDEFINSTR");
        t[1].Should().Be(0x1111_1111u);
        t[3].Should().Be(0x3333_3333u);
        t[4].Should().Be(TestCpu.DataBase + 0x100, "no writeback");
        t.ReadWord(TestCpu.DataBase + 0x100).Should().Be(0xCAFE_F00Du);
    }

    [Theory]
    [InlineData(0xEE12_DF93u, "Unpredictable")] // mrc p15, #0, sp, c2, c3, #4: Rt = SP (A7.7.80)
    [InlineData(0xEE02_F793u, "Unpredictable")] // mcr p7, #0, pc, c2, c3, #4: Rt = PC (A7.7.74)
    [InlineData(0xEC44_D125u, "Unpredictable")] // mcrr p1, #2, sp, r4, c5
    [InlineData(0xEC53_3325u, "Unpredictable")] // mrrc p3, #2, r3, r3, c5: Rt2 = Rt (A7.7.81; the assembler refuses it)
    [InlineData(0xEC04_3202u, "Undefined")]     // P = U = D = W = 0: UNDEFINED (A5.3.18 op1 = 00000x)
    [InlineData(0xEEB0_0A80u, "Undefined")]     // coproc 10 space that no FP instruction uses
    [InlineData(0xEE13_20A4u, "Ok")]            // cdp p0, #1, c2, c3, c4, #5
    public void Coprocessor_decoding_follows_the_encoding_rules(uint encoding, string expected)
    {
        Decoder.Instance.Decode(encoding, is32: true, out _, out _).ToString().Should().Be(expected);
    }

    [Fact]
    public void Coprocessor_10_and_11_encodings_still_reach_the_fp_rows()
    {
        // vadd.f32 s0, s1, s2 = EE30 0A81; vldr s0, [r0] = ED90 0A00; vmov r1, s0 = EE10 1A10
        foreach (var (enc, name) in new[] { (0xEE30_0A81u, "VaddT1"), (0xED90_0A00u, "VldrT1"), (0xEE10_1A10u, "VmovFromSingleT1") })
        {
            Decoder.Instance.Decode(enc, is32: true, out _, out var row).Should().Be(DecodeStatus.Ok);
            row!.Name.Should().Be(name);
        }
    }
}
