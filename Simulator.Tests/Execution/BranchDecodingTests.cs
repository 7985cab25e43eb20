using FluentAssertions;
using M7Sim.Decoding;
using M7Sim.Timing;
using Xunit;

namespace M7Sim.Tests.Execution;

/// <summary>Branch and system table rows: assembler encodings reach their rows, invalid forms are rejected, timing facts are set.</summary>
public class BranchDecodingTests
{
    private static DecodeStatus Decode(uint raw, out DecodedInst d, out Row? row) =>
        Decoder.Instance.Decode(raw, raw > 0xFFFF, out d, out row);

    [Theory]
    [InlineData(0xD0FCu, "BT1", "b")] // beq.n .-4
    [InlineData(0xE002u, "BT2", "b")] // b.n .+8
    [InlineData(0xF000_807Eu, "BT3", "b")] // beq.w .+0x100
    [InlineData(0xF000_BFFEu, "BT4", "b")] // b.w .+0x1000
    [InlineData(0xF000_F87Eu, "BlT1", "bl")] // bl .+0x100
    [InlineData(0x4770u, "BxT1", "bx")] // bx lr
    [InlineData(0x4798u, "BlxRegT1", "blx")] // blx r3
    [InlineData(0xB110u, "CbzT1", "cbz")] // cbz r0, .+8
    [InlineData(0xB91Au, "CbnzT1", "cbnz")] // cbnz r2, .+10
    [InlineData(0xBF06u, "ItT1", "it")] // itte eq
    [InlineData(0xBF00u, "NopT1", "nop")] // nop
    [InlineData(0xBF10u, "YieldT1", "yield")] // yield
    [InlineData(0xBF20u, "WfeT1", "wfe")] // wfe
    [InlineData(0xBF30u, "WfiT1", "wfi")] // wfi
    [InlineData(0xBF40u, "SevT1", "sev")] // sev
    [InlineData(0xBEABu, "BkptT1", "bkpt")] // bkpt 0xab
    [InlineData(0xDF05u, "SvcT1", "svc")] // svc 5
    [InlineData(0xDE07u, "UdfT1", "udf")] // udf #7
    [InlineData(0xB672u, "CpsidT1", "cpsid")] // cpsid i
    [InlineData(0xB661u, "CpsieT1", "cpsie")] // cpsie f
    [InlineData(0xF3EF_8010u, "MrsT1", "mrs")] // mrs r0, PRIMASK
    [InlineData(0xF380_8811u, "MsrT1", "msr")] // msr BASEPRI, r0
    [InlineData(0xF3AF_8000u, "NopT2", "nop")] // nop.w
    [InlineData(0xF3AF_8003u, "WfiT2", "wfi")] // wfi.w
    [InlineData(0xF3BF_8F5Fu, "DmbT1", "dmb")] // dmb sy
    [InlineData(0xF3BF_8F4Fu, "DsbT1", "dsb")] // dsb sy
    [InlineData(0xF3BF_8F6Fu, "IsbT1", "isb")] // isb sy
    [InlineData(0xF3BF_8F2Fu, "ClrexT1", "clrex")] // clrex
    [InlineData(0xF7F1_A234u, "UdfT2", "udf")] // udf.w #0x1234
    public void Assembler_encoding_decodes_to_its_row(uint raw, string name, string mnemonic)
    {
        var status = Decode(raw, out _, out var row);
        row!.Name.Should().Be(name);
        row.Mnemonic.Should().Be(mnemonic);
        status.Should().Be(DecodeStatus.Ok);
    }

    [Theory]
    [InlineData(0x47F8u)] // blx pc
    [InlineData(0xBFF8u)] // it with firstcond 1111
    [InlineData(0xBFECu)] // ite al
    [InlineData(0xB660u)] // cpsie with no flags
    [InlineData(0xF3EF_8D10u)] // mrs sp, PRIMASK
    [InlineData(0xF3EF_8104u)] // mrs r1, SYSm 4 (reserved)
    [InlineData(0xF38D_8810u)] // msr PRIMASK, sp
    [InlineData(0xF380_8010u)] // msr PRIMASK with mask 00
    public void Unpredictable_branch_and_system_forms_are_rejected(uint raw)
    {
        Decode(raw, out _, out _).Should().Be(DecodeStatus.Unpredictable);
    }

    [Theory]
    [InlineData(0xF000_C000u)] // BLX (immediate): ARM state only, UNDEFINED on M profile
    [InlineData(0xF3C0_8000u)] // A5.3.4 op1 = 0111100 (BXJ on A profile)
    [InlineData(0x4701u)] // bx r0 with a (0) bit set
    public void Undefined_branch_and_system_forms_are_rejected(uint raw)
    {
        Decode(raw, out _, out _).Should().Be(DecodeStatus.Undefined);
    }

    [Fact]
    public void Conditional_branch_carries_its_own_condition_and_reads_flags()
    {
        Decode(0xD0FC /* beq.n .-4 */, out var d, out _);
        d.Class.Should().Be(TimingClass.Branch);
        d.Cond.Should().Be(0);
        d.Imm.Should().Be(unchecked((uint)-8));
        d.Flags.Should().HaveFlag(InstFlags.Conditional).And.HaveFlag(InstFlags.ReadsFlags).And.HaveFlag(InstFlags.WritesPc);
    }

    [Fact]
    public void B_T3_offset_assembles_S_J2_J1()
    {
        Decode(0xF000_807E /* beq.w .+0x100 */, out var d, out _);
        d.Imm.Should().Be(0xFCu);
        d.Cond.Should().Be(0);
    }

    [Fact]
    public void Bl_writes_lr_and_pc()
    {
        Decode(0xF000_F87E /* bl .+0x100 */, out var d, out _);
        d.Imm.Should().Be(0xFCu);
        d.DstMask.Should().Be((ushort)(1 << 14 | 1 << 15));
        d.Flags.Should().HaveFlag(InstFlags.WritesPc);
    }

    [Fact]
    public void It_is_its_own_class_and_cannot_be_predicated()
    {
        Decode(0xBF06 /* itte eq */, out var d, out _);
        d.Class.Should().Be(TimingClass.It);
        d.Imm.Should().Be(0x06u);
        d.Flags.Should().HaveFlag(InstFlags.Unconditional);
    }

    [Fact]
    public void Hints_are_nops_and_barriers_are_system()
    {
        Decode(0xBF00 /* nop */, out var nop, out _);
        nop.Class.Should().Be(TimingClass.Nop);
        Decode(0xF3BF_8F5F /* dmb sy */, out var dmb, out _);
        dmb.Class.Should().Be(TimingClass.System);
    }
}
