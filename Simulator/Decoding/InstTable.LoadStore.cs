using M7Sim.Execution;
using M7Sim.Timing;

namespace M7Sim.Decoding;

internal static partial class InstTable
{
    /// <summary>Loads and stores of every width and addressing mode, LDM/STM/PUSH/POP, LDRD/STRD, exclusives, TBB/TBH, PLD/PLI, 16- and 32-bit (A5.2.4, A5.3.5-A5.3.10).</summary>
    private static unsafe Row[] LoadStoreRows() =>
    [
        // ---- 16-bit, A5.2.4 (register offset, immediate offset, SP-relative) and LDR literal -------------
        new Row("0101 000m mmnn nttt", "StrRegT1", "str", &LoadStore.StrReg, TimingClass.Store, static (in Fields f, ref DecodedInst d) => LsDecode.Reg16(f, ref d, LsDecode.Kind.StoreWord)),
        new Row("0101 001m mmnn nttt", "StrhRegT1", "strh", &LoadStore.StrhReg, TimingClass.Store, static (in Fields f, ref DecodedInst d) => LsDecode.Reg16(f, ref d, LsDecode.Kind.StoreSub)),
        new Row("0101 010m mmnn nttt", "StrbRegT1", "strb", &LoadStore.StrbReg, TimingClass.Store, static (in Fields f, ref DecodedInst d) => LsDecode.Reg16(f, ref d, LsDecode.Kind.StoreSub)),
        new Row("0101 011m mmnn nttt", "LdrsbRegT1", "ldrsb", &LoadStore.LdrsbReg, TimingClass.LoadSub, static (in Fields f, ref DecodedInst d) => LsDecode.Reg16(f, ref d, LsDecode.Kind.LoadSub)),
        new Row("0101 100m mmnn nttt", "LdrRegT1", "ldr", &LoadStore.LdrReg, TimingClass.Load, static (in Fields f, ref DecodedInst d) => LsDecode.Reg16(f, ref d, LsDecode.Kind.LoadWord)),
        new Row("0101 101m mmnn nttt", "LdrhRegT1", "ldrh", &LoadStore.LdrhReg, TimingClass.LoadSub, static (in Fields f, ref DecodedInst d) => LsDecode.Reg16(f, ref d, LsDecode.Kind.LoadSub)),
        new Row("0101 110m mmnn nttt", "LdrbRegT1", "ldrb", &LoadStore.LdrbReg, TimingClass.LoadSub, static (in Fields f, ref DecodedInst d) => LsDecode.Reg16(f, ref d, LsDecode.Kind.LoadSub)),
        new Row("0101 111m mmnn nttt", "LdrshRegT1", "ldrsh", &LoadStore.LdrshReg, TimingClass.LoadSub, static (in Fields f, ref DecodedInst d) => LsDecode.Reg16(f, ref d, LsDecode.Kind.LoadSub)),
        new Row("0110 0iii iinn nttt", "StrImmT1", "str", &LoadStore.StrImm, TimingClass.Store, static (in Fields f, ref DecodedInst d) => LsDecode.Imm16(f, ref d, LsDecode.Kind.StoreWord, 4)),
        new Row("0110 1iii iinn nttt", "LdrImmT1", "ldr", &LoadStore.LdrImm, TimingClass.Load, static (in Fields f, ref DecodedInst d) => LsDecode.Imm16(f, ref d, LsDecode.Kind.LoadWord, 4)),
        new Row("0111 0iii iinn nttt", "StrbImmT1", "strb", &LoadStore.StrbImm, TimingClass.Store, static (in Fields f, ref DecodedInst d) => LsDecode.Imm16(f, ref d, LsDecode.Kind.StoreSub, 1)),
        new Row("0111 1iii iinn nttt", "LdrbImmT1", "ldrb", &LoadStore.LdrbImm, TimingClass.LoadSub, static (in Fields f, ref DecodedInst d) => LsDecode.Imm16(f, ref d, LsDecode.Kind.LoadSub, 1)),
        new Row("1000 0iii iinn nttt", "StrhImmT1", "strh", &LoadStore.StrhImm, TimingClass.Store, static (in Fields f, ref DecodedInst d) => LsDecode.Imm16(f, ref d, LsDecode.Kind.StoreSub, 2)),
        new Row("1000 1iii iinn nttt", "LdrhImmT1", "ldrh", &LoadStore.LdrhImm, TimingClass.LoadSub, static (in Fields f, ref DecodedInst d) => LsDecode.Imm16(f, ref d, LsDecode.Kind.LoadSub, 2)),
        new Row("1001 0ttt iiii iiii", "StrImmT2", "str", &LoadStore.StrImm, TimingClass.Store, static (in Fields f, ref DecodedInst d) => LsDecode.Offset(ref d, LsDecode.Kind.StoreWord, f['t'], 13, (int)f['i'] * 4, LoadStore.Index)),
        new Row("1001 1ttt iiii iiii", "LdrImmT2", "ldr", &LoadStore.LdrImm, TimingClass.Load, static (in Fields f, ref DecodedInst d) => LsDecode.Offset(ref d, LsDecode.Kind.LoadWord, f['t'], 13, (int)f['i'] * 4, LoadStore.Index)),
        new Row("0100 1ttt iiii iiii", "LdrLitT1", "ldr", &LoadStore.LdrLit, TimingClass.Load, static (in Fields f, ref DecodedInst d) => LsDecode.Literal(ref d, LsDecode.Kind.LoadWord, f['t'], (int)f['i'] * 4)),

        // ---- 16-bit LDM/STM (A5.2.4) and PUSH/POP (A5.2.5) ------------------------------------------------
        new Row("1100 0nnn rrrr rrrr", "StmT1", "stm", &LoadStoreMultiple.Stm, TimingClass.StoreMultiple, static (in Fields f, ref DecodedInst d) => LsDecode.Multiple(ref d, f['n'], f['r'], load: false, wback: true, minCount: 1)),
        new Row("1100 1nnn rrrr rrrr", "LdmT1", "ldm", &LoadStoreMultiple.Ldm, TimingClass.LoadMultiple, static (in Fields f, ref DecodedInst d) => LsDecode.Multiple(ref d, f['n'], f['r'], load: true, wback: (f['r'] & (1u << (int)f['n'])) == 0, minCount: 1)),
        new Row("1011 010m rrrr rrrr", "PushT1", "push", &LoadStoreMultiple.Stmdb, TimingClass.StoreMultiple, static (in Fields f, ref DecodedInst d) => LsDecode.Multiple(ref d, 13, (f['m'] << 14) | f['r'], load: false, wback: true, minCount: 1)),
        new Row("1011 110p rrrr rrrr", "PopT1", "pop", &LoadStoreMultiple.Ldm, TimingClass.LoadMultiple, static (in Fields f, ref DecodedInst d) => LsDecode.Multiple(ref d, 13, (f['p'] << 15) | f['r'], load: true, wback: true, minCount: 1)),

        // ---- 32-bit LDM/STM, A5.3.5 (the PUSH/POP forms have more fixed bits and win) ---------------------
        new Row("1110 1000 10w0 nnnn 0m0r rrrr rrrr rrrr", "StmT2", "stm", &LoadStoreMultiple.Stm, TimingClass.StoreMultiple, static (in Fields f, ref DecodedInst d) => LsDecode.Multiple32(f, ref d, load: false)),
        new Row("1110 1000 10w1 nnnn pm0r rrrr rrrr rrrr", "LdmT2", "ldm", &LoadStoreMultiple.Ldm, TimingClass.LoadMultiple, static (in Fields f, ref DecodedInst d) => LsDecode.Multiple32(f, ref d, load: true)),
        new Row("1110 1001 00w0 nnnn 0m0r rrrr rrrr rrrr", "StmdbT1", "stmdb", &LoadStoreMultiple.Stmdb, TimingClass.StoreMultiple, static (in Fields f, ref DecodedInst d) => LsDecode.Multiple32(f, ref d, load: false)),
        new Row("1110 1001 00w1 nnnn pm0r rrrr rrrr rrrr", "LdmdbT1", "ldmdb", &LoadStoreMultiple.Ldmdb, TimingClass.LoadMultiple, static (in Fields f, ref DecodedInst d) => LsDecode.Multiple32(f, ref d, load: true)),
        new Row("1110 1000 1011 1101 pm0r rrrr rrrr rrrr", "PopT2", "pop", &LoadStoreMultiple.Ldm, TimingClass.LoadMultiple, static (in Fields f, ref DecodedInst d) => LsDecode.Multiple32(f, ref d, true, 13, true)),
        new Row("1110 1001 0010 1101 0m0r rrrr rrrr rrrr", "PushT2", "push", &LoadStoreMultiple.Stmdb, TimingClass.StoreMultiple, static (in Fields f, ref DecodedInst d) => LsDecode.Multiple32(f, ref d, false, 13, true)),
        new Row("1111 1000 0100 1101 tttt 1101 0000 0100", "PushT3", "push", &LoadStore.StrImm, TimingClass.Store, static (in Fields f, ref DecodedInst d) => LsDecode.Imm8(ref d, LsDecode.Kind.StoreWord, f['t'], 13, 0b101, 4)),
        new Row("1111 1000 0101 1101 tttt 1011 0000 0100", "PopT3", "pop", &LoadStore.LdrImm, TimingClass.Load, static (in Fields f, ref DecodedInst d) => LsDecode.Imm8(ref d, LsDecode.Kind.LoadWord, f['t'], 13, 0b011, 4)),

        // ---- 32-bit single loads and stores, A5.3.7-A5.3.10 ------------------------------------------------
        // imm12 (positive offset)
        new Row("1111 1000 1100 nnnn tttt iiii iiii iiii", "StrImmT3", "str", &LoadStore.StrImm, TimingClass.Store, static (in Fields f, ref DecodedInst d) => LsDecode.Imm12(f, ref d, LsDecode.Kind.StoreWord)),
        new Row("1111 1000 1000 nnnn tttt iiii iiii iiii", "StrbImmT2", "strb", &LoadStore.StrbImm, TimingClass.Store, static (in Fields f, ref DecodedInst d) => LsDecode.Imm12(f, ref d, LsDecode.Kind.StoreSub)),
        new Row("1111 1000 1010 nnnn tttt iiii iiii iiii", "StrhImmT2", "strh", &LoadStore.StrhImm, TimingClass.Store, static (in Fields f, ref DecodedInst d) => LsDecode.Imm12(f, ref d, LsDecode.Kind.StoreSub)),
        new Row("1111 1000 1101 nnnn tttt iiii iiii iiii", "LdrImmT3", "ldr", &LoadStore.LdrImm, TimingClass.Load, static (in Fields f, ref DecodedInst d) => LsDecode.Imm12(f, ref d, LsDecode.Kind.LoadWord)),
        new Row("1111 1000 1001 nnnn tttt iiii iiii iiii", "LdrbImmT2", "ldrb", &LoadStore.LdrbImm, TimingClass.LoadSub, static (in Fields f, ref DecodedInst d) => LsDecode.Imm12(f, ref d, LsDecode.Kind.LoadSub)),
        new Row("1111 1000 1011 nnnn tttt iiii iiii iiii", "LdrhImmT2", "ldrh", &LoadStore.LdrhImm, TimingClass.LoadSub, static (in Fields f, ref DecodedInst d) => LsDecode.Imm12(f, ref d, LsDecode.Kind.LoadSub)),
        new Row("1111 1001 1001 nnnn tttt iiii iiii iiii", "LdrsbImmT1", "ldrsb", &LoadStore.LdrsbImm, TimingClass.LoadSub, static (in Fields f, ref DecodedInst d) => LsDecode.Imm12(f, ref d, LsDecode.Kind.LoadSub)),
        new Row("1111 1001 1011 nnnn tttt iiii iiii iiii", "LdrshImmT1", "ldrsh", &LoadStore.LdrshImm, TimingClass.LoadSub, static (in Fields f, ref DecodedInst d) => LsDecode.Imm12(f, ref d, LsDecode.Kind.LoadSub)),
        // imm8 with P/U/W: offset, pre-indexed, post-indexed, negative
        new Row("1111 1000 0100 nnnn tttt 1puw iiii iiii", "StrImmT4", "str", &LoadStore.StrImm, TimingClass.Store, static (in Fields f, ref DecodedInst d) => LsDecode.Imm8(f, ref d, LsDecode.Kind.StoreWord)),
        new Row("1111 1000 0000 nnnn tttt 1puw iiii iiii", "StrbImmT3", "strb", &LoadStore.StrbImm, TimingClass.Store, static (in Fields f, ref DecodedInst d) => LsDecode.Imm8(f, ref d, LsDecode.Kind.StoreSub)),
        new Row("1111 1000 0010 nnnn tttt 1puw iiii iiii", "StrhImmT3", "strh", &LoadStore.StrhImm, TimingClass.Store, static (in Fields f, ref DecodedInst d) => LsDecode.Imm8(f, ref d, LsDecode.Kind.StoreSub)),
        new Row("1111 1000 0101 nnnn tttt 1puw iiii iiii", "LdrImmT4", "ldr", &LoadStore.LdrImm, TimingClass.Load, static (in Fields f, ref DecodedInst d) => LsDecode.Imm8(f, ref d, LsDecode.Kind.LoadWord)),
        new Row("1111 1000 0001 nnnn tttt 1puw iiii iiii", "LdrbImmT3", "ldrb", &LoadStore.LdrbImm, TimingClass.LoadSub, static (in Fields f, ref DecodedInst d) => LsDecode.Imm8(f, ref d, LsDecode.Kind.LoadSub)),
        new Row("1111 1000 0011 nnnn tttt 1puw iiii iiii", "LdrhImmT3", "ldrh", &LoadStore.LdrhImm, TimingClass.LoadSub, static (in Fields f, ref DecodedInst d) => LsDecode.Imm8(f, ref d, LsDecode.Kind.LoadSub)),
        new Row("1111 1001 0001 nnnn tttt 1puw iiii iiii", "LdrsbImmT2", "ldrsb", &LoadStore.LdrsbImm, TimingClass.LoadSub, static (in Fields f, ref DecodedInst d) => LsDecode.Imm8(f, ref d, LsDecode.Kind.LoadSub)),
        new Row("1111 1001 0011 nnnn tttt 1puw iiii iiii", "LdrshImmT2", "ldrsh", &LoadStore.LdrshImm, TimingClass.LoadSub, static (in Fields f, ref DecodedInst d) => LsDecode.Imm8(f, ref d, LsDecode.Kind.LoadSub)),
        // unprivileged (P=1 U=1 W=0): the offset form with unprivileged access permissions
        new Row("1111 1000 0100 nnnn tttt 1110 iiii iiii", "StrtT1", "strt", &LoadStoreUnprivileged.Strt, TimingClass.Store, static (in Fields f, ref DecodedInst d) => LsDecode.Unprivileged(f, ref d, LsDecode.Kind.StoreWord)),
        new Row("1111 1000 0000 nnnn tttt 1110 iiii iiii", "StrbtT1", "strbt", &LoadStoreUnprivileged.Strbt, TimingClass.Store, static (in Fields f, ref DecodedInst d) => LsDecode.Unprivileged(f, ref d, LsDecode.Kind.StoreSub)),
        new Row("1111 1000 0010 nnnn tttt 1110 iiii iiii", "StrhtT1", "strht", &LoadStoreUnprivileged.Strht, TimingClass.Store, static (in Fields f, ref DecodedInst d) => LsDecode.Unprivileged(f, ref d, LsDecode.Kind.StoreSub)),
        new Row("1111 1000 0101 nnnn tttt 1110 iiii iiii", "LdrtT1", "ldrt", &LoadStoreUnprivileged.Ldrt, TimingClass.Load, static (in Fields f, ref DecodedInst d) => LsDecode.Unprivileged(f, ref d, LsDecode.Kind.LoadWord)),
        new Row("1111 1000 0001 nnnn tttt 1110 iiii iiii", "LdrbtT1", "ldrbt", &LoadStoreUnprivileged.Ldrbt, TimingClass.LoadSub, static (in Fields f, ref DecodedInst d) => LsDecode.Unprivileged(f, ref d, LsDecode.Kind.LoadSub)),
        new Row("1111 1000 0011 nnnn tttt 1110 iiii iiii", "LdrhtT1", "ldrht", &LoadStoreUnprivileged.Ldrht, TimingClass.LoadSub, static (in Fields f, ref DecodedInst d) => LsDecode.Unprivileged(f, ref d, LsDecode.Kind.LoadSub)),
        new Row("1111 1001 0001 nnnn tttt 1110 iiii iiii", "LdrsbtT1", "ldrsbt", &LoadStoreUnprivileged.Ldrsbt, TimingClass.LoadSub, static (in Fields f, ref DecodedInst d) => LsDecode.Unprivileged(f, ref d, LsDecode.Kind.LoadSub)),
        new Row("1111 1001 0011 nnnn tttt 1110 iiii iiii", "LdrshtT1", "ldrsht", &LoadStoreUnprivileged.Ldrsht, TimingClass.LoadSub, static (in Fields f, ref DecodedInst d) => LsDecode.Unprivileged(f, ref d, LsDecode.Kind.LoadSub)),
        // register offset, LSL #0-3
        new Row("1111 1000 0100 nnnn tttt 0000 00ss mmmm", "StrRegT2", "str", &LoadStore.StrReg, TimingClass.Store, static (in Fields f, ref DecodedInst d) => LsDecode.Reg32(f, ref d, LsDecode.Kind.StoreWord)),
        new Row("1111 1000 0000 nnnn tttt 0000 00ss mmmm", "StrbRegT2", "strb", &LoadStore.StrbReg, TimingClass.Store, static (in Fields f, ref DecodedInst d) => LsDecode.Reg32(f, ref d, LsDecode.Kind.StoreSub)),
        new Row("1111 1000 0010 nnnn tttt 0000 00ss mmmm", "StrhRegT2", "strh", &LoadStore.StrhReg, TimingClass.Store, static (in Fields f, ref DecodedInst d) => LsDecode.Reg32(f, ref d, LsDecode.Kind.StoreSub)),
        new Row("1111 1000 0101 nnnn tttt 0000 00ss mmmm", "LdrRegT2", "ldr", &LoadStore.LdrReg, TimingClass.Load, static (in Fields f, ref DecodedInst d) => LsDecode.Reg32(f, ref d, LsDecode.Kind.LoadWord)),
        new Row("1111 1000 0001 nnnn tttt 0000 00ss mmmm", "LdrbRegT2", "ldrb", &LoadStore.LdrbReg, TimingClass.LoadSub, static (in Fields f, ref DecodedInst d) => LsDecode.Reg32(f, ref d, LsDecode.Kind.LoadSub)),
        new Row("1111 1000 0011 nnnn tttt 0000 00ss mmmm", "LdrhRegT2", "ldrh", &LoadStore.LdrhReg, TimingClass.LoadSub, static (in Fields f, ref DecodedInst d) => LsDecode.Reg32(f, ref d, LsDecode.Kind.LoadSub)),
        new Row("1111 1001 0001 nnnn tttt 0000 00ss mmmm", "LdrsbRegT2", "ldrsb", &LoadStore.LdrsbReg, TimingClass.LoadSub, static (in Fields f, ref DecodedInst d) => LsDecode.Reg32(f, ref d, LsDecode.Kind.LoadSub)),
        new Row("1111 1001 0011 nnnn tttt 0000 00ss mmmm", "LdrshRegT2", "ldrsh", &LoadStore.LdrshReg, TimingClass.LoadSub, static (in Fields f, ref DecodedInst d) => LsDecode.Reg32(f, ref d, LsDecode.Kind.LoadSub)),
        // PC-relative (Rn = 1111)
        new Row("1111 1000 u101 1111 tttt iiii iiii iiii", "LdrLitT2", "ldr", &LoadStore.LdrLit, TimingClass.Load, static (in Fields f, ref DecodedInst d) => LsDecode.Literal32(f, ref d, LsDecode.Kind.LoadWord)),
        new Row("1111 1000 u001 1111 tttt iiii iiii iiii", "LdrbLitT1", "ldrb", &LoadStore.LdrbLit, TimingClass.LoadSub, static (in Fields f, ref DecodedInst d) => LsDecode.Literal32(f, ref d, LsDecode.Kind.LoadSub)),
        new Row("1111 1000 u011 1111 tttt iiii iiii iiii", "LdrhLitT1", "ldrh", &LoadStore.LdrhLit, TimingClass.LoadSub, static (in Fields f, ref DecodedInst d) => LsDecode.Literal32(f, ref d, LsDecode.Kind.LoadSub)),
        new Row("1111 1001 u001 1111 tttt iiii iiii iiii", "LdrsbLitT1", "ldrsb", &LoadStore.LdrsbLit, TimingClass.LoadSub, static (in Fields f, ref DecodedInst d) => LsDecode.Literal32(f, ref d, LsDecode.Kind.LoadSub)),
        new Row("1111 1001 u011 1111 tttt iiii iiii iiii", "LdrshLitT1", "ldrsh", &LoadStore.LdrshLit, TimingClass.LoadSub, static (in Fields f, ref DecodedInst d) => LsDecode.Literal32(f, ref d, LsDecode.Kind.LoadSub)),

        // ---- memory hints: PLD, PLI, and the unallocated hints at LDRH/LDRSH with Rt = 1111 (execute as NOP) --
        new Row("1111 1000 1001 nnnn 1111 iiii iiii iiii", "PldImmT1", "pld", &LoadStore.PreloadHint, TimingClass.Load, static (in Fields f, ref DecodedInst d) => LsDecode.Hint(f, ref d, hasN: true, hasM: false)),
        new Row("1111 1000 0001 nnnn 1111 1100 iiii iiii", "PldImmT2", "pld", &LoadStore.PreloadHint, TimingClass.Load, static (in Fields f, ref DecodedInst d) => LsDecode.Hint(f, ref d, hasN: true, hasM: false)),
        new Row("1111 1000 u001 1111 1111 iiii iiii iiii", "PldLitT1", "pld", &LoadStore.PreloadHint, TimingClass.Load, static (in Fields f, ref DecodedInst d) => LsDecode.Hint(f, ref d, hasN: false, hasM: false)),
        new Row("1111 1000 0001 nnnn 1111 0000 00ss mmmm", "PldRegT1", "pld", &LoadStore.PreloadHint, TimingClass.Load, static (in Fields f, ref DecodedInst d) => LsDecode.Hint(f, ref d, hasN: true, hasM: true)),
        new Row("1111 1001 1001 nnnn 1111 iiii iiii iiii", "PliImmT1", "pli", &LoadStore.PreloadHint, TimingClass.Load, static (in Fields f, ref DecodedInst d) => LsDecode.Hint(f, ref d, hasN: true, hasM: false)),
        new Row("1111 1001 0001 nnnn 1111 1100 iiii iiii", "PliImmT2", "pli", &LoadStore.PreloadHint, TimingClass.Load, static (in Fields f, ref DecodedInst d) => LsDecode.Hint(f, ref d, hasN: true, hasM: false)),
        new Row("1111 1001 u001 1111 1111 iiii iiii iiii", "PliLitT3", "pli", &LoadStore.PreloadHint, TimingClass.Load, static (in Fields f, ref DecodedInst d) => LsDecode.Hint(f, ref d, hasN: false, hasM: false)),
        new Row("1111 1001 0001 nnnn 1111 0000 00ss mmmm", "PliRegT1", "pli", &LoadStore.PreloadHint, TimingClass.Load, static (in Fields f, ref DecodedInst d) => LsDecode.Hint(f, ref d, hasN: true, hasM: true)),
        new Row("1111 1000 1011 nnnn 1111 iiii iiii iiii", "LdrhHintImm12", "nop", &LoadStore.PreloadHint, TimingClass.Nop, static (in Fields f, ref DecodedInst d) => LsDecode.Hint(f, ref d, hasN: true, hasM: false)),
        new Row("1111 1000 0011 nnnn 1111 1100 iiii iiii", "LdrhHintImm8", "nop", &LoadStore.PreloadHint, TimingClass.Nop, static (in Fields f, ref DecodedInst d) => LsDecode.Hint(f, ref d, hasN: true, hasM: false)),
        new Row("1111 1000 u011 1111 1111 iiii iiii iiii", "LdrhHintLit", "nop", &LoadStore.PreloadHint, TimingClass.Nop, static (in Fields f, ref DecodedInst d) => LsDecode.Hint(f, ref d, hasN: false, hasM: false)),
        new Row("1111 1000 0011 nnnn 1111 0000 00ss mmmm", "LdrhHintReg", "nop", &LoadStore.PreloadHint, TimingClass.Nop, static (in Fields f, ref DecodedInst d) => LsDecode.Hint(f, ref d, hasN: true, hasM: true)),
        new Row("1111 1001 1011 nnnn 1111 iiii iiii iiii", "LdrshHintImm12", "nop", &LoadStore.PreloadHint, TimingClass.Nop, static (in Fields f, ref DecodedInst d) => LsDecode.Hint(f, ref d, hasN: true, hasM: false)),
        new Row("1111 1001 0011 nnnn 1111 1100 iiii iiii", "LdrshHintImm8", "nop", &LoadStore.PreloadHint, TimingClass.Nop, static (in Fields f, ref DecodedInst d) => LsDecode.Hint(f, ref d, hasN: true, hasM: false)),
        new Row("1111 1001 u011 1111 1111 iiii iiii iiii", "LdrshHintLit", "nop", &LoadStore.PreloadHint, TimingClass.Nop, static (in Fields f, ref DecodedInst d) => LsDecode.Hint(f, ref d, hasN: false, hasM: false)),
        new Row("1111 1001 0011 nnnn 1111 0000 00ss mmmm", "LdrshHintReg", "nop", &LoadStore.PreloadHint, TimingClass.Nop, static (in Fields f, ref DecodedInst d) => LsDecode.Hint(f, ref d, hasN: true, hasM: true)),

        // ---- A5.3.6: exclusives, LDRD/STRD, table branches ---------------------------------------------
        new Row("1110 1000 0101 nnnn tttt 1111 iiii iiii", "LdrexT1", "ldrex", &LoadStoreExclusive.Ldrex, TimingClass.LoadExclusive, static (in Fields f, ref DecodedInst d) => LsDecode.LoadExclusive(ref d, f['t'], f['n'], f['i'] * 4)),
        new Row("1110 1000 1101 nnnn tttt 1111 0100 1111", "LdrexbT1", "ldrexb", &LoadStoreExclusive.Ldrexb, TimingClass.LoadExclusive, static (in Fields f, ref DecodedInst d) => LsDecode.LoadExclusive(ref d, f['t'], f['n'], 0)),
        new Row("1110 1000 1101 nnnn tttt 1111 0101 1111", "LdrexhT1", "ldrexh", &LoadStoreExclusive.Ldrexh, TimingClass.LoadExclusive, static (in Fields f, ref DecodedInst d) => LsDecode.LoadExclusive(ref d, f['t'], f['n'], 0)),
        new Row("1110 1000 0100 nnnn tttt dddd iiii iiii", "StrexT1", "strex", &LoadStoreExclusive.Strex, TimingClass.StoreExclusive, static (in Fields f, ref DecodedInst d) => LsDecode.StoreExclusive(ref d, f['d'], f['t'], f['n'], f['i'] * 4)),
        new Row("1110 1000 1100 nnnn tttt 1111 0100 dddd", "StrexbT1", "strexb", &LoadStoreExclusive.Strexb, TimingClass.StoreExclusive, static (in Fields f, ref DecodedInst d) => LsDecode.StoreExclusive(ref d, f['d'], f['t'], f['n'], 0)),
        new Row("1110 1000 1100 nnnn tttt 1111 0101 dddd", "StrexhT1", "strexh", &LoadStoreExclusive.Strexh, TimingClass.StoreExclusive, static (in Fields f, ref DecodedInst d) => LsDecode.StoreExclusive(ref d, f['d'], f['t'], f['n'], 0)),
        new Row("1110 100p u1w1 nnnn tttt aaaa iiii iiii", "LdrdImmT1", "ldrd", &LoadStoreDual.Ldrd, TimingClass.LoadDual, static (in Fields f, ref DecodedInst d) => LsDecode.Dual(f, ref d, load: true)),
        new Row("1110 100p u1w0 nnnn tttt aaaa iiii iiii", "StrdImmT1", "strd", &LoadStoreDual.Strd, TimingClass.StoreDual, static (in Fields f, ref DecodedInst d) => LsDecode.Dual(f, ref d, load: false)),
        new Row("1110 100p u1w1 1111 tttt aaaa iiii iiii", "LdrdLitT1", "ldrd", &LoadStoreDual.LdrdLit, TimingClass.LoadDual, static (in Fields f, ref DecodedInst d) => LsDecode.DualLiteral(f, ref d)),
        new Row("1110 1000 1101 nnnn 1111 0000 0000 mmmm", "TbbT1", "tbb", &Branch.Tbb, TimingClass.TableBranch, static (in Fields f, ref DecodedInst d) => LsDecode.TableBranch(f, ref d)),
        new Row("1110 1000 1101 nnnn 1111 0000 0001 mmmm", "TbhT1", "tbh", &Branch.Tbh, TimingClass.TableBranch, static (in Fields f, ref DecodedInst d) => LsDecode.TableBranch(f, ref d)),
    ];

