#!/usr/bin/env python3
"""Seeded generator of random straight-line Thumb-2 sequences for the
differential tests (kernels-elf/tests/random/seqNN.S).

Each sequence is a function ``seq_<i>`` that

  * saves the callee-saved registers and the io pointer (r0),
  * calls ``seq_enter`` (tests/random_harness.S), which loads r0-r12, r14
    and APSR (N Z C V Q GE, via MSR APSR_nzcvqg) from io[0..14],
  * runs 10-30 random data-processing, multiply, DSP and bit-manipulation
    instructions (flag-setting forms, IT blocks with explicit IT
    instructions, r0-r12 and r14 as operands, random immediates and shifts,
    no loads, stores or branches),
  * branches to ``seq_exit``, which stores r0-r12, r14 and APSR (MRS) back
    to io[0..14] and returns.

The inputs are produced at run time by tests/random_main.c from a per-file
seed, so the generated files hold code only.

Every instruction is chosen so that no encoding is UNPREDICTABLE in the
Armv7-M ARM: SP and PC never appear; RdLo != RdHi in long multiplies;
BFI/BFC/SBFX/UBFX fields stay inside the register; no IT with AL; no
16-bit MOVS (register) / LSL #0 inside an IT block (A7.7.77 T2 is
UNPREDICTABLE in IT); SSAT/USAT/PKH shift amounts within their ranges.
The output is assembled with -mimplicit-it=never, so the assembler rejects
any conditional instruction outside an explicit IT block.

Usage: gen_random_seq.py --seed S --files N --per-file M --out DIR
"""

import argparse
import os
import random

REGS = [f"r{i}" for i in range(13)] + ["lr"]
LOW = [f"r{i}" for i in range(8)]
CONDS = ["eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le"]
INVERSE = {"eq": "ne", "ne": "eq", "cs": "cc", "cc": "cs", "mi": "pl", "pl": "mi", "vs": "vc",
           "vc": "vs", "hi": "ls", "ls": "hi", "ge": "lt", "lt": "ge", "gt": "le", "le": "gt"}


