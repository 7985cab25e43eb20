using System.Text;
using FluentAssertions;
using M7Sim.Debugging;
using Xunit;

namespace M7Sim.Tests.Debugging;

/// <summary>Framing robustness with a raw socket: the server answers or ends cleanly, never crashes or hangs.</summary>
public sealed class RspFramingTests
{
    private static GdbServerHarness Serve() => new(s => LoopFirmware.Create(s));

    [Fact]
    public void Bad_checksum_is_refused_with_a_minus_and_the_retransmission_is_answered()
    {
        using var server = Serve();
        using var client = new RawRspClient(server.Port);
        client.SendRaw("$?#00"); // the right checksum of "?" is 3f
        client.ReadByte().Should().Be('-');
        client.Request("?").Should().StartWith("T05");
    }

    [Fact]
    public void Non_hex_checksum_characters_are_refused_with_a_minus()
    {
        using var server = Serve();
        using var client = new RawRspClient(server.Port);
        client.SendRaw("$g#zz");
        client.ReadByte().Should().Be('-');
        client.Request("qC").Should().Be("QC1");
    }

    [Fact]
    public void Our_reply_is_sent_again_when_the_client_answers_minus()
    {
        using var server = Serve();
        using var client = new RawRspClient(server.Port);
        client.Send("qC");
        string first = ReadFramed(client);
        client.SendRaw("-");
        string second = ReadFramed(client);
        client.SendRaw("+");
        second.Should().Be(first).And.Be(RawRspClient.Frame("QC1"));
    }

    private static string ReadFramed(RawRspClient client)
    {
        var sb = new StringBuilder();
        int b;
        while ((b = client.ReadByte()) != '$') { }
        sb.Append('$');
        while ((b = client.ReadByte()) != '#') sb.Append((char)b);
        sb.Append('#').Append((char)client.ReadByte()).Append((char)client.ReadByte());
        return sb.ToString();
    }

    [Fact]
    public void Garbage_between_packets_is_ignored()
    {
        using var server = Serve();
        using var client = new RawRspClient(server.Port);
        client.SendRaw("hello\r\n+++");
        client.Request("qAttached").Should().Be("1");
    }

    [Fact]
    public void A_packet_restarted_by_a_new_dollar_sign_is_read_from_the_second_start()
    {
        using var server = Serve();
        using var client = new RawRspClient(server.Port);
        client.SendRaw("$qfThr" + RawRspClient.Frame("qC"));
        client.ReadByte().Should().Be('+');
        client.ReadPacket().Should().Be("QC1");
    }

    [Fact]
    public void Oversized_packet_is_acknowledged_then_refused_and_the_connection_keeps_working()
    {
        using var server = Serve();
        using var client = new RawRspClient(server.Port);
        string huge = "M20000000,8000:" + new string('a', 2 * 0x8000);
        huge.Length.Should().BeGreaterThan(RspConnection.MaxPacketBytes);
        client.Request(huge).Should().StartWith("E");
        client.Request("m20000000,4").Should().Be("00000000", "the oversized write was dropped");
    }

    [Theory]
    [InlineData("mzz,4")]
    [InlineData("m20000000")]
    [InlineData("m,")]
    [InlineData("M20000000,4:0102")]        // fewer bytes than the length says
    [InlineData("M20000000,2:01x2")]        // not hex
    [InlineData("X20000000,4")]             // no data separator
    [InlineData("p")]
    [InlineData("p99")]                     // no such register
    [InlineData("P0=12")]                   // value too short
    [InlineData("Pzz=00000000")]
    [InlineData("G0")]                      // odd hex length
    [InlineData("Z1,zz,2")]
    [InlineData("Z2,20000000,0")]           // zero-length watchpoint
    [InlineData("c12345678901234567890")]   // address overflows
    [InlineData("C")]
    [InlineData("qRcmd,zz")]
    [InlineData("qXfer:features:read:target.xml")]
    [InlineData("vCont;x")]
    public void Malformed_packet_gets_an_error_reply(string packet)
    {
        using var server = Serve();
        using var client = new RawRspClient(server.Port);
        client.Request(packet).Should().MatchRegex("^E[0-9a-f]{2}$");
        client.Request("?").Should().StartWith("T05", "the session continues after an error");
    }

    [Theory]
    [InlineData("vMustReplyEmpty")]
    [InlineData("qTStatus")]
    [InlineData("Z9,0,2")]
    [InlineData("R00")]
    [InlineData("bc")]
    public void Unsupported_packet_gets_the_empty_reply(string packet)
    {
        using var server = Serve();
        using var client = new RawRspClient(server.Port);
        client.Request(packet).Should().BeEmpty();
    }

    [Fact]
    public void Empty_packet_gets_the_empty_reply()
    {
        using var server = Serve();
        using var client = new RawRspClient(server.Port);
        client.Request("").Should().BeEmpty();
        client.Request("qC").Should().Be("QC1");
    }

    [Fact]
    public void After_QStartNoAckMode_neither_side_acknowledges()
    {
        using var server = Serve();
        using var client = new RawRspClient(server.Port);
        client.Request("QStartNoAckMode").Should().Be("OK");
        client.NoAck = true;
        client.SendRaw(RawRspClient.Frame("qC"));
        client.ReadByte().Should().Be('$', "no '+' precedes the reply in no-ack mode");
    }

    [Fact]
    public void A_client_that_disconnects_mid_run_ends_the_session_and_the_server_accepts_the_next_client()
    {
        using var server = Serve();
        using (var client = new RawRspClient(server.Port))
        {
            client.Send("c"); // the loop runs forever
            Thread.Sleep(100);
        }
        using var next = new RawRspClient(server.Port);
        next.Request("?").Should().StartWith("T05", "a new client finds a reset, halted target");
        next.Request("p0f").Should().Be("40000000", "pc is back at the reset vector");
    }

    [Fact]
    public void A_client_that_disconnects_mid_packet_ends_the_session()
    {
        using var server = new GdbServerHarness(s => LoopFirmware.Create(s), new GdbServerOptions { Once = true });
        using (var client = new RawRspClient(server.Port)) client.SendRaw("$m2000");
        server.WaitForExit(TimeSpan.FromSeconds(20)).Should().BeTrue("with Once the server returns after the session ends");
    }

    [Fact]
    public void Kill_ends_the_session_without_a_reply()
    {
        using var server = new GdbServerHarness(s => LoopFirmware.Create(s), new GdbServerOptions { Once = true });
        using var client = new RawRspClient(server.Port);
        client.Send("k");
        client.WaitForClose(10_000).Should().BeTrue();
        server.WaitForExit(TimeSpan.FromSeconds(20)).Should().BeTrue();
    }

    [Fact]
    public void Detach_answers_OK_and_ends_the_session()
    {
        using var server = new GdbServerHarness(s => LoopFirmware.Create(s), new GdbServerOptions { Once = true });
        using var client = new RawRspClient(server.Port);
        client.Request("D").Should().Be("OK");
        client.WaitForClose(10_000).Should().BeTrue();
        server.WaitForExit(TimeSpan.FromSeconds(20)).Should().BeTrue();
    }
}
