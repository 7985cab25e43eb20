#!/usr/bin/env python3
"""Seeded generator of random straight-line FPv5-D16 (VFP) sequences for the
differential tests (kernels-elf/tests-fpx/random/vseqNN.S).

Each sequence is a function ``vseq_<i>(uint32_t io[42])`` that

  * saves r4-r11, lr, d8-d15 and the io pointer,
  * calls ``vseq_enter`` (tests-fpx/vfprand_harness.S), which loads FPSCR,
    APSR (N Z C V Q GE), D0-D15 (= S0-S31) and r0-r7 from io,
  * runs 12-30 random VFP instructions: single and double arithmetic
    (VADD VSUB VMUL VNMUL VDIV VSQRT VABS VNEG VMOV VMAXNM VMINNM), fused and
    chained multiply-accumulate, VRINT*, VSEL, VCMP/VCMPE (register and #0),
    VMOV immediate, every conversion (float<->int with VCVT/VCVTR/VCVTA/N/P/M,
    int->float, f32<->f64, VCVTB/VCVTT half precision to and from f32/f64,
    fixed point with #fbits), core<->FP moves (S, D, S pairs, D lanes),
    VMRS (to a core register and to APSR_nzcv) and VMSR FPSCR with random
    modes (RMode, FZ, DN, AHP, cumulative flags, NZCV), and conditional forms
    inside explicit IT blocks,
  * branches to ``vseq_exit``, which stores D0-D15, FPSCR, r0-r7 and APSR
    back to io and returns.

The inputs come from tests-fpx/vfprand_main.c (seeded per file and index),
so the generated files hold code only.

Nothing is UNPREDICTABLE in the Armv7-M ARM: only r0-r7 are used as core
operands; VMOV to two core registers never names the same register twice;
S-register pairs stay below s31; instructions that cannot be conditional
(VSEL, VMAXNM/VMINNM, VRINTA/N/P/M, VCVTA/N/P/M) never appear in IT blocks;
VMSR only writes FPSCR's defined fields (NZCV, AHP, DN, FZ, RMode, IDC, IXC,
UFC, OFC, DZC, IOC).  The files are assembled with -mimplicit-it=never.

Usage: gen_random_vfp.py --seed S --files N --per-file M --out DIR
"""

import argparse
import os
import random

CORE = [f"r{i}" for i in range(8)]
CONDS = ["eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le"]
INVERSE = {"eq": "ne", "ne": "eq", "cs": "cc", "cc": "cs", "mi": "pl", "pl": "mi", "vs": "vc",
           "vc": "vs", "hi": "ls", "ls": "hi", "ge": "lt", "lt": "ge", "gt": "le", "le": "gt"}
# FPSCR fields a VMSR may write (ARMv7-M A2.5.3): NZCV, AHP, DN, FZ, RMode, IDC, IXC..IOC.
FPSCR_DEFINED = 0xF7C0009F


