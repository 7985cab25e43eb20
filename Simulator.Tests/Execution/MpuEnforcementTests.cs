using FluentAssertions;
using M7Sim.Execution;
using M7Sim.Simulation;
using Xunit;
using P = M7Sim.Tests.Execution.ExceptionTestProgram;

namespace M7Sim.Tests.Execution;

/// <summary>
/// PMSAv7 MPU enforcement (Armv7-M ARM B3.5) and the default map's execute-never rule (B3.1): small
/// programs that program the MPU with stores, then access or branch somewhere. Expected CFSR/MMFAR
/// values come from B3.2.15-B3.2.17 (MMFSR: IACCVIOL bit 0, DACCVIOL bit 1, MMARVALID bit 7) and the
/// region rules of B3.5 (RASR.AP table B3-15, highest-numbered region wins, SRD, PRIVDEFENA, HFNMIENA).
/// </summary>
public class MpuEnforcementTests
{
    private const uint Shcsr = 0xE000_ED24, Cfsr = 0xE000_ED28, Hfsr = 0xE000_ED2C, Mmfar = 0xE000_ED34;
    private const uint MpuCtrl = 0xE000_ED94, MpuRbar = 0xE000_ED9C, MpuRasr = 0xE000_EDA0;
    private const uint IaccViol = 1u << 0, DaccViol = 1u << 1, MmarValid = 1u << 7, Forced = 1u << 30;
    private const uint Enable = 1, HfNmiEna = 2, PrivDefEna = 4;
    private const uint MemManageHandler = 0x2000, HardFaultHandler = 0x2100;

    // RASR.AP values (B3.5.9, table B3-15).
    private const uint NoAccess = 0, PrivRw = 1, PrivRwUserRo = 2, FullAccess = 3, PrivRo = 5, ReadOnly = 6;

    /// <summary>MPU_RASR for a region of 2^<paramref name="sizeLog2"/> bytes: ENABLE, SIZE = log2 - 1, SRD, AP, XN.</summary>
    private static uint Rasr(int sizeLog2, uint ap, bool xn = false, uint srd = 0) =>
        1u | (uint)(sizeLog2 - 1) << 1 | srd << 8 | ap << 24 | (xn ? 1u << 28 : 0);

    /// <summary>Code that programs region <paramref name="n"/> (RBAR with VALID selects it) through r0/r1.</summary>
    private static uint[] Region(int n, uint baseAddress, uint rasr) =>
        [.. T.Store(MpuRbar, baseAddress | 0x10 | (uint)n), .. T.Store(MpuRasr, rasr)];

    /// <summary>Region 0: the whole 4 GB, full access, executable (so only the regions above it restrict).</summary>
    private static uint[] Everything => Region(0, 0, Rasr(32, FullAccess));

    private static uint[] EnableMpu(uint ctrl) => [.. T.Store(MpuCtrl, ctrl), 0xF3BF_8F4F /* dsb sy */, T.Isb];

    /// <summary>A program with MemManage enabled and both fault handlers spinning after a NOP: a fetch
    /// fault and the handler's first instruction happen in one step, so tests run to the address after it.</summary>
    private static P Program()
    {
        var p = new P();
        p.Poke(Shcsr, 1u << 16); // MEMFAULTENA
        p.Handler(Exceptions.MemManage, MemManageHandler, T.Of(T.Nop, T.Self));
        p.Handler(Exceptions.HardFault, HardFaultHandler, T.Of(T.Nop, T.Self));
        return p;
    }

    private const uint LdrR2R3 = 0x681A;          // ldr r2, [r3]
    private const uint StrR2R3 = 0x601A;          // str r2, [r3]
    private const uint LdrPreIndexed = 0xF853_2F04; // ldr.w r2, [r3, #4]!
    private const uint LdrtR2R3 = 0xF853_2E00;    // ldrt r2, [r3]
    private const uint BxR3 = 0x4718;             // bx r3
    private static readonly uint[] DropPrivilege = [T.Movs(0, 1), T.MsrControl(0), T.Isb]; // CONTROL.nPRIV = 1

    [Fact]
    public void A_read_of_a_no_access_region_is_a_precise_memmanage_with_mmfar()
    {
        var p = Program();
        uint at = p.Code(P.Main, Everything, Region(1, 0x2000_8000, Rasr(10, NoAccess)), EnableMpu(Enable),
            T.Mov32(3, 0x2000_8010), T.Of(T.Movs(2, 7)));
        p.Code(at, T.Of(LdrR2R3, T.Self));
        p.RunUntil(MemManageHandler + 2);
        p.Cpu.Ipsr.Should().Be(4u);
        p.Peek(Cfsr).Should().Be(DaccViol | MmarValid);
        p.Peek(Mmfar).Should().Be(0x2000_8010u);
        p.Peek(Hfsr).Should().Be(0u);
        var frame = p.Frame(p.Cpu.R[13]);
        frame[6].Should().Be(at, "a MemManage fault returns to the faulting instruction");
        frame[2].Should().Be(7u, "the load did not write r2");
    }

