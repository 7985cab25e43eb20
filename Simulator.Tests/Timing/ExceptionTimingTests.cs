using FluentAssertions;
using M7Sim.Timing;
using Xunit;

namespace M7Sim.Tests.Timing;

/// <summary>
/// Exception entry and return cost (timing-models/cores/cortex-m7.json "exceptions": estimates, the
/// facts have no M7 figure), charged when IPSR changes between two instructions.
/// </summary>
public sealed class ExceptionTimingTests
{
    [Fact]
    public void Svc_entry_and_return_each_cost_the_configured_cycles()
    {
        var model = CoreModel.Load("cortex-m7");
        // Vector table at the board's boot address (VTOR = 0x00200000, flash via ITCM): SVCall (11) -> handler at 0x200 (ITCM RAM).
        var t = TimingCpu.At(0x100, 0xDF00, 0xBF00)                 // svc #0 ; nop
            .Word(0x0020_0000 + 11 * 4, 0x201)
            .Word(0x200, 0x0000_4770);                              // handler: bx lr
        t.Cpu.Pc = 0x100;
        t.Run(3);                                                   // svc, bx lr (in the handler), nop
        t.Cpu.Pc.Should().Be(0x104);
        t.Counters.Exceptions.Should().Be(2);
        t.Counters.Stall(StallCause.Exception).Should().Be((ulong)(model.ExceptionEntry + model.ExceptionReturn));
    }
}