class Gen:
    def __init__(self, rng: random.Random):
        self.r = rng

    # ---- operands -------------------------------------------------------
    def s(self):
        return f"s{self.r.randrange(32)}"

    def d(self):
        return f"d{self.r.randrange(16)}"

    def core(self):
        return self.r.choice(CORE)

    def two_core(self):
        a, b = self.r.sample(CORE, 2)
        return a, b

    def spair(self):
        n = self.r.randrange(31)
        return f"s{n}", f"s{n + 1}"

    def vmov_imm(self):
        # VFP modified immediate: +-n * 2^-r, 16 <= n <= 31, 0 <= r <= 7 (exact in decimal)
        n = self.r.randrange(16, 32)
        e = self.r.randrange(8)
        v = n / (1 << e)
        if self.r.random() < 0.5:
            v = -v
        return repr(v)

    def fpscr_value(self):
        r = self.r
        v = r.randrange(4) << 22                    # RMode
        if r.random() < 0.3:
            v |= 1 << 24                            # FZ
        if r.random() < 0.3:
            v |= 1 << 25                            # DN
        if r.random() < 0.15:
            v |= 1 << 26                            # AHP
        if r.random() < 0.3:
            v |= r.getrandbits(8) & 0x9F            # cumulative flags
        v |= r.getrandbits(4) << 28                 # NZCV
        assert v & ~FPSCR_DEFINED == 0
        return v

    # ---- instruction families: each returns (text, conditional_ok) -------
    # `c` is the condition suffix ("" outside IT blocks).
    def arith(self, c):
        r = self.r
        kind = r.randrange(4)
        if kind == 0:
            op = r.choice(["vadd", "vsub", "vmul", "vnmul", "vdiv"])
            if r.random() < 0.5:
                return f"{op}{c}.f32 {self.s()}, {self.s()}, {self.s()}"
            return f"{op}{c}.f64 {self.d()}, {self.d()}, {self.d()}"
        if kind == 1:
            op = r.choice(["vsqrt", "vabs", "vneg", "vmov"])
            if r.random() < 0.5:
                return f"{op}{c}.f32 {self.s()}, {self.s()}"
            return f"{op}{c}.f64 {self.d()}, {self.d()}"
        op = r.choice(["vfma", "vfms", "vfnma", "vfnms", "vmla", "vmls", "vnmla", "vnmls"])
        if r.random() < 0.5:
            return f"{op}{c}.f32 {self.s()}, {self.s()}, {self.s()}"
        return f"{op}{c}.f64 {self.d()}, {self.d()}, {self.d()}"

    def uncond_only(self):
        r = self.r
        kind = r.randrange(4)
        if kind == 0:
            op = r.choice(["vmaxnm", "vminnm"])
        elif kind == 1:
            op = "vsel" + r.choice(["eq", "ge", "gt", "vs"])
        elif kind == 2:
            op = "vrint" + r.choice("anpm")
            if r.random() < 0.5:
                return f"{op}.f32 {self.s()}, {self.s()}"
            return f"{op}.f64 {self.d()}, {self.d()}"
        else:
            op = "vcvt" + r.choice("anpm") + "." + r.choice(["s32", "u32"])
            if r.random() < 0.5:
                return f"{op}.f32 {self.s()}, {self.s()}"
            return f"{op}.f64 {self.s()}, {self.d()}"
        if r.random() < 0.5:
            return f"{op}.f32 {self.s()}, {self.s()}, {self.s()}"
        return f"{op}.f64 {self.d()}, {self.d()}, {self.d()}"

    def rint_cond(self, c):
        op = "vrint" + self.r.choice("rxz")
        if self.r.random() < 0.5:
            return f"{op}{c}.f32 {self.s()}, {self.s()}"
        return f"{op}{c}.f64 {self.d()}, {self.d()}"

    def compare(self, c):
        r = self.r
        op = r.choice(["vcmp", "vcmpe"])
        dbl = r.random() < 0.5
        a = self.d() if dbl else self.s()
        b = "#0" if r.random() < 0.25 else (self.d() if dbl else self.s())
        t = ".f64" if dbl else ".f32"
        return f"{op}{c}{t} {a}, {b}"

    def convert(self, c):
        r = self.r
        kind = r.randrange(7)
        if kind == 0:
            return r.choice([f"vcvt{c}.f64.f32 {self.d()}, {self.s()}", f"vcvt{c}.f32.f64 {self.s()}, {self.d()}"])
        if kind == 1:
            op = r.choice(["vcvt", "vcvtr"])
            t = r.choice(["s32", "u32"])
            if r.random() < 0.5:
                return f"{op}{c}.{t}.f32 {self.s()}, {self.s()}"
            return f"{op}{c}.{t}.f64 {self.s()}, {self.d()}"
        if kind == 2:
            t = r.choice(["s32", "u32"])
            if r.random() < 0.5:
                return f"vcvt{c}.f32.{t} {self.s()}, {self.s()}"
            return f"vcvt{c}.f64.{t} {self.d()}, {self.s()}"
        if kind in (3, 4):
            bt = r.choice("bt")
            form = r.randrange(4)
            if form == 0:
                return f"vcvt{bt}{c}.f16.f32 {self.s()}, {self.s()}"
            if form == 1:
                return f"vcvt{bt}{c}.f32.f16 {self.s()}, {self.s()}"
            if form == 2:
                return f"vcvt{bt}{c}.f16.f64 {self.s()}, {self.d()}"
            return f"vcvt{bt}{c}.f64.f16 {self.d()}, {self.s()}"
        # fixed point, in place: Sd/Dd is both source and destination
        t = r.choice(["s16", "u16", "s32", "u32"])
        fbits = r.randrange(1, 17) if t.endswith("16") else r.randrange(1, 33)
        dbl = r.random() < 0.5
        reg = self.d() if dbl else self.s()
        ft = "f64" if dbl else "f32"
        if r.random() < 0.5:
            return f"vcvt{c}.{t}.{ft} {reg}, {reg}, #{fbits}"
        return f"vcvt{c}.{ft}.{t} {reg}, {reg}, #{fbits}"

    def move(self, c):
        r = self.r
        kind = r.randrange(10)
        if kind == 0:
            return f"vmov{c} {self.s()}, {self.core()}"
        if kind == 1:
            return f"vmov{c} {self.core()}, {self.s()}"
        if kind == 2:
            return f"vmov{c} {self.d()}, {self.core()}, {self.core()}"
        if kind == 3:
            a, b = self.two_core()
            return f"vmov{c} {a}, {b}, {self.d()}"
        if kind == 4:
            s0, s1 = self.spair()
            return f"vmov{c} {s0}, {s1}, {self.core()}, {self.core()}"
        if kind == 5:
            a, b = self.two_core()
            s0, s1 = self.spair()
            return f"vmov{c} {a}, {b}, {s0}, {s1}"
        if kind == 6:
            return f"vmov{c}.32 {self.d()}[{r.randrange(2)}], {self.core()}"
        if kind == 7:
            return f"vmov{c}.32 {self.core()}, {self.d()}[{r.randrange(2)}]"
        if kind == 8:
            return f"vmov{c}.f32 {self.s()}, #{self.vmov_imm()}"
        return f"vmov{c}.f64 {self.d()}, #{self.vmov_imm()}"

    def system(self, c):
        r = self.r
        if r.random() < 0.5:
            return f"vmrs{c} APSR_nzcv, fpscr"
        return f"vmrs{c} {self.core()}, fpscr"

    def conditional(self, c):
        r = self.r.random()
        if r < 0.35:
            return self.arith(c)
        if r < 0.55:
            return self.convert(c)
        if r < 0.70:
            return self.move(c)
        if r < 0.80:
            return self.compare(c)
        if r < 0.90:
            return self.rint_cond(c)
        return self.system(c)

    # ---- one block of instructions ---------------------------------------
    def block(self):
        r = self.r.random()
        if r < 0.12:
            n = self.r.randrange(1, 4)
            cond = self.r.choice(CONDS)
            pattern = "".join(self.r.choice("te") for _ in range(n - 1))
            lines = [f"it{pattern} {cond}"]
            conds = [cond] + [cond if p == "t" else INVERSE[cond] for p in pattern]
            for cc in conds:
                lines.append(self.conditional(cc))
            return lines
        if r < 0.18:
            # new FPSCR mode mid-sequence
            rt = self.core()
            v = self.fpscr_value()
            return [f"movw {rt}, #{v & 0xFFFF}", f"movt {rt}, #{v >> 16}", f"vmsr fpscr, {rt}"]
        if r < 0.32:
            return [self.uncond_only()]
        return [self.conditional("")]