    [Fact]
    public void A_faulting_load_with_writeback_leaves_the_base_register_alone()
    {
        var p = Program();
        uint at = p.Code(P.Main, Everything, Region(1, 0x2000_8000, Rasr(10, NoAccess)), EnableMpu(Enable),
            T.Mov32(3, 0x2000_7FFC));
        p.Code(at, T.Of(LdrPreIndexed, T.Self)); // reads 0x20008000, the first byte of the region
        p.RunUntil(MemManageHandler + 2);
        p.Peek(Mmfar).Should().Be(0x2000_8000u);
        p.Frame(p.Cpu.R[13])[3].Should().Be(0x2000_7FFCu, "the base register is not written back");
    }

    [Fact]
    public void A_read_only_region_allows_loads_and_refuses_stores()
    {
        var p = Program();
        uint at = p.Code(P.Main, Everything, Region(1, 0x2000_8000, Rasr(10, ReadOnly)), EnableMpu(Enable),
            T.Mov32(3, 0x2000_8020), T.Of(LdrR2R3));
        p.Code(at, T.Of(StrR2R3, T.Self));
        p.RunUntil(MemManageHandler + 2);
        p.Peek(Cfsr).Should().Be(DaccViol | MmarValid);
        p.Peek(Mmfar).Should().Be(0x2000_8020u);
        p.Frame(p.Cpu.R[13])[6].Should().Be(at, "the load before it completed; the store faulted");
    }

    [Fact]
    public void An_execute_never_region_faults_the_fetch_with_iaccviol_and_no_mmfar()
    {
        var p = Program();
        p.Code(0x3000, T.Of(T.Nop, T.Self));
        p.Code(P.Main, Everything, Region(1, 0x3000, Rasr(8, FullAccess, xn: true)), EnableMpu(Enable),
            T.Mov32(3, 0x3001), T.Of(BxR3));
        p.RunUntil(MemManageHandler + 2);
        p.Peek(Cfsr).Should().Be(IaccViol, "MMARVALID stays clear for an instruction access violation");
        p.Peek(Mmfar).Should().Be(0u);
        p.Frame(p.Cpu.R[13])[6].Should().Be(0x3000u, "the stacked PC is the instruction that could not be fetched");
    }

    [Fact]
    public void Straight_line_code_faults_on_the_first_instruction_in_an_execute_never_region()
    {
        var p = Program();
        // Region 1 makes 0x3020-0x303F execute-never; code runs from 0x3000 into it without a branch.
        p.Code(0x3000, Enumerable.Repeat(T.Nop, 24).ToArray());
        p.Code(P.Main, Everything, Region(1, 0x3020, Rasr(5, FullAccess, xn: true)), EnableMpu(Enable),
            T.Mov32(3, 0x3001), T.Of(BxR3));
        p.RunUntil(MemManageHandler + 2);
        p.Peek(Cfsr).Should().Be(IaccViol);
        p.Frame(p.Cpu.R[13])[6].Should().Be(0x3020u);
    }

    [Fact]
    public void A_32_bit_instruction_whose_second_halfword_is_execute_never_faults_at_its_address()
    {
        var p = Program();
        p.Code(0x301E, T.Of(T.Movw(5, 1), T.Self)); // halfwords at 0x301E and 0x3020
        p.Code(P.Main, Everything, Region(1, 0x3020, Rasr(5, FullAccess, xn: true)), EnableMpu(Enable),
            T.Mov32(3, 0x301F), T.Of(BxR3));
        p.RunUntil(MemManageHandler + 2);
        p.Peek(Cfsr).Should().Be(IaccViol);
        p.Frame(p.Cpu.R[13])[6].Should().Be(0x301Eu);
    }

    [Fact]
    public void A_privileged_only_region_faults_unprivileged_thread_code_but_not_privileged_code()
    {
        var p = Program();
        uint at = p.Code(P.Main, Everything, Region(1, 0x2000_8000, Rasr(10, PrivRw)), EnableMpu(Enable),
            T.Mov32(3, 0x2000_8040), T.Of(LdrR2R3), DropPrivilege);
        p.Code(at, T.Of(LdrR2R3, T.Self));
        p.RunUntil(MemManageHandler + 2);
        p.Peek(Cfsr).Should().Be(DaccViol | MmarValid);
        p.Peek(Mmfar).Should().Be(0x2000_8040u);
        p.Frame(p.Cpu.R[13])[6].Should().Be(at);
    }

