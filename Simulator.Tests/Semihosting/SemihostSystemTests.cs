using System.Text;
using FluentAssertions;
using M7Sim.Isa;
using M7Sim.Simulation;
using Xunit;

namespace M7Sim.Tests.Semihosting;

/// <summary>Clocks (simulated time), command line, heap layout, exits and bad pointers.</summary>
public class SemihostSystemTests
{
    private const uint Fail = 0xFFFF_FFFF;

    // mps2-an500 runs at 25 MHz (timing-models/boards/mps2-an500.json).
    [Theory]
    [InlineData(0UL, 0u)]
    [InlineData(249_999UL, 0u)]          // just under 1/100 s
    [InlineData(250_000UL, 1u)]
    [InlineData(75_250_000UL, 301u)]     // 3.01 s
    public void Clock_reports_centiseconds_of_simulated_time(ulong cycles, uint centiseconds)
    {
        var f = new SemihostFixture();
        f.Call(0x10, 0, cycles).Should().Be(centiseconds);
    }

    [Fact]
    public void Time_is_the_fixed_epoch_plus_simulated_seconds()
    {
        var f = new SemihostFixture();
        f.Call(0x11, 0, 0).Should().Be(946_684_800u);                 // 2000-01-01T00:00:00Z
        f.Call(0x11, 0, 25_000_000UL * 7 + 3).Should().Be(946_684_807u);
    }

    [Fact]
    public void Elapsed_writes_the_64_bit_cycle_count_low_word_first()
    {
        var f = new SemihostFixture();
        f.Call(0x30, SemihostFixture.Data, 0x1_2345_6789UL).Should().Be(0u);
        f.ReadWord(SemihostFixture.Data).Should().Be(0x2345_6789u);
        f.ReadWord(SemihostFixture.Data + 4).Should().Be(0x1u);
    }

    [Fact]
    public void Tickfreq_is_the_board_clock()
    {
        new SemihostFixture().Call(0x31, 0).Should().Be(25_000_000u);
        new SemihostFixture(board: "stm32f746-nucleo").Call(0x31, 0).Should().Be(216_000_000u);
    }

    [Fact]
    public void Get_cmdline_joins_the_program_name_and_arguments_with_spaces()
    {
        var f = new SemihostFixture(arguments: ["-v", "in.bin"]);
        f.CallWithBlock(0x15, SemihostFixture.Data, 64).Should().Be(0u);
        const string expected = "firmware -v in.bin"; // no ELF loaded: the program name is "firmware"
        f.ReadWord(SemihostFixture.Block + 4).Should().Be((uint)expected.Length);
        f.ReadBytes(SemihostFixture.Data, expected.Length + 1).Should().Equal(Encoding.ASCII.GetBytes(expected + "\0"));
    }

    [Fact]
    public void Get_cmdline_fits_exactly_when_the_buffer_holds_the_nul()
    {
        var f = new SemihostFixture(arguments: ["ab"]);
        const string expected = "firmware ab";
        f.CallWithBlock(0x15, SemihostFixture.Data, (uint)expected.Length + 1).Should().Be(0u);
        f.ReadWord(SemihostFixture.Block + 4).Should().Be((uint)expected.Length);
    }

    [Fact]
    public void Get_cmdline_fails_when_the_buffer_is_too_small_and_writes_nothing()
    {
        var f = new SemihostFixture(arguments: ["ab"]);
        f.Bytes(SemihostFixture.Data, [0xEE, 0xEE]);
        f.CallWithBlock(0x15, SemihostFixture.Data, (uint)"firmware ab".Length).Should().Be(Fail); // no room for the NUL
        f.ReadBytes(SemihostFixture.Data, 2).Should().Equal(0xEE, 0xEE);
        f.ReadWord(SemihostFixture.Block + 4).Should().Be((uint)"firmware ab".Length); // size word untouched
    }

    [Fact]
    public void Heapinfo_without_symbols_uses_the_ram_region_holding_the_initial_sp()
    {
        var f = new SemihostFixture();
        // Vector table at the boot address 0: SP = 0x20100000 (inside SSRAM23 0x20000000-0x203FFFFF).
        f.Word(0x0, 0x2010_0000);
        f.Word(SemihostFixture.Block, SemihostFixture.Data); // R1 -> pointer to the 4-word block
        f.Call(0x16, SemihostFixture.Block).Should().Be(0u);
        f.ReadWord(SemihostFixture.Data).Should().Be(0x2000_0000u);      // heap base: region base
        f.ReadWord(SemihostFixture.Data + 4).Should().Be(0x2010_0000u);  // heap limit: stack top (shared gap)
        f.ReadWord(SemihostFixture.Data + 8).Should().Be(0x2010_0000u);  // stack base: initial SP
        f.ReadWord(SemihostFixture.Data + 12).Should().Be(0x2010_0000u); // stack limit: heap limit
    }

    [Fact]
    public void Heapinfo_follows_the_linker_script_symbols_of_the_elf()
    {
        // kernels-elf/common/ld/sections.ld with mps2.ld; values from `arm-none-eabi-nm hello.mps2.elf`:
        // end = 0x20000c00, __HeapLimit = __StackLimit = 0x200fe000, __StackTop = 0x20100000.
        var m = Machine.Load(RepoFiles.Path("kernels-elf/build/hello.mps2.elf"), new MachineOptions { Board = "mps2-an500" });
        var f = new SemihostFixture(m);
        f.Word(0x2000_0100, 0x2000_0200);
        f.Call(0x16, 0x2000_0100).Should().Be(0u);
        f.ReadWord(0x2000_0200).Should().Be(0x2000_0C00u);
        f.ReadWord(0x2000_0204).Should().Be(0x200F_E000u);
        f.ReadWord(0x2000_0208).Should().Be(0x2010_0000u);
        f.ReadWord(0x2000_020C).Should().Be(0x200F_E000u);
    }