class Gen:
    def __init__(self, rng: random.Random):
        self.r = rng

    # ---- operands -------------------------------------------------------
    def reg(self):
        return self.r.choice(REGS)

    def low(self):
        return self.r.choice(LOW)

    def two_distinct(self):
        a = self.reg()
        b = self.reg()
        while b == a:
            b = self.reg()
        return a, b

    def dst_src(self):
        """Rd, Rn: often equal and low so the assembler can pick 16-bit forms."""
        if self.r.random() < 0.35:
            d = self.low()
            return d, d
        return self.reg(), self.reg()

    def mod_imm(self):
        """A value ThumbExpandImm can produce (A5.3.2)."""
        x = self.r.randrange(256)
        kind = self.r.randrange(5)
        if kind == 0:
            return x
        if kind == 1:
            return x | (x << 16)
        if kind == 2:
            return (x << 8) | (x << 24)
        if kind == 3:
            return x * 0x01010101
        # rotated 1bcdefgh by 8..31
        v = 0x80 | self.r.randrange(128)
        rot = self.r.randrange(8, 32)
        return ((v >> rot) | (v << (32 - rot))) & 0xFFFFFFFF

    def shift_opt(self, allow_rrx=True):
        """Optional shift suffix for a register operand (DecodeImmShift ranges)."""
        k = self.r.randrange(7 if allow_rrx else 6)
        if k <= 1:
            return ""
        if k == 2:
            return f", lsl #{self.r.randrange(1, 32)}"
        if k == 3:
            return f", lsr #{self.r.randrange(1, 33)}"
        if k == 4:
            return f", asr #{self.r.randrange(1, 33)}"
        if k == 5:
            return f", ror #{self.r.randrange(1, 32)}"
        return ", rrx"

    def s(self, in_it, p=0.5):
        return "s" if self.r.random() < p else ""

    def w(self):
        return ".w" if self.r.random() < 0.15 else ""

    # ---- instruction families ------------------------------------------
    # Each returns (mnemonic_without_cond, operands, s_suffix) where the
    # caller inserts the condition after the flag suffix.
    def dp_reg(self, in_it):
        op = self.r.choice(["add", "adc", "sub", "sbc", "rsb", "and", "orr", "eor", "bic", "orn"])
        d, n = self.dst_src()
        return op, self.s(in_it), f"{d}, {n}, {self.reg()}{self.shift_opt()}"

    def dp_imm(self, in_it):
        op = self.r.choice(["add", "adc", "sub", "sbc", "rsb", "and", "orr", "eor", "bic", "orn"])
        d, n = self.dst_src()
        if op in ("add", "sub") and self.r.random() < 0.3:
            # small immediates: 16-bit ADDS/SUBS #imm3/#imm8 outside IT
            return op, self.s(in_it), f"{d}, {n}, #{self.r.randrange(0, 256)}"
        return op, self.s(in_it), f"{d}, {n}, #{self.mod_imm()}"

    def addw(self, in_it):
        op = self.r.choice(["addw", "subw"])
        return op, "", f"{self.reg()}, {self.reg()}, #{self.r.randrange(4096)}"

    def mov(self, in_it):
        k = self.r.randrange(6)
        if k == 0:
            return "mov", self.s(in_it), f"{self.reg()}, #{self.mod_imm()}"
        if k == 1:
            return "mvn", self.s(in_it), f"{self.reg()}, #{self.mod_imm()}"
        if k == 2:
            return "movw", "", f"{self.reg()}, #{self.r.randrange(65536)}"
        if k == 3:
            return "movt", "", f"{self.reg()}, #{self.r.randrange(65536)}"
        if k == 4:
            return "mvn", self.s(in_it), f"{self.reg()}, {self.reg()}{self.shift_opt()}"
        # MOV register: MOVS Rd,Rm (16-bit T2 = LSLS #0) is UNPREDICTABLE
        # inside IT; there only the flagless form (16-bit T1) is generated.
        s = "" if in_it else self.s(in_it)
        return "mov", s, f"{self.reg()}, {self.reg()}"

    def compare(self, in_it):
        op = self.r.choice(["cmp", "cmn", "tst", "teq"])
        if self.r.random() < 0.5:
            return op, "", f"{self.reg()}, #{self.mod_imm()}"
        return op, "", f"{self.reg()}, {self.reg()}{self.shift_opt()}"

    def shift(self, in_it):
        op = self.r.choice(["lsl", "lsr", "asr", "ror", "rrx", "reg"])
        d, m = self.dst_src()
        if op == "rrx":
            return "rrx", self.s(in_it), f"{d}, {m}"
        if op == "reg":
            op2 = self.r.choice(["lsl", "lsr", "asr", "ror"])
            return op2, self.s(in_it), f"{d}, {m}, {self.reg()}"
        lo, hi = {"lsl": (1, 32), "lsr": (1, 33), "asr": (1, 33), "ror": (1, 32)}[op]
        return op, self.s(in_it), f"{d}, {m}, #{self.r.randrange(lo, hi)}"

    def multiply(self, in_it):
        k = self.r.randrange(10)
        if k == 0:
            if not in_it and self.r.random() < 0.5:
                d = self.low()
                return "mul", "s", f"{d}, {self.low()}, {d}"   # 16-bit MULS
            return "mul", "", f"{self.reg()}, {self.reg()}, {self.reg()}"
        if k == 1:
            return "mla", "", f"{self.reg()}, {self.reg()}, {self.reg()}, {self.reg()}"
        if k == 2:
            return "mls", "", f"{self.reg()}, {self.reg()}, {self.reg()}, {self.reg()}"
        if k in (3, 4, 5, 6, 7):
            op = ["umull", "smull", "umlal", "smlal", "umaal"][k - 3]
            lo, hi = self.two_distinct()           # RdLo == RdHi is UNPREDICTABLE
            return op, "", f"{lo}, {hi}, {self.reg()}, {self.reg()}"
        op = self.r.choice(["sdiv", "udiv"])
        return op, "", f"{self.reg()}, {self.reg()}, {self.reg()}"

    def dsp_mul(self, in_it):
        xy = self.r.choice(["bb", "bt", "tb", "tt"])
        wy = self.r.choice(["b", "t"])
        x = self.r.choice(["", "x"])
        r_ = self.r.choice(["", "r"])
        k = self.r.randrange(13)
        R = self.reg
        if k == 0:
            return f"smul{xy}", "", f"{R()}, {R()}, {R()}"
        if k == 1:
            return f"smla{xy}", "", f"{R()}, {R()}, {R()}, {R()}"
        if k == 2:
            return f"smulw{wy}", "", f"{R()}, {R()}, {R()}"
        if k == 3:
            return f"smlaw{wy}", "", f"{R()}, {R()}, {R()}, {R()}"
        if k == 4:
            lo, hi = self.two_distinct()
            return f"smlal{xy}", "", f"{lo}, {hi}, {R()}, {R()}"
        if k == 5:
            return self.r.choice(["smlad", "smlsd"]) + x, "", f"{R()}, {R()}, {R()}, {R()}"
        if k == 6:
            lo, hi = self.two_distinct()
            return self.r.choice(["smlald", "smlsld"]) + x, "", f"{lo}, {hi}, {R()}, {R()}"
        if k == 7:
            return self.r.choice(["smuad", "smusd"]) + x, "", f"{R()}, {R()}, {R()}"
        if k == 8:
            return "smmul" + r_, "", f"{R()}, {R()}, {R()}"
        if k in (9, 10):
            return self.r.choice(["smmla", "smmls"]) + r_, "", f"{R()}, {R()}, {R()}, {R()}"
        if k == 11:
            return "usad8", "", f"{R()}, {R()}, {R()}"
        return "usada8", "", f"{R()}, {R()}, {R()}, {R()}"

    def parallel(self, in_it):
        pre = self.r.choice(["s", "q", "sh", "u", "uq", "uh"])
        op = self.r.choice(["add16", "asx", "sax", "sub16", "add8", "sub8"])
        return pre + op, "", f"{self.reg()}, {self.reg()}, {self.reg()}"

    def sel(self, in_it):
        return "sel", "", f"{self.reg()}, {self.reg()}, {self.reg()}"

    def saturate(self, in_it):
        k = self.r.randrange(6)
        R = self.reg
        if k == 0:
            return self.r.choice(["qadd", "qsub", "qdadd", "qdsub"]), "", f"{R()}, {R()}, {R()}"
        if k in (1, 2):
            sh = self.r.choice(["", f", lsl #{self.r.randrange(1, 32)}", f", asr #{self.r.randrange(1, 32)}"])
            if k == 1:
                return "ssat", "", f"{R()}, #{self.r.randrange(1, 33)}, {R()}{sh}"
            return "usat", "", f"{R()}, #{self.r.randrange(0, 32)}, {R()}{sh}"
        if k == 3:
            return "ssat16", "", f"{R()}, #{self.r.randrange(1, 17)}, {R()}"
        if k == 4:
            return "usat16", "", f"{R()}, #{self.r.randrange(0, 16)}, {R()}"
        return "qadd", "", f"{R()}, {R()}, {R()}"

    def extend(self, in_it):
        rot = self.r.choice(["", "", ", ror #8", ", ror #16", ", ror #24"])
        k = self.r.randrange(4)
        R = self.reg
        if k == 0:
            op = self.r.choice(["sxtb", "sxth", "uxtb", "uxth", "sxtb16", "uxtb16"])
            return op, "", f"{R()}, {R()}{rot}"
        if k == 1:
            op = self.r.choice(["sxtab", "sxtah", "uxtab", "uxtah", "sxtab16", "uxtab16"])
            return op, "", f"{R()}, {R()}, {R()}{rot}"
        if k == 2:
            return "pkhbt", "", f"{R()}, {R()}, {R()}" + self.r.choice(["", f", lsl #{self.r.randrange(1, 32)}"])
        return "pkhtb", "", f"{R()}, {R()}, {R()}, asr #{self.r.randrange(1, 33)}"

    def bits(self, in_it):
        k = self.r.randrange(7)
        R = self.reg
        if k == 0:
            return self.r.choice(["clz", "rbit", "rev", "rev16", "revsh"]), "", f"{R()}, {R()}"
        if k == 1:
            return self.r.choice(["clz", "rev"]), "", f"{self.low()}, {self.low()}"
        lsb = self.r.randrange(32)
        width = self.r.randrange(1, 33 - lsb)      # lsb + width <= 32
        if k in (2, 3):
            return "bfi", "", f"{R()}, {R()}, #{lsb}, #{width}"
        if k == 4:
            return "bfc", "", f"{R()}, #{lsb}, #{width}"
        return self.r.choice(["sbfx", "ubfx"]), "", f"{R()}, {R()}, #{lsb}, #{width}"

    FAMILIES = [
        ("dp_reg", 14), ("dp_imm", 10), ("addw", 2), ("mov", 6), ("compare", 6), ("shift", 8),
        ("multiply", 6), ("dsp_mul", 8), ("parallel", 8), ("sel", 2), ("saturate", 5),
        ("extend", 6), ("bits", 5),
    ]

    def one(self, in_it):
        names = [f for f, _ in self.FAMILIES]
        weights = [w for _, w in self.FAMILIES]
        fam = self.r.choices(names, weights)[0]
        return getattr(self, fam)(in_it)

    @staticmethod
    def text(mn, s, ops, cond, wide):
        if mn == "mul" and s:
            wide = ""        # MULS exists only as the 16-bit T1 encoding
        return f"{mn}{s}{cond}{wide} {ops}"

    def sequence(self):
        lines = []
        target = self.r.randrange(10, 31)
        count = 0
        while count < target:
            if self.r.random() < 0.15 and target - count >= 2:
                n = self.r.randrange(1, min(4, target - count) + 1)
                first = self.r.choice(CONDS)
                conds = [first] + [self.r.choice([first, INVERSE[first]]) for _ in range(n - 1)]
                mask = "".join("t" if c == first else "e" for c in conds[1:])
                lines.append(f"it{mask} {first}")
                for c in conds:
                    mn, s, ops = self.one(True)
                    lines.append(self.text(mn, s, ops, c, self.w()))
                count += n
            else:
                mn, s, ops = self.one(False)
                lines.append(self.text(mn, s, ops, "", self.w()))
                count += 1
        return lines