    [Fact]
    public void Ldrt_from_privileged_code_is_checked_with_unprivileged_permissions()
    {
        var p = Program();
        uint at = p.Code(P.Main, Everything, Region(1, 0x2000_8000, Rasr(10, PrivRwUserRo)), EnableMpu(Enable),
            T.Mov32(3, 0x2000_8000), T.Of(LdrtR2R3, StrR2R3)); // unprivileged read and privileged write are allowed
        p.Code(at, T.Of(0xF843_2E00 /* strt r2, [r3] */, T.Self));
        p.RunUntil(MemManageHandler + 2);
        p.Peek(Cfsr).Should().Be(DaccViol | MmarValid);
        p.Frame(p.Cpu.R[13])[6].Should().Be(at);
    }

    [Fact]
    public void An_unprivileged_fetch_from_a_privileged_only_region_is_an_iaccviol()
    {
        var p = Program();
        p.Code(0x3000, T.Of(T.Nop, T.Self));
        p.Code(P.Main, Everything, Region(1, 0x3000, Rasr(8, PrivRo)), EnableMpu(Enable),
            T.Mov32(3, 0x3001), DropPrivilege, T.Of(BxR3));
        p.RunUntil(MemManageHandler + 2);
        p.Peek(Cfsr).Should().Be(IaccViol);
        p.Frame(p.Cpu.R[13])[6].Should().Be(0x3000u);
    }

    [Fact]
    public void A_disabled_subregion_falls_through_to_the_lower_region()
    {
        var p = Program();
        // Region 1: 2 KB at 0x20008000, no access, subregion 1 (0x20008100-0x200081FF) disabled.
        uint at = p.Code(P.Main, Everything, Region(1, 0x2000_8000, Rasr(11, NoAccess, srd: 0b0000_0010)), EnableMpu(Enable),
            T.Mov32(3, 0x2000_81FC), T.Of(LdrR2R3, StrR2R3), T.Mov32(3, 0x2000_8200));
        p.Code(at, T.Of(LdrR2R3, T.Self));
        p.RunUntil(MemManageHandler + 2);
        p.Peek(Mmfar).Should().Be(0x2000_8200u, "subregion 2 is enabled and forbids the access");
        p.Frame(p.Cpu.R[13])[6].Should().Be(at);
    }

    [Fact]
    public void The_highest_numbered_matching_region_wins()
    {
        var p = Program();
        // Region 2 (full access) inside region 1 (no access) opens a hole; region 1 inside region 3 would not.
        uint at = p.Code(P.Main, Everything, Region(1, 0x2000_8000, Rasr(12, NoAccess)), Region(2, 0x2000_8400, Rasr(8, FullAccess)),
            EnableMpu(Enable), T.Mov32(3, 0x2000_8400), T.Of(LdrR2R3), T.Mov32(3, 0x2000_8500));
        p.Code(at, T.Of(LdrR2R3, T.Self));
        p.RunUntil(MemManageHandler + 2);
        p.Peek(Mmfar).Should().Be(0x2000_8500u);
        p.Frame(p.Cpu.R[13])[6].Should().Be(at);
    }

    [Fact]
    public void Privdefena_gives_privileged_code_the_default_map_where_no_region_matches()
    {
        var p = Program();
        // Regions cover the code (0-1 MB) and the stack/log SRAM (2 MB at 0x20000000); PSRAM at 0x60000000 is in none.
        uint at = p.Code(P.Main, Region(0, 0, Rasr(20, FullAccess)), Region(1, 0x2000_0000, Rasr(21, FullAccess)),
            EnableMpu(Enable | PrivDefEna), T.Mov32(3, 0x6000_0000), T.Of(LdrR2R3), DropPrivilege);
        p.Code(at, T.Of(LdrR2R3, T.Self));
        p.RunUntil(MemManageHandler + 2);
        p.Peek(Cfsr).Should().Be(DaccViol | MmarValid, "the background region is for privileged accesses only");
        p.Peek(Mmfar).Should().Be(0x6000_0000u);
        p.Frame(p.Cpu.R[13])[6].Should().Be(at);
    }

