using FluentAssertions;
using Xunit;

namespace M7Sim.Tests.Execution;

/// <summary>The encoders the exception tests build programs with, against arm-none-eabi-as output.</summary>
public class ExceptionTestEncodingTests
{
    [Theory]
    [InlineData(0, 0xE200u, 0xF24E_2000u)] // movw r0, #0xe200
    [InlineData(7, 0x0FFFu, 0xF640_77FFu)] // movw r7, #0xfff
    public void Movw_matches_the_assembler(int rd, uint imm, uint encoding) => T.Movw(rd, imm).Should().Be(encoding);

    [Theory]
    [InlineData(0, 0xE000u, 0xF2CE_0000u)]  // movt r0, #0xe000
    [InlineData(12, 0x8001u, 0xF2C8_0C01u)] // movt ip, #0x8001
    public void Movt_matches_the_assembler(int rd, uint imm, uint encoding) => T.Movt(rd, imm).Should().Be(encoding);

    [Fact]
    public void Fixed_encodings_match_the_assembler()
    {
        T.Str(3, 0, 1).Should().Be(0x6043u);        // str r3, [r0, #4]
        T.Ldr(3, 0, 1).Should().Be(0x6843u);        // ldr r3, [r0, #4]
        T.Adds(3, 1).Should().Be(0x3301u);          // adds r3, #1
        T.MsrBasepri(1).Should().Be(0xF381_8811u);  // msr BASEPRI, r1
        T.MsrPsp(0).Should().Be(0xF380_8809u);      // msr PSP, r0
        T.MsrControl(1).Should().Be(0xF381_8814u);  // msr CONTROL, r1
        T.MrsIpsr(5).Should().Be(0xF3EF_8505u);     // mrs r5, IPSR
        T.VmovSR(0, 1).Should().Be(0xEE00_1A10u);   // vmov s0, r1
        T.Bx(0).Should().Be(0x4700u);               // bx r0
    }
}