    /// <summary>Decode steps shared by the load/store rows: the "t = UInt(Rt); ... UNPREDICTABLE" lines of each encoding.</summary>
    internal static unsafe class LsDecode
    {
        /// <summary>What the transferred register may be: word loads may target PC (an interworking branch), sub-word loads
        /// and stores have their own UNPREDICTABLE sets.</summary>
        public enum Kind : byte { LoadWord, LoadSub, StoreWord, StoreSub }

        private static bool IsLoad(Kind k) => k <= Kind.LoadSub;

        public static DecodeStatus Reg16(in Fields f, ref DecodedInst d, Kind k)
        {
            d.Rd = (byte)f['t']; d.Rn = (byte)f['n']; d.Rm = (byte)f['m'];
            d.ReadsEarly(d.Rn, d.Rm);
            Transfer(ref d, k, d.Rd);
            return DecodeStatus.Ok;
        }

        public static DecodeStatus Imm16(in Fields f, ref DecodedInst d, Kind k, int scale) =>
            Offset(ref d, k, f['t'], f['n'], (int)f['i'] * scale, LoadStore.Index);

        /// <summary>Immediate addressing with the base register field already checked.</summary>
        public static DecodeStatus Offset(ref DecodedInst d, Kind k, uint t, uint n, int offset, uint mode)
        {
            d.Rd = (byte)t; d.Rn = (byte)n; d.Imm = (uint)offset; d.Imm2 = mode;
            d.ReadsEarly((int)n);
            Transfer(ref d, k, (int)t);
            if ((mode & LoadStore.Writeback) != 0) d.Writes((int)n);
            if (k == Kind.LoadWord && t == 15) d.Exec = &LoadStore.LdrImmPc;
            return DecodeStatus.Ok;
        }

