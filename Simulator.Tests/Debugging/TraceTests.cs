using System.Text.Json;
using FluentAssertions;
using M7Sim.Debugging;
using M7Sim.Simulation;
using Xunit;

namespace M7Sim.Tests.Debugging;

/// <summary>
/// The instruction trace on <see cref="LoopFirmware"/> (functional timing: one cycle each) and on a
/// committed ELF. Expected lines follow from the program text and the objdump listing.
/// </summary>
public sealed class TraceTests
{
    private static bool HasStalls(JsonElement r) => r.TryGetProperty("stalls", out var s) && s.ValueKind == JsonValueKind.Object;

    private static string[] Trace(Machine m, TraceOptions options)
    {
        var sw = new StringWriter();
        TraceRunner.Run(m, options, sw);
        return sw.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void Text_trace_shows_disassembly_register_writes_memory_accesses_and_branches()
    {
        var lines = Trace(LoopFirmware.Create(Stream.Null), new TraceOptions { Count = 6 });
        lines.Should().HaveCount(7, "a header and six instructions");
        // ldr r1, =0x20000100 reads the literal at 0x64 in SSRAM1.
        lines[1].Should().MatchRegex(@"^\s+1\s+\+1\s+00000040\s.*4908\s+ldr r1, \[pc, #0x20\]\s+r1=0x20000100 R4\[0x00000064 SSRAM1\]=0x20000100$");
        lines[2].Should().MatchRegex(@"00000042 .*2000\s+movs r0, #0\s+r0=0x00000000 flags=nZcvq$", "movs sets Z (the reset flags are all clear)");
        lines[3].Should().MatchRegex(@"00000044 .*adds r0, #1\s+r0=0x00000001 flags=nzcvq$");
        lines[4].Should().MatchRegex(@"00000046 .*str r0, \[r1\]\s+W4\[0x20000100 SSRAM23\]=0x00000001$");
        lines[5].Should().MatchRegex(@"00000048 .*ldr r2, \[r1, #4\]\s+r2=0x00000000 R4\[0x20000104 SSRAM23\]=0x00000000$");
        lines[6].Should().MatchRegex(@"^\s+6\s+\+1\s+0000004a .*e7fb\s+b #0x44\s+-> 0x00000044$");
    }

    [Fact]
    public void From_and_until_addresses_bound_the_traced_part()
    {
        var lines = Trace(LoopFirmware.Create(Stream.Null), new TraceOptions { From = LoopFirmware.Loop, Until = LoopFirmware.Branch, Format = TraceFormat.Csv });
        lines[0].Should().StartWith("instruction,cycle,delta,pc,");
        lines.Skip(1).Select(l => l.Split(',')[3]).Should().Equal("0x00000044", "0x00000046", "0x00000048");
        lines[1].Split(',')[0].Should().Be("3", "two instructions ran untraced before the loop");
    }

    [Fact]
    public void Until_stops_before_a_second_visit_of_the_from_address()
    {
        var lines = Trace(LoopFirmware.Create(Stream.Null), new TraceOptions { From = LoopFirmware.Loop, Until = LoopFirmware.Loop, Format = TraceFormat.Csv });
        lines.Skip(1).Select(l => l.Split(',')[3]).Should().Equal("0x00000044", "0x00000046", "0x00000048", "0x0000004a");
    }

    [Fact]
    public void Json_lines_are_one_object_per_instruction()
    {
        var lines = Trace(LoopFirmware.Create(Stream.Null), new TraceOptions { From = LoopFirmware.Store, Count = 2, Format = TraceFormat.Json });
        lines.Should().HaveCount(2);
        using var store = JsonDocument.Parse(lines[0]);
        store.RootElement.GetProperty("pc").GetString().Should().Be("0x00000046");
        store.RootElement.GetProperty("disassembly").GetString().Should().Be("str r0, [r1]");
        var access = store.RootElement.GetProperty("memory")[0];
        access.GetProperty("address").GetString().Should().Be("0x20000100");
        access.GetProperty("write").GetBoolean().Should().BeTrue();
        access.GetProperty("region").GetString().Should().Be("SSRAM23");
        access.GetProperty("value").GetString().Should().Be("0x1");
        using var load = JsonDocument.Parse(lines[1]);
        load.RootElement.GetProperty("writes").GetProperty("r2").GetString().Should().Be("0x00000000");
    }

    [Fact]
    public void Semihosting_exit_ends_a_whole_run_trace_with_every_instruction()
    {
        var m = LoopFirmware.Create(Stream.Null);
        m.SetRegister(15, LoopFirmware.Exit3);
        var sw = new StringWriter();
        var result = TraceRunner.Run(m, new TraceOptions { Format = TraceFormat.Csv }, sw);
        result.Run.Reason.Should().Be(StopReason.Exited);
        result.Run.ExitCode.Should().Be(3);
        result.Traced.Should().Be(7, "ldr, ldr, str, movs, str, movs, bkpt");
        sw.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(8);
    }

    [Fact]
    public void Instruction_in_an_IT_block_is_disassembled_with_its_condition()
    {
        // objdump -d cifar10_cnn.f746.elf: 8002140 bfb8 it lt; 8002142 3303 addlt r3, #3 (r3 >= 0 here: condition fails).
        var m = Machine.Load(ElfFiles.Path("kernels-elf/build/cifar10_cnn.f746.elf"), new MachineOptions { Board = "stm32f746-nucleo", Timing = M7Sim.Timing.TimingMode.None });
        var lines = Trace(m, new TraceOptions { From = 0x0800_2140, Count = 2 });
        lines[1].Should().MatchRegex(@"08002140\s+arm_nn_mat_mult_kernel_s8_s16\+0x48\s+bfb8\s+it lt\s*$");
        lines[2].Should().MatchRegex(@"08002142\s+arm_nn_mat_mult_kernel_s8_s16\+0x4A\s+3303\s+addlt r3, #3\s+\(condition failed\)$");
    }

    [Fact]
    public void Cycle_model_trace_reports_slots_and_stalls_whose_deltas_add_up_to_the_run()
    {
        var m = Machine.Load(ElfFiles.Path("kernels-elf/build/cifar10_cnn.f746.elf"), new MachineOptions { Board = "stm32f746-nucleo" });
        var from = TraceRunner.ResolveAddress(m, "arm_nn_mat_mult_kernel_s8_s16");
        from.Should().NotBeNull();
        var sw = new StringWriter();
        // Stop at the first instruction so the starting cycle count is known.
        TraceRunner.Run(m, new TraceOptions { From = from, Count = 1, Format = TraceFormat.Json }, sw);
        ulong start = m.Cycles;
        sw = new StringWriter();
        var tracer = new TraceRecorder(m, new TraceWriter(sw, TraceFormat.Json), 500, null);
        var t = new TraceTracer(tracer);
        m.Run(ref t, ulong.MaxValue);
        tracer.Dispose();
        var records = sw.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        records.Should().HaveCount(500);
        records.Sum(r => (long)r.GetProperty("delta").GetUInt64()).Should().Be((long)(m.Cycles - start));
        records.Should().OnlyContain(r => r.GetProperty("slot").GetInt32() == 0 || r.GetProperty("slot").GetInt32() == 1);
        records.Should().Contain(r => r.GetProperty("slot").GetInt32() == 1, "the M7 dual-issues in this kernel");
        records.Count(HasStalls).Should().BeGreaterThan(0, "some instruction waits");
    }
}
