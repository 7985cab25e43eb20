using FluentAssertions;
using M7Sim.Simulation;
using M7Sim.Tests.TestSupport;
using Xunit;

namespace M7Sim.Tests.Execution;

/// <summary>
/// B (T1-T4), BL, BX, BLX, CBZ/CBNZ, TBB/TBH (A5.2.5, A5.2.6, A5.3.4, A5.3.6). Code sits at 0x1000,
/// where the PC reads 0x1004; targets are worked out from the encodings by hand.
/// </summary>
public class BranchTests
{
    private const uint Code = TestCpu.CodeBase;

    [Fact]
    public void B_T2_branches_forward()
    {
        var t = TestCpu.WithCode(0xE002 /* b.n .+8 */).Run();
        t.Cpu.Pc.Should().Be(Code + 8);
    }

    [Fact]
    public void B_T2_branches_backward()
    {
        var t = TestCpu.WithCode(0xBF00, 0xE7FC /* b.n .-4 (at 0x1002: 0x1006 - 8) */).Run();
        t.Cpu.Pc.Should().Be(Code - 2);
    }

    // b<c>.n .+8 = 0xD002 | cond << 8: taken → 0x1008, not taken → 0x1002.
    [Theory]
    [InlineData(0x0u /* eq */, false, true, false, false, true)]
    [InlineData(0x0u /* eq */, false, false, false, false, false)]
    [InlineData(0x1u /* ne */, false, false, false, false, true)]
    [InlineData(0x1u /* ne */, false, true, false, false, false)]
    [InlineData(0x2u /* cs */, false, false, true, false, true)]
    [InlineData(0x3u /* cc */, false, false, true, false, false)]
    [InlineData(0x4u /* mi */, true, false, false, false, true)]
    [InlineData(0x5u /* pl */, true, false, false, false, false)]
    [InlineData(0x6u /* vs */, false, false, false, true, true)]
    [InlineData(0x7u /* vc */, false, false, false, true, false)]
    [InlineData(0x8u /* hi */, false, false, true, false, true)]
    [InlineData(0x8u /* hi */, false, true, true, false, false)]
    [InlineData(0x9u /* ls */, false, true, true, false, true)]
    [InlineData(0x9u /* ls */, false, false, true, false, false)]
    [InlineData(0xAu /* ge */, true, false, false, true, true)]
    [InlineData(0xAu /* ge */, true, false, false, false, false)]
    [InlineData(0xBu /* lt */, false, false, false, true, true)]
    [InlineData(0xBu /* lt */, true, false, false, true, false)]
    [InlineData(0xCu /* gt */, false, false, false, false, true)]
    [InlineData(0xCu /* gt */, false, true, false, false, false)]
    [InlineData(0xDu /* le */, true, false, false, false, true)]
    [InlineData(0xDu /* le */, false, false, false, false, false)]
    public void B_T1_follows_its_own_condition(uint cond, bool n, bool z, bool c, bool v, bool taken)
    {
        var t = TestCpu.WithCode(0xD002 | (cond << 8)).Flags(n, z, c, v).Run();
        t.Cpu.Pc.Should().Be(taken ? Code + 8 : Code + 2);
    }

    [Fact]
    public void B_T1_backward_offset_is_sign_extended()
    {
        var t = TestCpu.WithCode(0xD0FC /* beq.n .-4 */).Flags(z: true).Run();
        t.Cpu.Pc.Should().Be(Code - 4);
    }

    [Theory]
    [InlineData(true, Code + 0x800)]
    [InlineData(false, Code + 4)]
    public void B_T3_is_conditional(bool z, uint expected)
    {
        var t = TestCpu.WithCode(0xF000_83FE /* beq.w .+0x800 */).Flags(z: z).Run();
        t.Cpu.Pc.Should().Be(expected);
    }

    [Fact]
    public void B_T4_reaches_far_targets()
    {
        var t = TestCpu.WithCode(0xF000_BFFE /* b.w .+0x1000 */).Run();
        t.Cpu.Pc.Should().Be(Code + 0x1000);
    }

    [Fact]
    public void Bl_backward_uses_S_and_the_inverted_J_bits()
    {
        // F7FD FFFE: S=1, J1=J2=1 → I1=I2=1, imm10=0x3FD, imm11=0x7FE → offset -0x2004; 0x1004 - 0x2004 = 0x1000 - 0x2000.
        var t = TestCpu.WithCode(0xF7FD_FFFE /* bl .-0x2000 */).Run();
        t.Cpu.Pc.Should().Be(unchecked(Code - 0x2000));
        t[14].Should().Be(Code + 5);
    }