        public static DecodeStatus Imm12(in Fields f, ref DecodedInst d, Kind k)
        {
            uint t = f['t'], n = f['n'];
            if (n == 15) return IsLoad(k) ? DecodeStatus.SeeOther : DecodeStatus.Undefined;
            if (BadTarget(k, t)) return DecodeStatus.Unpredictable;
            return Offset(ref d, k, t, n, (int)f['i'], LoadStore.Index);
        }

        public static DecodeStatus Imm8(in Fields f, ref DecodedInst d, Kind k)
        {
            uint t = f['t'], n = f['n'];
            if (n == 15) return IsLoad(k) ? DecodeStatus.SeeOther : DecodeStatus.Undefined;
            uint puw = (f['p'] << 2) | (f['u'] << 1) | f['w'];
            return Imm8(ref d, k, t, n, puw, f['i']);
        }

        /// <summary>The imm8 forms (T3/T4, PUSH/POP T3): P = index, U = add, W = writeback; P == 0 with W == 0 is UNDEFINED.</summary>
        public static DecodeStatus Imm8(ref DecodedInst d, Kind k, uint t, uint n, uint puw, uint imm8)
        {
            bool index = (puw & 4) != 0, add = (puw & 2) != 0, wback = (puw & 1) != 0;
            if (!index && !wback) return DecodeStatus.Undefined;
            if (BadTarget(k, t) || (wback && n == t)) return DecodeStatus.Unpredictable;
            // LDRB/LDRH/LDRSB/LDRSH with Rt = PC are hints only in the rows above; here they are UNPREDICTABLE.
            return Offset(ref d, k, t, n, add ? (int)imm8 : -(int)imm8,
                (index ? LoadStore.Index : 0) | (wback ? LoadStore.Writeback : 0));
        }

