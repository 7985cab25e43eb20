using System.Text;
using FluentAssertions;
using Xunit;

namespace M7Sim.Tests.Semihosting;

/// <summary>Host files through SYS_OPEN and friends, confined to the semihosting root (a temp directory).</summary>
public sealed class SemihostFileTests : IDisposable
{
    private const uint Fail = 0xFFFF_FFFF;
    private const int ENOENT = 2, EBADF = 9, EACCES = 13;

    private readonly string _base;    // holds the root and an "outside" directory next to it
    private readonly string _root;
    private readonly string _outside;

    public SemihostFileTests()
    {
        _base = Path.Combine(Path.GetTempPath(), "m7sim-sh-" + Guid.NewGuid().ToString("N"));
        _root = Path.Combine(_base, "root");
        _outside = Path.Combine(_base, "outside");
        Directory.CreateDirectory(_root);
        Directory.CreateDirectory(_outside);
        File.WriteAllText(Path.Combine(_outside, "secret.txt"), "secret");
    }

    public void Dispose() => Directory.Delete(_base, recursive: true);

    private SemihostFixture Fixture() => new(root: _root);

    [Fact]
    public void Write_then_read_back_a_file_in_the_root()
    {
        var f = Fixture();
        uint h = f.Open("out.txt", 4); // "w"
        h.Should().NotBe(Fail);
        f.Write(h, "hello\n").Should().Be(0u);
        f.Close(h).Should().Be(0u);
        File.ReadAllText(Path.Combine(_root, "out.txt")).Should().Be("hello\n");

        h = f.Open("out.txt", 0); // "r"
        f.CallWithBlock(0x0C, h).Should().Be(6u);       // FLEN
        f.CallWithBlock(0x09, h).Should().Be(0u);       // ISTTY: a file
        f.CallWithBlock(0x0A, h, 1).Should().Be(0u);    // SEEK to 1
        f.CallWithBlock(0x06, h, SemihostFixture.Data, 10).Should().Be(5u); // 5 of 10 read
        Encoding.ASCII.GetString(f.ReadBytes(SemihostFixture.Data, 5)).Should().Be("ello\n");
        f.Close(h).Should().Be(0u);
    }

    [Fact]
    public void Files_in_subdirectories_of_the_root_can_be_opened()
    {
        Directory.CreateDirectory(Path.Combine(_root, "sub"));
        File.WriteAllText(Path.Combine(_root, "sub", "in.bin"), "xyz");
        var f = Fixture();
        uint h = f.Open("sub/in.bin", 1); // "rb"
        f.CallWithBlock(0x06, h, SemihostFixture.Data, 3).Should().Be(0u);
        Encoding.ASCII.GetString(f.ReadBytes(SemihostFixture.Data, 3)).Should().Be("xyz");
    }

    [Fact]
    public void Append_mode_writes_at_the_end()
    {
        File.WriteAllText(Path.Combine(_root, "log.txt"), "one\n");
        var f = Fixture();
        uint h = f.Open("log.txt", 8); // "a"
        f.Write(h, "two\n").Should().Be(0u);
        f.Close(h);
        File.ReadAllText(Path.Combine(_root, "log.txt")).Should().Be("one\ntwo\n");
    }

    [Fact]
    public void Write_mode_truncates_an_existing_file()
    {
        File.WriteAllText(Path.Combine(_root, "t.txt"), "long old content");
        var f = Fixture();
        uint h = f.Open("t.txt", 5); // "wb"
        f.Write(h, "new").Should().Be(0u);
        f.Close(h);
        File.ReadAllText(Path.Combine(_root, "t.txt")).Should().Be("new");
    }

    [Fact]
    public void Writing_a_file_opened_read_only_fails_with_ebadf()
    {
        File.WriteAllText(Path.Combine(_root, "ro.txt"), "x");
        var f = Fixture();
        uint h = f.Open("ro.txt", 0);
        f.Write(h, "y").Should().Be(Fail);
        f.Errno.Should().Be(EBADF);
    }

    [Fact]
    public void Opening_a_missing_file_for_reading_fails_with_enoent()
    {
        var f = Fixture();
        f.Open("missing.txt", 0).Should().Be(Fail);
        f.Errno.Should().Be(ENOENT);
    }

    [Theory]
    [InlineData("../outside/secret.txt")]
    [InlineData("sub/../../outside/secret.txt")]
    [InlineData("..")]
    public void Names_climbing_out_of_the_root_are_refused_with_eacces(string name)
    {
        Directory.CreateDirectory(Path.Combine(_root, "sub"));
        var f = Fixture();
        f.Open(name, 0).Should().Be(Fail);
        f.Errno.Should().Be(EACCES);
    }

    [Fact]
    public void Absolute_names_are_refused_even_when_they_point_into_the_root()
    {
        File.WriteAllText(Path.Combine(_root, "in.txt"), "x");
        var f = Fixture();
        f.Open(Path.Combine(_root, "in.txt"), 0).Should().Be(Fail);
        f.Errno.Should().Be(EACCES);
        f.Open("/etc/passwd", 0).Should().Be(Fail);
        f.Errno.Should().Be(EACCES);
    }

