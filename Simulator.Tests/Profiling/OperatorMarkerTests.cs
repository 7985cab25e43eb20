using System.Text;
using FluentAssertions;
using M7Sim.Profiling;
using M7Sim.Tests.TestSupport;
using Xunit;

namespace M7Sim.Tests.Profiling;

/// <summary>The semihosting operator markers (R0 = 0x100 begin, 0x101 end) documented in the README.</summary>
public class OperatorMarkerTests
{
    [Fact]
    public void A_begin_end_marker_pair_is_one_operator_instance_with_its_type_and_label()
    {
        var t = TestCpu.WithCode(
            0x2001,      /* movs r0, #1 */
            0x0200,      /* lsls r0, r0, #8        ; r0 = 0x100: begin operator */
            0xF240_0100, /* movw r1, #0 */
            0xF2C2_0100, /* movt r1, #0x2000       ; r1 -> {type, label} */
            0xBEAB,      /* bkpt 0xab */
            0x2203,      /* movs r2, #3 */
            0xFB02_3302, /* mla r3, r2, r2, r3     ; one MAC inside the operator */
            0xF240_1001, /* movw r0, #0x101        ; end operator */
            0xBEAB,      /* bkpt 0xab */
            0xBF00);     /* nop */
        t.Word(TestCpu.DataBase, TestCpu.DataBase + 0x10).Word(TestCpu.DataBase + 4, TestCpu.DataBase + 0x20);
        t.Machine.WriteMemory(TestCpu.DataBase + 0x10, Encoding.ASCII.GetBytes("custom_op\0"));
        t.Machine.WriteMemory(TestCpu.DataBase + 0x20, Encoding.ASCII.GetBytes("layer A\0"));

        var profiler = new Profiler(t.Machine, OperatorCatalog.Load());
        var tracer = new ProfilingTracer(profiler);
        t.Machine.Run(ref tracer, 10);
        profiler.Finish();

        var op = profiler.Operators.Should().ContainSingle().Subject;
        op.Type.Should().Be("custom_op");
        op.Label.Should().Be("layer A");
        // From the instruction after the begin BKPT's retirement to the end BKPT: movs, mla, movw, bkpt.
        op.Costs[CostLayout.Instructions].Should().Be(4);
        op.Costs[CostLayout.Macs].Should().Be(1);
    }
}