        /// <summary>LDRT/STRT... : t IN {13,15} is UNPREDICTABLE for all of them.</summary>
        public static DecodeStatus Unprivileged(in Fields f, ref DecodedInst d, Kind k)
        {
            uint t = f['t'], n = f['n'];
            if (n == 15) return IsLoad(k) ? DecodeStatus.SeeOther : DecodeStatus.Undefined;
            if (t is 13 or 15) return DecodeStatus.Unpredictable;
            return Offset(ref d, k, t, n, (int)f['i'], LoadStore.Index);
        }

        public static DecodeStatus Reg32(in Fields f, ref DecodedInst d, Kind k)
        {
            uint t = f['t'], n = f['n'], m = f['m'];
            if (n == 15) return IsLoad(k) ? DecodeStatus.SeeOther : DecodeStatus.Undefined;
            if (BadTarget(k, t) || m is 13 or 15) return DecodeStatus.Unpredictable;
            d.Rd = (byte)t; d.Rn = (byte)n; d.Rm = (byte)m; d.ShiftN = (byte)f['s'];
            d.ReadsEarly((int)n, (int)m);
            Transfer(ref d, k, (int)t);
            if (k == Kind.LoadWord && t == 15) d.Exec = &LoadStore.LdrRegPc;
            return DecodeStatus.Ok;
        }

