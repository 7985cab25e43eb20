using FluentAssertions;
using M7Sim.Loading;
using Xunit;

namespace M7Sim.Tests.Loading;

public class ElfRejectionTests
{
    private static byte[] Header(byte cls = 1, byte data = 1, ushort type = 2, ushort machine = 40)
    {
        var h = new byte[52];
        h[0] = 0x7F; h[1] = (byte)'E'; h[2] = (byte)'L'; h[3] = (byte)'F';
        h[4] = cls; h[5] = data; h[6] = 1;
        BitConverter.GetBytes(type).CopyTo(h, 16);
        BitConverter.GetBytes(machine).CopyTo(h, 18);
        return h;
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3, 4 }, "not an ELF file")]
    [InlineData(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F', 1 }, "truncated ELF header")]
    public void Garbage_is_rejected_with_its_reason(byte[] data, string reason)
    {
        var act = () => Elf32Reader.Parse(data);
        act.Should().Throw<ElfFormatException>().WithMessage($"*{reason}*");
    }

    [Fact]
    public void A_64_bit_file_is_rejected() =>
        FluentActions.Invoking(() => Elf32Reader.Parse(Header(cls: 2))).Should().Throw<ElfFormatException>().WithMessage("*64-bit*");

    [Fact]
    public void A_big_endian_file_is_rejected() =>
        FluentActions.Invoking(() => Elf32Reader.Parse(Header(data: 2))).Should().Throw<ElfFormatException>().WithMessage("*big-endian*");

    [Fact]
    public void A_non_arm_machine_is_rejected() =>
        FluentActions.Invoking(() => Elf32Reader.Parse(Header(machine: 62))).Should().Throw<ElfFormatException>().WithMessage("*not an Arm ELF*");

    [Fact]
    public void A_relocatable_object_is_rejected() =>
        FluentActions.Invoking(() => Elf32Reader.Parse(Header(type: 1))).Should().Throw<ElfFormatException>().WithMessage("*relocatable*");

    [Fact]
    public void A_program_header_table_past_the_end_is_rejected()
    {
        var h = Header();
        BitConverter.GetBytes(1000u).CopyTo(h, 28); // e_phoff
        BitConverter.GetBytes((ushort)32).CopyTo(h, 42);
        BitConverter.GetBytes((ushort)1).CopyTo(h, 44);
        FluentActions.Invoking(() => Elf32Reader.Parse(h)).Should().Throw<ElfFormatException>().WithMessage("*runs past the end*");
    }
}