    [Fact]
    public void Bl_sets_lr_to_the_next_instruction_with_the_thumb_bit()
    {
        var t = TestCpu.WithCode(0xF000_F87E /* bl .+0x100 */).Run();
        t.Cpu.Pc.Should().Be(Code + 0x100);
        t[14].Should().Be(Code + 4 + 1);
    }

    [Fact]
    public void Bx_lr_returns_to_a_thumb_address()
    {
        var t = TestCpu.WithCode(0x4770 /* bx lr */).Reg(14, 0x0000_2001).Run();
        t.Cpu.Pc.Should().Be(0x2000u);
    }

    [Fact]
    public void Bx_to_an_even_address_faults_INVSTATE()
    {
        // The BX completes (EPSR.T = 0); INVSTATE comes with the next instruction (A2.3.1 BXWritePC).
        var t = TestCpu.WithCode(0x4700 /* bx r0 */).Reg(0, 0x0000_2000).Run(2);
        t.Result.Reason.Should().Be(StopReason.Fault);
        t.Result.Message.Should().Contain("INVSTATE");
    }

    [Fact]
    public void Blx_register_links_the_16_bit_return_address()
    {
        var t = TestCpu.WithCode(0xBF00, 0x4798 /* blx r3 */).Reg(3, 0x0000_3001).Run();
        t.Cpu.Pc.Should().Be(0x3000u);
        t[14].Should().Be(Code + 4 + 1);
    }

    [Fact]
    public void Blx_lr_uses_the_old_lr_as_target()
    {
        var t = TestCpu.WithCode(0x47F0 /* blx lr */).Reg(14, 0x0000_4001).Run();
        t.Cpu.Pc.Should().Be(0x4000u);
        t[14].Should().Be(Code + 2 + 1);
    }

    [Theory]
    [InlineData(0xB11Au /* cbz r2, .+10 */, 0u, Code + 10)]
    [InlineData(0xB11Au /* cbz r2, .+10 */, 1u, Code + 2)]
    [InlineData(0xB91Au /* cbnz r2, .+10 */, 0u, Code + 2)]
    [InlineData(0xB91Au /* cbnz r2, .+10 */, 0x8000_0000u, Code + 10)]
    public void Cbz_and_cbnz_test_the_register_against_zero(uint encoding, uint r2, uint expected)
    {
        var t = TestCpu.WithCode(encoding).Reg(2, r2).Flags(z: r2 != 0).Run();
        t.Cpu.Pc.Should().Be(expected);
    }

    [Fact]
    public void Cbz_offset_uses_the_i_bit()
    {
        // 1011 0 0 1 1 iiiii nnn: cbz r0, .+68 → i=1, imm5=00000 → offset 64, target 0x1004 + 64.
        var t = TestCpu.WithCode(0xB300).Reg(0, 0).Run();
        t.Cpu.Pc.Should().Be(Code + 4 + 64);
    }

    [Theory]
    [InlineData(0u, Code + 4 + 2 * 3)]
    [InlineData(1u, Code + 4 + 2 * 0x7F)]
    public void Tbb_branches_forward_by_twice_the_table_byte(uint index, uint expected)
    {
        // Table after the tbb at 0x1004: bytes 03 7F.
        var t = TestCpu.WithCode(0xE8DF_F000 /* tbb [pc, r0] */, 0x7F03).Reg(0, index).Run(1);
        t.Cpu.Pc.Should().Be(expected);
    }

    [Fact]
    public void Tbh_branches_forward_by_twice_the_table_halfword()
    {
        // Table at 0x1004: halfwords 0x0002, 0x0100; index 1 → 0x1004 + 0x200.
        var t = TestCpu.WithCode(0xE8DF_F010 /* tbh [pc, r0, lsl #1] */, 0x0002, 0x0100).Reg(0, 1).Run(1);
        t.Cpu.Pc.Should().Be(Code + 4 + 0x200);
    }

    [Fact]
    public void Tbb_with_a_register_base()
    {
        var t = TestCpu.WithCode(0xE8D1_F000 /* tbb [r1, r0] */).Word(TestCpu.DataBase, 0x0000_1000).Reg(1, TestCpu.DataBase).Reg(0, 1).Run();
        t.Cpu.Pc.Should().Be(Code + 4 + 0x20);
    }
}