        public static DecodeStatus Literal32(in Fields f, ref DecodedInst d, Kind k)
        {
            uint t = f['t'];
            if (BadTarget(k, t)) return DecodeStatus.Unpredictable;
            int imm = (int)f['i'];
            return Literal(ref d, k, t, f['u'] != 0 ? imm : -imm);
        }

        public static DecodeStatus Literal(ref DecodedInst d, Kind k, uint t, int offset)
        {
            d.Rd = (byte)t; d.Rn = 15; d.Imm = (uint)offset;
            Transfer(ref d, k, (int)t);
            if (k == Kind.LoadWord && t == 15) d.Exec = &LoadStore.LdrLitPc;
            return DecodeStatus.Ok;
        }

        /// <summary>PLD/PLI/unallocated hints: only the address registers matter (for timing); never faults.</summary>
        public static DecodeStatus Hint(in Fields f, ref DecodedInst d, bool hasN, bool hasM)
        {
            if (hasN && f['n'] == 15) return DecodeStatus.SeeOther; // the literal form
            if (hasM && f['m'] is 13 or 15) return DecodeStatus.Unpredictable;
            if (hasN) d.ReadsEarly((int)f['n'], hasM ? (int)f['m'] : -1);
            return DecodeStatus.Ok;
        }

        /// <summary>Rt restrictions shared by every non-hint encoding (A7.7: "if t == 15 ... / t IN {13,15} then UNPREDICTABLE").</summary>
        private static bool BadTarget(Kind k, uint t) => k switch
        {
            Kind.LoadWord => false, // LDR PC is a branch; LDR SP is allowed
            Kind.StoreWord => t == 15,
            _ => t is 13 or 15,
        };