def generate_file(seed: int, index: int, count: int) -> str:
    rng = random.Random(seed * 1000003 + index)
    g = Gen(rng)
    out = []
    out.append(f"@ Generated by tools/gen_random_seq.py --seed {seed} (file {index}, {count} sequences).")
    out.append("@ Do not edit: regenerate with `make tests-random-src` in kernels-elf/.")
    out.append(".syntax unified")
    out.append(".thumb")
    out.append(f".section .text.seq{index:02d},\"ax\",%progbits")
    for i in range(count):
        out.append(".align 1")
        out.append(f".thumb_func")
        out.append(f"seq_{i}:")
        out.append("push {r4-r11, lr}")
        out.append("push {r0, r1}")          # io pointer (+ pad: 8-byte stack alignment)
        out.append("bl seq_enter")
        out.extend(g.sequence())
        out.append("b seq_exit")
    out.append(f".section .rodata.seq{index:02d},\"a\",%progbits")
    out.append(".align 2")
    out.append(".global seq_table")
    out.append("seq_table:")
    for i in range(count):
        out.append(f".word seq_{i}")
    out.append(".global seq_count")
    out.append(f"seq_count: .word {count}")
    out.append(".global seq_file_seed")
    out.append(f"seq_file_seed: .word {(seed * 1000003 + index) & 0xFFFFFFFF}")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--files", type=int, required=True)
    ap.add_argument("--per-file", type=int, required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    for f in range(a.files):
        path = os.path.join(a.out, f"seq{f:02d}.S")
        with open(path, "w", newline="\n") as fh:
            fh.write(generate_file(a.seed, f, a.per_file))
    print(f"wrote {a.files} files x {a.per_file} sequences to {a.out}")


if __name__ == "__main__":
    main()