    [Fact]
    public void A_symlink_leading_out_of_the_root_is_refused()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "leak.txt"), Path.Combine(_outside, "secret.txt"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "dirlink"), _outside);
        var f = Fixture();
        f.Open("leak.txt", 0).Should().Be(Fail);
        f.Errno.Should().Be(EACCES);
        f.Open("dirlink/secret.txt", 0).Should().Be(Fail);
        f.Errno.Should().Be(EACCES);
        f.Open("dirlink/new.txt", 4).Should().Be(Fail); // creating through the link is refused too
        File.Exists(Path.Combine(_outside, "new.txt")).Should().BeFalse();
    }

    [Fact]
    public void A_relative_symlink_climbing_out_is_refused()
    {
        Directory.CreateDirectory(Path.Combine(_root, "sub"));
        File.CreateSymbolicLink(Path.Combine(_root, "sub", "up"), "../../outside/secret.txt");
        var f = Fixture();
        f.Open("sub/up", 0).Should().Be(Fail);
        f.Errno.Should().Be(EACCES);
    }

    [Fact]
    public void A_symlink_staying_inside_the_root_is_followed()
    {
        File.WriteAllText(Path.Combine(_root, "real.txt"), "inside");
        File.CreateSymbolicLink(Path.Combine(_root, "alias.txt"), "real.txt");
        var f = Fixture();
        uint h = f.Open("alias.txt", 0);
        h.Should().NotBe(Fail);
        f.CallWithBlock(0x06, h, SemihostFixture.Data, 6).Should().Be(0u);
        Encoding.ASCII.GetString(f.ReadBytes(SemihostFixture.Data, 6)).Should().Be("inside");
    }

    [Fact]
    public void Without_a_root_every_host_file_is_refused()
    {
        var f = new SemihostFixture(root: null);
        f.Open("anything.txt", 4).Should().Be(Fail);
        f.Errno.Should().Be(EACCES);
        f.Text(SemihostFixture.Data, "x");
        f.CallWithBlock(0x0E, SemihostFixture.Data, 1).Should().Be(Fail); // REMOVE
        f.Errno.Should().Be(EACCES);
    }

    [Fact]
    public void Remove_deletes_a_file_inside_the_root()
    {
        File.WriteAllText(Path.Combine(_root, "gone.txt"), "x");
        var f = Fixture();
        uint len = f.Text(SemihostFixture.Data, "gone.txt");
        f.CallWithBlock(0x0E, SemihostFixture.Data, len).Should().Be(0u);
        File.Exists(Path.Combine(_root, "gone.txt")).Should().BeFalse();
        f.CallWithBlock(0x0E, SemihostFixture.Data, len).Should().Be(Fail);
        f.Errno.Should().Be(ENOENT);
    }

    [Fact]
    public void Remove_of_a_link_removes_the_link_not_its_target()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "leak.txt"), Path.Combine(_outside, "secret.txt"));
        var f = Fixture();
        uint len = f.Text(SemihostFixture.Data, "leak.txt");
        f.CallWithBlock(0x0E, SemihostFixture.Data, len).Should().Be(0u);
        File.Exists(Path.Combine(_outside, "secret.txt")).Should().BeTrue();
        new FileInfo(Path.Combine(_root, "leak.txt")).Exists.Should().BeFalse();
    }

    [Fact]
    public void Remove_outside_the_root_is_refused()
    {
        var f = Fixture();
        uint len = f.Text(SemihostFixture.Data, "../outside/secret.txt");
        f.CallWithBlock(0x0E, SemihostFixture.Data, len).Should().Be(Fail);
        f.Errno.Should().Be(EACCES);
        File.Exists(Path.Combine(_outside, "secret.txt")).Should().BeTrue();
    }

    [Fact]
    public void Rename_moves_a_file_within_the_root()
    {
        File.WriteAllText(Path.Combine(_root, "a.txt"), "A");
        var f = Fixture();
        uint l1 = f.Text(SemihostFixture.Data, "a.txt"), l2 = f.Text(SemihostFixture.Data + 0x100, "b.txt");
        f.CallWithBlock(0x0F, SemihostFixture.Data, l1, SemihostFixture.Data + 0x100, l2).Should().Be(0u);
        File.ReadAllText(Path.Combine(_root, "b.txt")).Should().Be("A");
        File.Exists(Path.Combine(_root, "a.txt")).Should().BeFalse();
    }

    [Fact]
    public void Rename_to_a_place_outside_the_root_is_refused()
    {
        File.WriteAllText(Path.Combine(_root, "a.txt"), "A");
        var f = Fixture();
        uint l1 = f.Text(SemihostFixture.Data, "a.txt"), l2 = f.Text(SemihostFixture.Data + 0x100, "../outside/a.txt");
        f.CallWithBlock(0x0F, SemihostFixture.Data, l1, SemihostFixture.Data + 0x100, l2).Should().Be(Fail);
        f.Errno.Should().Be(EACCES);
        File.Exists(Path.Combine(_root, "a.txt")).Should().BeTrue();
        File.Exists(Path.Combine(_outside, "a.txt")).Should().BeFalse();
    }

    [Fact]
    public void Tmpnam_and_system_are_refused()
    {
        var f = Fixture();
        f.CallWithBlock(0x0D, SemihostFixture.Data, 1, 64).Should().Be(Fail);
        uint len = f.Text(SemihostFixture.Data, "rm -rf /");
        f.CallWithBlock(0x12, SemihostFixture.Data, len).Should().Be(Fail);
    }
}