        private static void Transfer(ref DecodedInst d, Kind k, int t)
        {
            if (IsLoad(k)) d.Writes(t); else d.Reads(t);
        }

        public static DecodeStatus Multiple(ref DecodedInst d, uint n, uint list, bool load, bool wback, int minCount)
        {
            if (System.Numerics.BitOperations.PopCount(list) < minCount) return DecodeStatus.Unpredictable;
            d.Rn = (byte)n; d.Imm = list; d.Imm2 = wback ? 1u : 0u;
            d.ReadsEarly((int)n);
            if (load)
            {
                d.DstMask |= (ushort)list;
                if ((list & 0x8000) != 0) d.Flags |= InstFlags.WritesPc;
            }
            else d.SrcMask |= (ushort)list;
            if (wback) d.Writes((int)n);
            return DecodeStatus.Ok;
        }

        /// <summary>LDM/STM/LDMDB/STMDB/PUSH/POP T2: at least two registers, never SP, PC and LR not both loaded,
        /// no writeback of a base that is in the list.</summary>
        public static DecodeStatus Multiple32(in Fields f, ref DecodedInst d, bool load) =>
            Multiple32(f, ref d, load, f['n'], f['w'] != 0);

        /// <summary>PUSH/POP T2: Rn = SP with writeback.</summary>
        public static DecodeStatus Multiple32(in Fields f, ref DecodedInst d, bool load, uint n, bool wback)
        {
            uint list = (f['m'] << 14) | f['r'];
            if (load)
            {
                if (f['p'] != 0 && f['m'] != 0) return DecodeStatus.Unpredictable;
                list |= f['p'] << 15;
            }
            if (n == 15 || (wback && (list & (1u << (int)n)) != 0)) return DecodeStatus.Unpredictable;
            return Multiple(ref d, n, list, load, wback, minCount: 2);
        }