    [Fact]
    public void Without_privdefena_an_access_outside_every_region_faults_even_when_privileged()
    {
        var p = Program();
        uint at = p.Code(P.Main, Region(0, 0, Rasr(20, FullAccess)), Region(1, 0x2000_0000, Rasr(21, FullAccess)),
            EnableMpu(Enable), T.Mov32(3, 0x6000_0000));
        p.Code(at, T.Of(LdrR2R3, T.Self));
        p.RunUntil(MemManageHandler + 2);
        p.Peek(Mmfar).Should().Be(0x6000_0000u);
        p.Frame(p.Cpu.R[13])[6].Should().Be(at);
    }

    [Fact]
    public void The_ppb_stays_accessible_to_privileged_code_with_no_region_covering_it()
    {
        var p = Program();
        uint at = p.Code(P.Main, Region(0, 0, Rasr(20, FullAccess)), Region(1, 0x2000_0000, Rasr(21, FullAccess)),
            EnableMpu(Enable), T.Mov32(3, 0xE000_ED00), T.Of(LdrR2R3)); // CPUID
        p.Code(at, T.Of(T.Self));
        p.RunUntil(at);
        (p.Cpu.R[2] & 0xFF00_FFF0).Should().Be(0x4100_C270u, "CPUID (implementer Arm, part number 0xC27: Cortex-M7), read through the default map");
        p.Peek(Cfsr).Should().Be(0u);
    }

    [Fact]
    public void A_disabled_memmanage_escalates_and_the_hardfault_handler_ignores_the_mpu_without_hfnmiena()
    {
        var p = new P();
        p.Handler(Exceptions.HardFault, HardFaultHandler, T.Of(LdrR2R3, T.Self)); // reads the forbidden word again
        uint at = p.Code(P.Main, Everything, Region(1, 0x2000_8000, Rasr(10, NoAccess)), EnableMpu(Enable),
            T.Mov32(3, 0x2000_8000));
        p.Code(at, T.Of(LdrR2R3, T.Self));
        p.RunUntil(HardFaultHandler + 2);
        p.Peek(Hfsr).Should().Be(Forced);
        p.Peek(Cfsr).Should().Be(DaccViol | MmarValid);
        p.Cpu.Ipsr.Should().Be(3u, "the load in the HardFault handler completed without a second fault");
    }

    [Fact]
    public void With_hfnmiena_a_violation_in_the_hardfault_handler_is_a_lockup()
    {
        var p = new P();
        p.Handler(Exceptions.HardFault, HardFaultHandler, T.Of(LdrR2R3, T.Self));
        uint at = p.Code(P.Main, Everything, Region(1, 0x2000_8000, Rasr(10, NoAccess)), EnableMpu(Enable | HfNmiEna),
            T.Mov32(3, 0x2000_8000));
        p.Code(at, T.Of(LdrR2R3, T.Self));
        var r = p.RunToStop();
        r.Reason.Should().Be(StopReason.Fault);
        r.Message.Should().StartWith("lockup").And.Contain("DACCVIOL");
    }

    [Fact]
    public void Turning_the_mpu_off_restores_every_access()
    {
        var p = Program();
        uint at = p.Code(P.Main, Everything, Region(1, 0x2000_8000, Rasr(10, NoAccess)), EnableMpu(Enable),
            EnableMpu(0), T.Mov32(3, 0x2000_8000), T.Of(T.Movs(2, 9), StrR2R3, LdrR2R3));
        p.Code(at, T.Of(T.Self));
        p.RunUntil(at);
        p.ReadWord(0x2000_8000).Should().Be(9u);
        p.Peek(Cfsr).Should().Be(0u);
    }

    [Theory]
    [InlineData(0x4000_0000u)] // Peripheral
    [InlineData(0xA000_0000u)] // Device
    [InlineData(0xE000_E000u)] // System (the SCS)
    public void A_branch_into_an_execute_never_default_region_is_an_iaccviol_with_the_mpu_off(uint target)
    {
        var p = Program();
        p.Code(P.Main, T.Mov32(3, target | 1), T.Of(BxR3));
        p.RunUntil(MemManageHandler + 2);
        p.Peek(Cfsr).Should().Be(IaccViol);
        p.Frame(p.Cpu.R[13])[6].Should().Be(target);
    }

    [Fact]
    public void A_branch_to_unmapped_executable_space_is_still_an_instruction_bus_error()
    {
        var p = Program();
        p.Poke(Shcsr, (1u << 16) | (1u << 17)); // MEMFAULTENA, BUSFAULTENA
        p.Handler(Exceptions.BusFault, 0x2200, T.Of(T.Nop, T.Self));
        p.Code(P.Main, T.Mov32(3, 0x1000_0001), T.Of(BxR3)); // Code region, nothing mapped there
        p.RunUntil(0x2202);
        p.Peek(Cfsr).Should().Be(1u << 8); // IBUSERR
    }
}
