using System.Globalization;
using System.Text.RegularExpressions;
using FluentAssertions;
using M7Sim.Decoding;
using M7Sim.Simulation;
using Xunit;

namespace M7Sim.Tests.Debugging;

/// <summary>
/// The real client: gdb-multiarch in batch mode against the in-process server. Expected register
/// values are computed here from what gdb printed before each step, with the ARM ARM semantics of
/// the instruction (never by asking the simulator).
/// </summary>
public sealed class GdbClientTests
{
    private const string Cifar = "kernels-elf/build/cifar10_cnn.f746.elf";
    private const string Board = "stm32f746-nucleo";
    private const string Kernel = "arm_nn_mat_mult_kernel_s8_s16";

    /// <summary>An SMLAD found in the ELF: address and register fields (SMLAD T1: FB2n | aaaa dddd 0000 mmmm, Ra != 15).</summary>
    private readonly record struct Smlad(uint Address, int Rd, int Rn, int Rm, int Ra, ushort Hw1, ushort Hw2);

    /// <summary>The first SMLADs of the kernel, found by walking its instructions from the symbol.</summary>
    private static List<Smlad> FindSmlads(string elf, string function, int count)
    {
        var m = Machine.Load(elf, new MachineOptions { Board = Board });
        var sym = m.Symbols.Find(function);
        sym.Should().NotBeNull($"{function} is in {elf}");
        uint start = sym!.Address & ~1u, end = start + sym.Size;
        var found = new List<Smlad>();
        Span<byte> b = stackalloc byte[4];
        for (uint a = start; a < end && found.Count < count;)
        {
            m.ReadMemory(a, b).Should().BeTrue();
            ushort hw1 = (ushort)(b[0] | b[1] << 8), hw2 = (ushort)(b[2] | b[3] << 8);
            if (!Decoder.Is32Bit(hw1)) { a += 2; continue; }
            if ((hw1 & 0xFFF0) == 0xFB20 && (hw2 & 0x00F0) == 0 && (hw2 >> 12) != 15)
                found.Add(new Smlad(a, (hw2 >> 8) & 15, hw1 & 15, hw2 & 15, hw2 >> 12, hw1, hw2));
            a += 4;
        }
        found.Should().HaveCount(count, $"{function} has an SMLAD inner loop");
        return found;
    }

    /// <summary>SMLAD (ARM ARM A7.7.138): Rd = Ra + Rn[15:0]*Rm[15:0] + Rn[31:16]*Rm[31:16], signed; Q set on signed overflow of the sum.</summary>
    private static (uint Result, bool Overflow) SmladReference(uint rn, uint rm, uint ra)
    {
        long p1 = (long)(short)rn * (short)rm;
        long p2 = (long)(short)(rn >> 16) * (short)(rm >> 16);
        long sum = p1 + p2 + (int)ra;
        return ((uint)sum, sum != (int)sum);
    }