        public static DecodeStatus LoadExclusive(ref DecodedInst d, uint t, uint n, uint offset)
        {
            if (t is 13 or 15 || n == 15) return DecodeStatus.Unpredictable;
            d.Rd = (byte)t; d.Rn = (byte)n; d.Imm = offset;
            d.ReadsEarly((int)n);
            d.Writes((int)t);
            return DecodeStatus.Ok;
        }

        public static DecodeStatus StoreExclusive(ref DecodedInst d, uint status, uint t, uint n, uint offset)
        {
            if (status is 13 or 15 || t is 13 or 15 || n == 15 || status == n || status == t) return DecodeStatus.Unpredictable;
            d.Rd = (byte)status; d.Rm = (byte)t; d.Rn = (byte)n; d.Imm = offset;
            d.ReadsEarly((int)n);
            d.Reads((int)t);
            d.Writes((int)status);
            return DecodeStatus.Ok;
        }

        public static DecodeStatus Dual(in Fields f, ref DecodedInst d, bool load)
        {
            uint t = f['t'], t2 = f['a'], n = f['n'];
            bool index = f['p'] != 0, wback = f['w'] != 0;
            if (!index && !wback) return DecodeStatus.SeeOther; // exclusives and table branches
            if (load && n == 15) return DecodeStatus.SeeOther;  // LDRD (literal)
            if (wback && (n == t || n == t2)) return DecodeStatus.Unpredictable;
            if (t is 13 or 15 || t2 is 13 or 15) return DecodeStatus.Unpredictable;
            if (load ? t == t2 : n == 15) return DecodeStatus.Unpredictable;
            int imm = (int)f['i'] * 4;
            d.Rd = (byte)t; d.Ra = (byte)t2; d.Rn = (byte)n;
            d.Imm = (uint)(f['u'] != 0 ? imm : -imm);
            d.Imm2 = (index ? LoadStore.Index : 0) | (wback ? LoadStore.Writeback : 0);
            d.ReadsEarly((int)n);
            if (load) d.Writes((int)t, (int)t2); else d.Reads((int)t, (int)t2);
            if (wback) d.Writes((int)n);
            return DecodeStatus.Ok;
        }

        public static DecodeStatus DualLiteral(in Fields f, ref DecodedInst d)
        {
            uint t = f['t'], t2 = f['a'];
            if (f['p'] == 0 && f['w'] == 0) return DecodeStatus.SeeOther;
            if (t is 13 or 15 || t2 is 13 or 15 || t == t2 || f['w'] != 0) return DecodeStatus.Unpredictable;
            int imm = (int)f['i'] * 4;
            d.Rd = (byte)t; d.Ra = (byte)t2; d.Rn = 15;
            d.Imm = (uint)(f['u'] != 0 ? imm : -imm);
            d.Writes((int)t, (int)t2);
            return DecodeStatus.Ok;
        }

        public static DecodeStatus TableBranch(in Fields f, ref DecodedInst d)
        {
            uint n = f['n'], m = f['m'];
            if (n == 13 || m is 13 or 15) return DecodeStatus.Unpredictable;
            d.Rn = (byte)n; d.Rm = (byte)m;
            d.ReadsEarly((int)n, (int)m);
            d.Writes(15);
            return DecodeStatus.Ok;
        }
    }
}