    [Fact]
    public void Get_cmdline_names_the_elf_file_without_its_directory()
    {
        var m = Machine.Load(RepoFiles.Path("kernels-elf/build/hello.mps2.elf"), new MachineOptions { Board = "mps2-an500", Arguments = ["x"] });
        var f = new SemihostFixture(m);
        f.Word(0x2000_0100, 0x2000_0200);
        f.Word(0x2000_0104, 100);
        f.Call(0x15, 0x2000_0100).Should().Be(0u);
        Encoding.ASCII.GetString(f.ReadBytes(0x2000_0200, 17)).Should().Be("hello.mps2.elf x\0");
    }

    [Fact]
    public void Exit_with_application_exit_stops_with_code_zero()
    {
        var f = new SemihostFixture();
        f.Call(0x18, 0x20026);
        f.Cpu.Fault.Should().Be(FaultKind.Halt);
        f.Cpu.ExitCode.Should().Be(0);
        f.Machine.Semihost.ExitReason.Should().Be(0x20026u);
    }

    [Fact]
    public void Exit_with_another_reason_stops_with_code_one_and_keeps_the_reason()
    {
        var f = new SemihostFixture();
        f.Call(0x18, 0x20023); // ADP_Stopped_RunTimeErrorUnknown
        f.Cpu.Fault.Should().Be(FaultKind.Halt);
        f.Cpu.ExitCode.Should().Be(1);
        f.Machine.Semihost.ExitReason.Should().Be(0x20023u);
    }

    [Theory]
    [InlineData(0x20026u, 0u, 0)]
    [InlineData(0x20026u, 42u, 42)]
    [InlineData(0x20026u, 0xFFFFFFFFu, -1)]  // exit(-1)
    [InlineData(0x20023u, 6u, 1)]            // abort(): RunTimeError with SIGABRT -> 1, as QEMU
    public void Exit_extended_exits_with_the_subcode_of_an_application_exit(uint reason, uint subcode, int code)
    {
        var f = new SemihostFixture();
        f.CallWithBlock(0x20, reason, subcode);
        f.Cpu.Fault.Should().Be(FaultKind.Halt);
        f.Cpu.ExitCode.Should().Be(code);
        f.Machine.Semihost.ExitReason.Should().Be(reason);
    }

    [Fact]
    public void Exit_extended_with_a_bad_block_returns_minus_one_and_keeps_running()
    {
        var f = new SemihostFixture();
        f.Call(0x20, SemihostFixture.Unmapped).Should().Be(Fail);
        f.Cpu.Fault.Should().Be(FaultKind.None);
    }

    [Theory]
    [InlineData(0x01u)] // OPEN
    [InlineData(0x02u)] // CLOSE
    [InlineData(0x05u)] // WRITE
    [InlineData(0x06u)] // READ
    [InlineData(0x09u)] // ISTTY
    [InlineData(0x0Au)] // SEEK
    [InlineData(0x0Cu)] // FLEN
    [InlineData(0x0Eu)] // REMOVE
    [InlineData(0x0Fu)] // RENAME
    [InlineData(0x15u)] // GET_CMDLINE
    [InlineData(0x16u)] // HEAPINFO
    [InlineData(0x30u)] // ELAPSED
    public void A_parameter_block_at_an_unmapped_address_gives_minus_one(uint op)
    {
        var f = new SemihostFixture();
        f.Call(op, SemihostFixture.Unmapped).Should().Be(Fail);
        f.Errno.Should().Be(14); // EFAULT
    }

    [Fact]
    public void Write_from_an_unmapped_or_oversized_buffer_fails_without_output()
    {
        var f = new SemihostFixture();
        uint h = f.Open(":tt", 4);
        f.CallWithBlock(0x05, h, SemihostFixture.Unmapped, 4).Should().Be(Fail);
        f.CallWithBlock(0x05, h, SemihostFixture.Data, 0xFFFF_FFFF).Should().Be(Fail);
        f.CallWithBlock(0x05, h, 0x60FF_FFFE, 4).Should().Be(Fail); // runs off the end of PSRAM
        f.Output.Length.Should().Be(0);
    }

    [Fact]
    public void Read_into_an_unmapped_buffer_fails()
    {
        var f = new SemihostFixture(stdin: new MemoryStream([1, 2, 3]));
        uint h = f.Open(":tt", 0);
        f.CallWithBlock(0x06, h, SemihostFixture.Unmapped, 3).Should().Be(Fail);
        f.Errno.Should().Be(14);
    }

    [Fact]
    public void An_unknown_operation_returns_minus_one()
    {
        var f = new SemihostFixture();
        f.Call(0x99, 0).Should().Be(Fail);
        f.Errno.Should().Be(38); // ENOSYS
    }

    [Fact]
    public void Errno_keeps_the_last_failure()
    {
        var f = new SemihostFixture();
        f.Close(40).Should().Be(Fail);
        f.Errno.Should().Be(9);
        f.Errno.Should().Be(9); // reading errno does not clear it
    }
}