    private static uint[] Numbers(string output, string tag)
    {
        var match = Regex.Match(output, $@"^{tag} ([0-9 ]+)$", RegexOptions.Multiline);
        match.Success.Should().BeTrue($"gdb printed a {tag} line; output:\n{output}");
        return match.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => uint.Parse(s, CultureInfo.InvariantCulture)).ToArray();
    }

    [Fact]
    public void Stepi_across_SMLADs_in_the_conv_kernel_gives_the_ARM_ARM_results()
    {
        string elf = ElfFiles.Path(Cifar);
        var smlads = FindSmlads(elf, Kernel, 3);
        var commands = new List<string>();
        for (int i = 0; i < smlads.Count; i++)
        {
            var s = smlads[i];
            commands.Add("delete");
            commands.Add($"break *0x{s.Address:x}");
            commands.Add("continue");
            commands.Add($"printf \"BEFORE{i} %u %u %u %u %u\\n\", $pc, $r{s.Rn}, $r{s.Rm}, $r{s.Ra}, $xpsr");
            commands.Add("stepi");
            commands.Add($"printf \"AFTER{i} %u %u %u\\n\", $pc, $r{s.Rd}, $xpsr");
        }
        using var server = GdbServerHarness.ForElf(Cifar, Board);
        string output = GdbBatch.Run(server.Port, elf, commands);

        for (int i = 0; i < smlads.Count; i++)
        {
            var s = smlads[i];
            var before = Numbers(output, $"BEFORE{i}");
            var after = Numbers(output, $"AFTER{i}");
            before[0].Should().Be(s.Address, "the breakpoint stopped at the SMLAD");
            var (result, overflow) = SmladReference(before[1], before[2], before[3]);
            after[0].Should().Be(s.Address + 4, "stepi executes exactly the 32-bit SMLAD");
            after[1].Should().Be(result, $"smlad r{s.Rd}, r{s.Rn}, r{s.Rm}, r{s.Ra} with r{s.Rn}=0x{before[1]:x8} r{s.Rm}=0x{before[2]:x8} r{s.Ra}=0x{before[3]:x8}");
            bool qBefore = (before[4] & (1u << 27)) != 0, qAfter = (after[2] & (1u << 27)) != 0;
            qAfter.Should().Be(qBefore || overflow, "SMLAD sets Q on overflow and never clears it");
            (after[2] & 0xF000_0000).Should().Be(before[4] & 0xF000_0000, "SMLAD leaves N Z C V alone");
        }
    }

    [Fact]
    public void Memory_reads_show_the_ELF_bytes_and_writes_through_gdb_read_back()
    {
        string elf = ElfFiles.Path(Cifar);
        var smlad = FindSmlads(elf, Kernel, 1)[0];
        using var server = GdbServerHarness.ForElf(Cifar, Board);
        string output = GdbBatch.Run(server.Port, elf,
        [
            $"printf \"CODE %u %u\\n\", *(unsigned short *)0x{smlad.Address:x}, *(unsigned short *)0x{smlad.Address + 2:x}",
            "set var *(unsigned int *)&scratch = 0xcafef00d",
            "printf \"RAM %u\\n\", *(unsigned int *)&scratch",
            "x/1xw &scratch",
        ]);
        Numbers(output, "CODE").Should().Equal(smlad.Hw1, smlad.Hw2);
        Numbers(output, "RAM").Should().Equal(0xCAFEF00D);
        output.Should().MatchRegex(@"<scratch>:\s+0xcafef00d");
    }

    [Fact]
    public void Watchpoint_on_the_output_buffer_stops_where_it_is_first_changed()
    {
        string elf = ElfFiles.Path(Cifar);
        using var server = GdbServerHarness.ForElf(Cifar, Board);
        string output = GdbBatch.Run(server.Port, elf,
        [
            "watch *(int *)&buf1",
            "continue",
            "printf \"NOW %u\\n\", *(unsigned int *)&buf1",
            "info symbol $pc",
        ]);
        output.Should().Contain("Hardware watchpoint 1: *(int *)&buf1");
        var m = Regex.Match(output, @"Old value = (-?\d+)\s+New value = (-?\d+)");
        m.Success.Should().BeTrue($"gdb reports the change; output:\n{output}");
        int oldValue = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), newValue = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        newValue.Should().NotBe(oldValue);
        Numbers(output, "NOW").Should().Equal([unchecked((uint)newValue)], "memory holds the value gdb reported");
    }

    [Fact]
    public void Monitor_cycles_counts_one_instruction_for_a_stepi()
    {
        string elf = ElfFiles.Path(Cifar);
        var smlad = FindSmlads(elf, Kernel, 1)[0];
        using var server = GdbServerHarness.ForElf(Cifar, Board);
        string output = GdbBatch.Run(server.Port, elf,
        [
            $"break *0x{smlad.Address:x}",
            "continue",
            "monitor cycles",
            "stepi",
            "monitor cycles",
        ]);
        var cycles = Regex.Matches(output, @"cycles:\s+([\d,]+)\s+since last stop: ([\d,]+)");
        var instructions = Regex.Matches(output, @"instructions:\s+([\d,]+)\s+since last stop: ([\d,]+)");
        cycles.Should().HaveCount(2, output);
        instructions.Should().HaveCount(2, output);
        static ulong N(Match m, int g) => ulong.Parse(m.Groups[g].Value.Replace(",", ""), CultureInfo.InvariantCulture);
        N(instructions[0], 1).Should().Be(N(instructions[0], 2), "the first stop is the first run since reset");
        N(instructions[1], 2).Should().Be(1, "stepi retires one instruction");
        N(instructions[1], 1).Should().Be(N(instructions[0], 1) + 1);
        N(cycles[1], 1).Should().Be(N(cycles[0], 1) + N(cycles[1], 2), "totals and deltas agree");
        N(cycles[0], 1).Should().BeGreaterThan(0);
        output.Should().MatchRegex(@"energy:\s+[\d.]+ uJ", "the Cortex-M7 model estimates energy");
    }

    [Fact]
    public void Exit_through_semihosting_is_reported_by_gdb_with_the_exit_code()
    {
        // LoopFirmware at 0x4c calls SYS_EXIT_EXTENDED with exit code 3; gdb runs without an ELF (architecture from the target description).
        using var server = new GdbServerHarness(s => LoopFirmware.Create(s));
        string output = GdbBatch.Run(server.Port, null, [$"set $pc = 0x{LoopFirmware.Exit3:x}", "continue"]);
        // gdb prints the exit code in octal with a leading zero.
        output.Should().Contain("[Inferior 1 (Remote target) exited with code 03]");
    }

    [Fact]
    public void Ctrl_C_in_gdb_interrupts_the_running_target()
    {
        using var server = new GdbServerHarness(s => LoopFirmware.Create(s));
        using var gdb = new GdbBatch(server.Port, null, ["continue", "printf \"PC %u\\n\", $pc"]);
        // The loop never ends: once instructions retire, gdb is waiting in 'continue'.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (server.Server.Machine.Instructions == 0 && DateTime.UtcNow < deadline) Thread.Sleep(20);
        server.Server.Machine.Instructions.Should().BeGreaterThan(0, "the target runs after 'continue'");
        gdb.Interrupt();
        string output = gdb.WaitForExit();
        output.Should().Contain("Program received signal SIGINT, Interrupt.");
        Numbers(output, "PC")[0].Should().BeInRange(LoopFirmware.Loop, LoopFirmware.Branch, "the target stopped inside its loop");
    }

    [Fact]
    public void The_cortex_debug_launch_sequence_loads_resets_and_runs_to_main()
    {
        // What VS Code's cortex-debug sends with "servertype": "external": target extended-remote,
        // load (vFlashErase/vFlashWrite into the flash region of the memory map), monitor reset halt.
        const string hello = "kernels-elf/build/hello.f746.elf";
        using var server = GdbServerHarness.ForElf(hello, Board);
        string output = GdbBatch.Run(server.Port, ElfFiles.Path(hello),
        [
            "load",
            "monitor reset halt",
            "maintenance flush register-cache",
            "printf \"RESET %u\\n\", $pc",
            "break main",
            "continue",
            "printf \"MAIN %u\\n\", $pc",
            "kill",
            "run",
            "continue",
        ], extended: true);
        output.Should().Contain("Start address 0x08000080", "load reports the ELF entry");
        output.Should().MatchRegex(@"Transfer rate: .*", "load wrote the sections");
        // The f746 vector table: reset handler at 0x08000081 (objdump: Reset_Handler at 0x08000080).
        Numbers(output, "RESET").Should().Equal([0x0800_0080u]);
        uint main = Machine.Load(ElfFiles.Path(hello), new MachineOptions { Board = Board }).Symbols.Find("main")!.Address & ~1u;
        Numbers(output, "MAIN")[0].Should().BeInRange(main, main + 16, "gdb stops after main's prologue");
        Regex.Matches(output, @"Breakpoint 1, main \(").Should().HaveCount(2, "in extended mode kill and run restart the target");
        output.Should().Contain("hello from hello (f746), argc=1").And.Contain("[Inferior 1 (Remote target) exited normally]");
        output.Should().NotContain("[New Thread", "an exited target has no threads");
    }

    [Fact]
    public void Continue_to_the_end_reports_the_firmware_exit_code()
    {
        // hello returns 3 when given --fail (kernels-elf/bench/hello.c).
        const string hello = "kernels-elf/build/hello.f746.elf";
        using var server = GdbServerHarness.ForElf(hello, Board, arguments: ["--fail"]);
        string output = GdbBatch.Run(server.Port, ElfFiles.Path(hello), ["continue"]);
        // gdb prints the exit code in octal with a leading zero.
        output.Should().Contain("[Inferior 1 (Remote target) exited with code 03]");
        output.Should().Contain("hello from hello (f746)", "semihosting output reaches gdb's console");
    }
}
