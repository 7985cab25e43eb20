using System.Text;
using FluentAssertions;
using Xunit;

namespace M7Sim.Tests.Semihosting;

/// <summary>Console output/input and the feature file (semihosting spec v2 sections 5.1, 6.x).</summary>
public class SemihostConsoleTests
{
    private const uint Fail = 0xFFFF_FFFF;

    [Fact]
    public void Write0_prints_the_string_up_to_the_nul_byte_for_byte()
    {
        var f = new SemihostFixture();
        f.Text(SemihostFixture.Data, "a\r\nb\n\xE9\0tail"); // \xE9 is 2 UTF-8 bytes
        f.Call(0x04, SemihostFixture.Data);
        f.Output.ToArray().Should().Equal(Encoding.UTF8.GetBytes("a\r\nb\n\xE9"));
    }

    [Fact]
    public void Write0_and_writec_leave_r0_unchanged()
    {
        var f = new SemihostFixture();
        f.Text(SemihostFixture.Data, "x\0");
        f.Call(0x04, SemihostFixture.Data).Should().Be(0x04u);
        f.Call(0x03, SemihostFixture.Data).Should().Be(0x03u);
    }

    [Fact]
    public void Writec_prints_the_byte_r1_points_at()
    {
        var f = new SemihostFixture();
        f.Bytes(SemihostFixture.Data, [0x0A]);
        f.Call(0x03, SemihostFixture.Data);
        f.Output.ToArray().Should().Equal(0x0A);
    }

    [Fact]
    public void Write0_from_an_unmapped_pointer_prints_nothing()
    {
        var f = new SemihostFixture();
        f.Call(0x04, SemihostFixture.Unmapped);
        f.Output.Length.Should().Be(0);
    }

    [Theory]
    [InlineData(0u)]  // "r" -> stdin
    [InlineData(4u)]  // "w" -> stdout
    [InlineData(8u)]  // "a" -> stderr
    public void Opening_tt_gives_a_console_handle_that_is_a_tty(uint mode)
    {
        var f = new SemihostFixture();
        uint h = f.Open(":tt", mode);
        h.Should().NotBe(Fail);
        f.CallWithBlock(0x09, h).Should().Be(1u);
    }

    [Fact]
    public void Writes_to_the_stdout_and_stderr_handles_share_the_console_in_order()
    {
        var f = new SemihostFixture();
        uint stdout = f.Open(":tt", 4), stderr = f.Open(":tt", 8);
        f.Write(stdout, "out1 ").Should().Be(0u);
        f.Write(stderr, "err ").Should().Be(0u);
        f.Write(stdout, "out2\n").Should().Be(0u);
        f.OutputText.Should().Be("out1 err out2\n");
    }

    [Fact]
    public void Open_handles_are_distinct_and_start_at_one()
    {
        var f = new SemihostFixture();
        uint a = f.Open(":tt", 0), b = f.Open(":tt", 4), c = f.Open(":tt", 8);
        new[] { a, b, c }.Should().Equal(1u, 2u, 3u);
        f.Close(b).Should().Be(0u);
        f.Open(":tt", 4).Should().Be(2u); // the lowest free handle is reused
    }

    [Fact]
    public void Closing_a_bad_handle_fails_with_ebadf()
    {
        var f = new SemihostFixture();
        f.Close(17).Should().Be(Fail);
        f.Errno.Should().Be(9);
    }

    [Fact]
    public void Read_from_the_console_returns_the_count_not_read()
    {
        var f = new SemihostFixture(stdin: new MemoryStream(Encoding.ASCII.GetBytes("abc")));
        uint h = f.Open(":tt", 0);
        f.CallWithBlock(0x06, h, SemihostFixture.Data, 8).Should().Be(5u); // 3 of 8 read
        f.ReadBytes(SemihostFixture.Data, 3).Should().Equal((byte)'a', (byte)'b', (byte)'c');
        f.CallWithBlock(0x06, h, SemihostFixture.Data, 8).Should().Be(8u); // end of input
    }

    [Fact]
    public void Readc_returns_one_byte_then_minus_one_at_end_of_input()
    {
        var f = new SemihostFixture(stdin: new MemoryStream([0x41]));
        f.Call(0x07, 0).Should().Be(0x41u);
        f.Call(0x07, 0).Should().Be(Fail);
    }

    [Fact]
    public void Feature_file_holds_the_magic_and_both_v2_extensions()
    {
        var f = new SemihostFixture();
        uint h = f.Open(":semihosting-features", 0);
        h.Should().NotBe(Fail);
        f.CallWithBlock(0x0C, h).Should().Be(5u); // FLEN
        f.CallWithBlock(0x09, h).Should().Be(0u); // not a tty
        f.CallWithBlock(0x06, h, SemihostFixture.Data, 5).Should().Be(0u);
        // "SHFB", then byte 0: SH_EXT_EXIT_EXTENDED (bit 0) | SH_EXT_STDOUT_STDERR (bit 1)
        f.ReadBytes(SemihostFixture.Data, 5).Should().Equal(0x53, 0x48, 0x46, 0x42, 0x03);
        f.CallWithBlock(0x06, h, SemihostFixture.Data, 5).Should().Be(5u); // at the end: nothing read
    }

    [Fact]
    public void Feature_file_can_be_read_after_seeking_like_newlib_does()
    {
        // newlib's _has_ext_exit_extended seeks to byte 4 and reads one byte.
        var f = new SemihostFixture();
        uint h = f.Open(":semihosting-features", 1);
        f.CallWithBlock(0x0A, h, 4).Should().Be(0u);
        f.CallWithBlock(0x06, h, SemihostFixture.Data, 1).Should().Be(0u);
        f.ReadBytes(SemihostFixture.Data, 1).Should().Equal(0x03);
    }

    [Fact]
    public void Feature_file_cannot_be_opened_for_writing()
    {
        var f = new SemihostFixture();
        f.Open(":semihosting-features", 4).Should().Be(Fail);
        f.Errno.Should().Be(13);
    }

    [Fact]
    public void Open_with_a_mode_above_11_fails_with_einval()
    {
        var f = new SemihostFixture();
        f.Open(":tt", 12).Should().Be(Fail);
        f.Errno.Should().Be(22);
    }

    [Theory]
    [InlineData(0x00000000u, 0u)]
    [InlineData(0x7FFFFFFFu, 0u)]
    [InlineData(0xFFFFFFFFu, 1u)]
    [InlineData(0x80000000u, 1u)]
    public void Iserror_is_one_for_negative_status_values(uint status, uint expected)
    {
        var f = new SemihostFixture();
        f.CallWithBlock(0x08, status).Should().Be(expected);
    }
}