def generate_file(seed: int, index: int, count: int) -> str:
    rng = random.Random(seed * 1000 + index)
    g = Gen(rng)
    file_seed = rng.getrandbits(32)
    out = [
        f"@ Generated by tools/gen_random_vfp.py --seed {seed} (file {index}, {count} sequences).",
        "@ Do not edit: regenerate with `make fpx-random-src` in kernels-elf/.",
        ".syntax unified",
        ".thumb",
        ".fpu fpv5-d16",
        f".section .text.vseq{index:02d},\"ax\",%progbits",
    ]
    for i in range(count):
        out += [".align 1", ".thumb_func", f"vseq_{i}:",
                "push {r4-r11, lr}", "vpush {d8-d15}", "push {r0, r1}", "bl vseq_enter"]
        n = rng.randrange(12, 31)
        body = []
        while len(body) < n:
            body += g.block()
        out += body
        out.append("b vseq_exit")
    out += [".section .rodata.vseq_table,\"a\",%progbits", ".align 2", ".global vseq_table", "vseq_table:"]
    out += [f".word vseq_{i}" for i in range(count)]
    out += [".global vseq_count", f"vseq_count: .word {count}",
            ".global vseq_file_seed", f"vseq_file_seed: .word {file_seed}", ""]
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--files", type=int, required=True)
    ap.add_argument("--per-file", type=int, required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    for f in range(a.files):
        path = os.path.join(a.out, f"vseq{f:02d}.S")
        with open(path, "w", newline="\n") as fh:
            fh.write(generate_file(a.seed, f, a.per_file))
    print(f"wrote {a.files} files x {a.per_file} sequences to {a.out}")


if __name__ == "__main__":
    main()
