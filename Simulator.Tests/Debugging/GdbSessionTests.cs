using System.Buffers.Binary;
using System.Text;
using System.Xml.Linq;
using FluentAssertions;
using M7Sim.Debugging;
using Xunit;

namespace M7Sim.Tests.Debugging;

/// <summary>
/// Remote protocol commands against <see cref="LoopFirmware"/>, driven with a raw socket. Expected
/// values come from the program text (addresses, what each instruction does), not from the server.
/// </summary>
public sealed class GdbSessionTests
{
    private static GdbServerHarness Serve(bool hardFaultHandler = false) => new(s => LoopFirmware.Create(s, hardFaultHandler));

    private static string Le(uint v)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        return Convert.ToHexString(b).ToLowerInvariant();
    }

    /// <summary>The value of register n (hex number) expedited in a T stop reply.</summary>
    private static string Expedited(string stop, int regnum)
    {
        string key = $"{regnum:x2}:";
        int at = stop.IndexOf(key, StringComparison.Ordinal);
        at.Should().BeGreaterThan(0, $"register {regnum} is expedited in {stop}");
        return stop.Substring(at + key.Length, 8);
    }

    [Fact]
    public void QSupported_advertises_packet_size_documents_and_no_ack_mode()
    {
        using var server = Serve();
        using var client = new RawRspClient(server.Port);
        string reply = client.Request("qSupported:multiprocess+;swbreak+;hwbreak+;qRelocInsn+;xmlRegisters=arm");
        reply.Split(';').Should().Contain([$"PacketSize={RspConnection.MaxPacketBytes:x}", "qXfer:features:read+", "qXfer:memory-map:read+", "QStartNoAckMode+"]);
    }

    [Fact]
    public void Target_description_names_the_m_profile_core_vfp_and_system_registers_with_our_numbers()
    {
        using var server = Serve();
        using var client = new RawRspClient(server.Port);
        var xml = XDocument.Parse(ReadDocument(client, "qXfer:features:read:target.xml"));
        var features = xml.Root!.Elements("feature").ToDictionary(f => (string)f.Attribute("name")!, f => f.Elements("reg").Select(r => ((string)r.Attribute("name")!, (int)r.Attribute("regnum")!, (int)r.Attribute("bitsize")!)).ToList());
        features["org.gnu.gdb.arm.m-profile"].Should().Equal(
            Enumerable.Range(0, 13).Select(i => ($"r{i}", i, 32)).Concat([("sp", 13, 32), ("lr", 14, 32), ("pc", 15, 32), ("xpsr", 16, 32)]));
        features["org.gnu.gdb.arm.vfp"].Should().Equal(
            Enumerable.Range(0, 16).Select(i => ($"d{i}", 17 + i, 64)).Append(("fpscr", 33, 32)));
        features["org.gnu.gdb.arm.m-system"].Select(r => r.Item1).Should().Equal("msp", "psp", "primask", "basepri", "faultmask", "control");
    }

    [Fact]
    public void Memory_map_lists_ram_regions_and_is_read_in_pieces()
    {
        using var server = Serve();
        using var client = new RawRspClient(server.Port);
        // Small reads force several 'm' parts followed by one 'l'.
        var sb = new StringBuilder();
        int offset = 0;
        while (true)
        {
            string part = client.Request($"qXfer:memory-map:read::{offset:x},40");
            part.Should().MatchRegex("^[ml]");
            sb.Append(part[1..]);
            offset += part.Length - 1;
            if (part[0] == 'l') break;
            part.Length.Should().Be(0x41);
        }
        var map = XDocument.Parse(sb.ToString());
        var mem = map.Root!.Elements("memory").Select(e => ((string)e.Attribute("type")!, (string)e.Attribute("start")!, (string)e.Attribute("length")!)).ToList();
        // mps2-an500: SSRAM1 4M at 0, SSRAM23 4M at 0x20000000 (timing-models/boards/mps2-an500.json).
        mem.Should().Contain(("ram", "0x0", "0x400000")).And.Contain(("ram", "0x20000000", "0x400000"));
    }

    private static string ReadDocument(RawRspClient client, string prefix)
    {
        string reply = client.Request($"{prefix}:0,3fff");
        reply.Should().StartWith("l", "the document fits one reply of the advertised size");
        return reply[1..];
    }

    [Fact]
    public void Thread_queries_describe_one_thread()
    {
        using var server = Serve();
        using var client = new RawRspClient(server.Port);
        client.Request("qfThreadInfo").Should().Be("m1");
        client.Request("qsThreadInfo").Should().Be("l");
        client.Request("qC").Should().Be("QC1");
        client.Request("Hg0").Should().Be("OK");
        client.Request("Hc-1").Should().Be("OK");
        client.Request("T1").Should().Be("OK");
        client.Request("qAttached").Should().Be("1");
        client.Request("qOffsets").Should().Be("Text=0;Data=0;Bss=0");
        client.Request("vCont?").Should().Be("vCont;c;C;s;S");
    }

    [Fact]
    public void Registers_after_reset_hold_the_vector_table_values()
    {
        using var server = Serve();
        using var client = new RawRspClient(server.Port);
        string g = client.Request("g");
        g.Length.Should().Be(2 * (17 * 4 + 16 * 8 + 4 + 6 * 4));
        g.Substring(13 * 8, 8).Should().Be(Le(LoopFirmware.StackTop), "sp = word 0 of the vector table");
        g.Substring(15 * 8, 8).Should().Be(Le(LoopFirmware.Start), "pc = word 1 without the Thumb bit");
        g.Substring(16 * 8, 8).Should().Be(Le(1u << 24), "xPSR has only the T bit after reset");
        g.Substring(17 * 8 + 16 * 16 + 8, 8).Should().Be(Le(LoopFirmware.StackTop), "msp is the active stack pointer");
    }

    [Fact]
    public void P_writes_one_register_and_p_reads_it_back()
    {
        using var server = Serve();
        using var client = new RawRspClient(server.Port);
        client.Request($"P5={Le(0xDEADBEEF)}").Should().Be("OK");
        client.Request("p5").Should().Be(Le(0xDEADBEEF));
        client.Request("P11=0123456789abcdef").Should().Be("OK"); // d0
        client.Request("p11").Should().Be("0123456789abcdef");
    }

    [Fact]
    public void G_writes_every_register_in_g_order()
    {
        using var server = Serve();
        using var client = new RawRspClient(server.Port);
        string g = client.Request("g");
        string changed = Le(0x11111111) + g[8..];
        client.Request("G" + changed).Should().Be("OK");
        client.Request("p0").Should().Be(Le(0x11111111));
        client.Request("g").Should().Be(changed);
    }

    [Fact]
    public void Memory_written_with_M_and_X_reads_back_with_m_including_escaped_bytes()
    {
        using var server = Serve();
        using var client = new RawRspClient(server.Port);
        client.Request("M20000010,4:01020304").Should().Be("OK");
        client.Request("m20000010,4").Should().Be("01020304");
        // '$' '#' '}' '*' travel escaped as '}' followed by the byte XOR 0x20.
        byte[] data = [(byte)'$', (byte)'#', (byte)'}', (byte)'*', 0x00];
        var packet = new List<byte>(Encoding.Latin1.GetBytes("X20000020,5:"));
        RspEncoding.AppendEscaped(packet, data);
        client.Request(Encoding.Latin1.GetString(packet.ToArray())).Should().Be("OK");
        client.Request("m20000020,5").Should().Be("24237d2a00");
    }

    [Fact]
    public void Reading_unmapped_memory_is_an_error_and_a_read_crossing_into_it_returns_the_readable_part()
    {
        using var server = Serve();
        using var client = new RawRspClient(server.Port);
        client.Request("mf0000000,4").Should().MatchRegex("^E[0-9a-f]{2}$");
        // SSRAM23 ends at 0x20400000 where its AXIM alias begins; PSRAM ends at 0x61000000 and nothing follows.
        client.Request("m60fffffe,4").Should().Be("0000");
    }

    [Fact]
    public void Step_executes_one_instruction()
    {
        using var server = Serve();
        using var client = new RawRspClient(server.Port);
        string stop = client.Request("s");
        stop.Should().StartWith("T05");
        Expedited(stop, 15).Should().Be(Le(0x42), "ldr r1, =... at 0x40 is 2 bytes");
        client.Request("p1").Should().Be(Le(LoopFirmware.Counter));
        client.Request("vCont;s:1;c").Should().StartWith("T05");
        client.Request("p0f").Should().Be(Le(0x44));
    }

    [Fact]
    public void Continue_stops_before_the_instruction_at_a_breakpoint_and_again_after_one_loop_iteration()
    {
        using var server = Serve();
        using var client = new RawRspClient(server.Port);
        client.Request($"Z1,{LoopFirmware.Load:x},2").Should().Be("OK");
        Expedited(client.Request("c"), 15).Should().Be(Le(LoopFirmware.Load));
        client.Request("p0").Should().Be(Le(1), "one adds ran before the first stop");
        Expedited(client.Request("vCont;c"), 15).Should().Be(Le(LoopFirmware.Load));
        client.Request("p0").Should().Be(Le(2), "resuming at a breakpoint runs that instruction first");
        client.Request($"z1,{LoopFirmware.Load:x},2").Should().Be("OK");
        client.Request($"Z0,{LoopFirmware.Branch:x},2").Should().Be("OK");
        Expedited(client.Request("c"), 15).Should().Be(Le(LoopFirmware.Branch), "software breakpoints work the same way");
    }

    [Fact]
    public void Write_watchpoint_reports_watch_and_stops_after_the_store()
    {
        using var server = Serve();
        using var client = new RawRspClient(server.Port);
        client.Request($"Z2,{LoopFirmware.Counter:x},4").Should().Be("OK");
        string stop = client.Request("c");
        stop.Should().StartWith($"T05watch:{LoopFirmware.Counter:x};");
        Expedited(stop, 15).Should().Be(Le(LoopFirmware.Load), "the stop follows the str at 0x46");
        client.Request($"m{LoopFirmware.Counter:x},4").Should().Be(Le(1));
    }

    [Fact]
    public void Read_watchpoint_ignores_writes_and_reports_rwatch_after_the_load()
    {
        using var server = Serve();
        using var client = new RawRspClient(server.Port);
        // Watch both words: the str to the first must not fire a read watchpoint.
        client.Request($"Z3,{LoopFirmware.Counter:x},8").Should().Be("OK");
        string stop = client.Request("c");
        stop.Should().StartWith($"T05rwatch:{LoopFirmware.Neighbour:x};");
        Expedited(stop, 15).Should().Be(Le(LoopFirmware.Branch));
    }

    [Fact]
    public void Access_watchpoint_fires_on_the_first_access_of_either_kind()
    {
        using var server = Serve();
        using var client = new RawRspClient(server.Port);
        client.Request($"Z4,{LoopFirmware.Counter:x},8").Should().Be("OK");
        string stop = client.Request("c");
        stop.Should().StartWith($"T05awatch:{LoopFirmware.Counter:x};");
        client.Request($"z4,{LoopFirmware.Counter:x},8").Should().Be("OK");
        client.Request($"Z1,{LoopFirmware.Branch:x},2").Should().Be("OK");
        string next = client.Request("c");
        next.Should().StartWith("T05").And.NotContain("watch", "no watchpoint is left after z4");
        Expedited(next, 15).Should().Be(Le(LoopFirmware.Branch));
    }

    [Fact]
    public void Interrupt_byte_stops_a_running_target_with_SIGINT()
    {
        using var server = Serve();
        using var client = new RawRspClient(server.Port);
        client.Send("c");
        Thread.Sleep(50);
        client.SendRaw([0x03]);
        string stop = client.ReadPacket();
        stop.Should().StartWith("T02");
        uint pc = BinaryPrimitives.ReadUInt32LittleEndian(Convert.FromHexString(Expedited(stop, 15)));
        pc.Should().BeInRange(LoopFirmware.Loop, LoopFirmware.Branch, "the target was in its loop");
    }

    [Fact]
    public void Firmware_exit_is_reported_with_W_and_its_exit_code()
    {
        using var server = Serve();
        using var client = new RawRspClient(server.Port);
        client.Request($"P0f={Le(LoopFirmware.Exit3)}").Should().Be("OK");
        client.Request("c").Should().Be("W03");
        client.Request("?").Should().Be("W03", "the target stays exited");
    }

    [Fact]
    public void Bus_fault_without_a_handler_stops_with_SIGSEGV_at_the_faulting_load()
    {
        using var server = Serve();
        using var client = new RawRspClient(server.Port);
        client.Request($"P0f={Le(LoopFirmware.Fault)}").Should().Be("OK");
        var console = new StringBuilder();
        client.Send("c");
        string stop = client.ReadPacket(console);
        stop.Should().StartWith("T0b");
        Expedited(stop, 15).Should().Be(Le(LoopFirmware.FaultingLoad));
        console.ToString().Should().Contain("PRECISERR");
    }

    [Fact]
    public void Fault_with_a_handler_stops_at_the_handler_entry_with_SIGSEGV_when_catching_faults()
    {
        using var server = Serve(hardFaultHandler: true);
        using var client = new RawRspClient(server.Port);
        client.Request($"P0f={Le(LoopFirmware.Fault)}").Should().Be("OK");
        string stop = client.Request("c");
        stop.Should().StartWith("T0b");
        Expedited(stop, 15).Should().Be(Le(LoopFirmware.Spin), "the HardFault vector");
        Expedited(stop, 13).Should().Be(Le(LoopFirmware.StackTop - 32), "the basic frame is stacked");
        client.Request("p10").Should().Be(Le((1u << 24) | 3), "IPSR = 3, HardFault (the BusFault escalated)");
    }

    [Fact]
    public void Undefined_instruction_stops_with_SIGILL()
    {
        using var server = Serve();
        using var client = new RawRspClient(server.Port);
        client.Request($"P0f={Le(0x62)}").Should().Be("OK"); // udf #0
        client.Request("c").Should().StartWith("T04");
    }

    [Fact]
    public void Extended_mode_restarts_the_target_on_vRun_and_vKill_and_keeps_the_session()
    {
        using var server = Serve();
        using var client = new RawRspClient(server.Port);
        client.Request("!").Should().Be("OK");
        client.Request($"P0f={Le(LoopFirmware.Exit3)}").Should().Be("OK");
        client.Request("c").Should().Be("W03");
        client.Request("qfThreadInfo").Should().Be("l", "the program is gone");
        client.Request("vRun;").Should().StartWith("T05");
        client.Request("p0f").Should().Be(Le(LoopFirmware.Start), "vRun starts again from the reset vector");
        client.Request("qfThreadInfo").Should().Be("m1");
        client.Request("s").Should().StartWith("T05");
        client.Request("vKill;1").Should().Be("OK");
        client.Request("p0f").Should().Be(Le(LoopFirmware.Start), "vKill in extended mode leaves a reset target and the session open");
    }

    [Fact]
    public void Monitor_commands_answer_on_the_console_then_OK()
    {
        using var server = Serve();
        using var client = new RawRspClient(server.Port);
        client.Request($"Z1,{LoopFirmware.Branch:x},2").Should().Be("OK");
        client.Request("c");
        var console = new StringBuilder();
        client.Request("qRcmd," + Convert.ToHexString(Encoding.ASCII.GetBytes("cycles")), console).Should().Be("OK");
        // start: ldr, movs, then adds, str, ldr = 5 instructions to reach the branch; functional timing: 1 cycle each.
        console.ToString().Should().MatchRegex(@"cycles:\s+5\s+since last stop: 5\n").And.MatchRegex(@"instructions:\s+5\s+since last stop: 5\n");
        client.Request("c");
        console.Clear();
        client.Request("qRcmd," + Convert.ToHexString(Encoding.ASCII.GetBytes("cycles")), console).Should().Be("OK");
        // One more loop iteration: b, adds, str, ldr.
        console.ToString().Should().MatchRegex(@"instructions:\s+9\s+since last stop: 4\n");
        console.Clear();
        client.Request("qRcmd," + Convert.ToHexString(Encoding.ASCII.GetBytes("reset")), console).Should().Be("OK");
        console.ToString().Should().Contain("pc=0x00000040");
        client.Request("p0f").Should().Be(Le(LoopFirmware.Start));
        console.Clear();
        client.Request("qRcmd," + Convert.ToHexString(Encoding.ASCII.GetBytes("frobnicate")), console).Should().Be("OK");
        console.ToString().Should().Contain("unknown monitor command");
    }

    [Fact]
    public void Semihosting_output_reaches_the_gdb_console_before_the_stop_reply()
    {
        // SYS_WRITE0 (op 4) of a string placed in RAM.
        using var server = Serve();
        using var client = new RawRspClient(server.Port);
        client.Request("M20000300,4:68690a00").Should().Be("OK"); // "hi\n\0"
        // Point r0/r1 at the call and run the bkpt 0xab at 0x58.
        client.Request($"P0={Le(4)}").Should().Be("OK");
        client.Request($"P1={Le(0x20000300)}").Should().Be("OK");
        client.Request($"P0f={Le(0x58)}").Should().Be("OK");
        var console = new StringBuilder();
        client.Send("s");
        string stop = client.ReadPacket(console);
        stop.Should().StartWith("T05");
        Expedited(stop, 15).Should().Be(Le(LoopFirmware.Spin), "bkpt 0xab is one 2-byte instruction");
        console.ToString().Should().Be("hi\n");
    }
}
