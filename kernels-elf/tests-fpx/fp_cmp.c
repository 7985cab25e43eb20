/*
 * kernels-elf/tests-fpx/fp_cmp.c -- FPv5 compares, selects and moves:
 *   VCMP / VCMPE (.f32/.f64, register and #0.0) over the edge values in RN
 *   and FZ: FPSCR.NZCV and IOC/IDC per pair (VCMP signals only on a
 *   signalling NaN, VCMPE on any NaN); VMRS APSR_nzcv, FPSCR and the
 *   condition codes a compiler's branch on the result sees;
 *   VSEL{EQ,GE,GT,VS} .f32/.f64 under all 16 APSR.NZCV combinations;
 *   VMOV immediates, core <-> S, core pair <-> D, core pair <-> S pair,
 *   scalar (VMOV.32 Dd[x]); VMSR/VMRS FPSCR with the defined fields.
 * Compare lines: "<op> <mode> <a>: <nzcv>/<flags> ..." (nzcv one hex digit).
 */
#include "fpx_ops.h"

static u32 vcmp32(u32 a, u32 b) { __asm volatile("vcmp.f32 %0, %1" : : "t"(f_of(a)), "t"(f_of(b))); return 0; }
static u32 vcmpe32(u32 a, u32 b) { __asm volatile("vcmpe.f32 %0, %1" : : "t"(f_of(a)), "t"(f_of(b))); return 0; }
static u32 vcmp64(u64 a, u64 b) { __asm volatile("vcmp.f64 %P0, %P1" : : "w"(d_of(a)), "w"(d_of(b))); return 0; }
static u32 vcmpe64(u64 a, u64 b) { __asm volatile("vcmpe.f64 %P0, %P1" : : "w"(d_of(a)), "w"(d_of(b))); return 0; }
static void vcmpz32(u32 a) { __asm volatile("vcmp.f32 %0, #0.0" : : "t"(f_of(a))); }
static void vcmpez32(u32 a) { __asm volatile("vcmpe.f32 %0, #0.0" : : "t"(f_of(a))); }
static void vcmpz64(u64 a) { __asm volatile("vcmp.f64 %P0, #0.0" : : "w"(d_of(a))); }
static void vcmpez64(u64 a) { __asm volatile("vcmpe.f64 %P0, #0.0" : : "w"(d_of(a))); }

static void put_cmp(u32 fpscr) { ln_ch(' '); ln_hex(fpscr >> 28, 1); ln_flags(fpscr); }

static void compares(void)
{
    static const fpx_mode modes[2] = { { FPSCR_RN, "RN" }, { FPSCR_RN | FPSCR_FZ, "FZ" } };
    group_begin("compare");
    for (int mi = 0; mi < 2; mi++) {
        const fpx_mode *m = &modes[mi];
        for (int e = 0; e < 2; e++) {
            for (int i = 0; i < 16; i++) {
                ln_reset(); ln_str(e ? "vcmpe.f32 " : "vcmp.f32 "); ln_str(m->name); ln_ch(' ');
                ln_h32(fpx_e32[i]); ln_ch(':');
                for (int j = 0; j < 16; j++) {
                    fpscr_set(m->fpscr | 0xF0000000u);   /* NZCV must be overwritten */
                    if (e) vcmpe32(fpx_e32[i], fpx_e32[j]); else vcmp32(fpx_e32[i], fpx_e32[j]);
                    put_cmp(group_note(fpscr_get()));
                }
                ln_end();
            }
            for (int i = 0; i < 16; i++) {
                ln_reset(); ln_str(e ? "vcmpe.f64 " : "vcmp.f64 "); ln_str(m->name); ln_ch(' ');
                ln_h64(fpx_e64[i]); ln_ch(':');
                for (int j = 0; j < 16; j++) {
                    fpscr_set(m->fpscr | 0xF0000000u);
                    if (e) vcmpe64(fpx_e64[i], fpx_e64[j]); else vcmp64(fpx_e64[i], fpx_e64[j]);
                    put_cmp(group_note(fpscr_get()));
                }
                ln_end();
            }
            ln_reset(); ln_str(e ? "vcmpe.f32 #0 " : "vcmp.f32 #0 "); ln_str(m->name); ln_ch(':');
            for (int i = 0; i < 16; i++) {
                fpscr_set(m->fpscr);
                if (e) vcmpez32(fpx_e32[i]); else vcmpz32(fpx_e32[i]);
                put_cmp(group_note(fpscr_get()));
            }
            ln_end();
            ln_reset(); ln_str(e ? "vcmpe.f64 #0 " : "vcmp.f64 #0 "); ln_str(m->name); ln_ch(':');
            for (int i = 0; i < 16; i++) {
                fpscr_set(m->fpscr);
                if (e) vcmpez64(fpx_e64[i]); else vcmpz64(fpx_e64[i]);
                put_cmp(group_note(fpscr_get()));
            }
            ln_end();
        }
    }
    group_end("compare");
}

/* VMRS APSR_nzcv, FPSCR after a compare, then every condition code. */
static u32 cond_mask(u32 a, u32 b)
{
    u32 m;
    __asm volatile(
        "vcmp.f32 %1, %2\n\t"
        "vmrs APSR_nzcv, fpscr\n\t"
        "mov %0, #0\n\t"
        "it eq\n\t orreq %0, %0, #1\n\t"
        "it ne\n\t orrne %0, %0, #2\n\t"
        "it cs\n\t orrcs %0, %0, #4\n\t"
        "it cc\n\t orrcc %0, %0, #8\n\t"
        "it mi\n\t orrmi %0, %0, #16\n\t"
        "it pl\n\t orrpl %0, %0, #32\n\t"
        "it vs\n\t orrvs %0, %0, #64\n\t"
        "it vc\n\t orrvc %0, %0, #128\n\t"
        "it hi\n\t orrhi %0, %0, #256\n\t"
        "it ls\n\t orrls %0, %0, #512\n\t"
        "it ge\n\t orrge %0, %0, #1024\n\t"
        "it lt\n\t orrlt %0, %0, #2048\n\t"
        "it gt\n\t orrgt %0, %0, #4096\n\t"
        "it le\n\t orrle %0, %0, #8192\n\t"
        : "=&r"(m) : "t"(f_of(a)), "t"(f_of(b)) : "cc");
    return m;
}

static void conditions(void)
{
    group_begin("vmrs APSR_nzcv");
    for (int i = 0; i < 16; i += 3) {
        ln_reset(); ln_str("conds "); ln_h32(fpx_e32[i]); ln_ch(':');
        for (int j = 0; j < 16; j++) {
            fpscr_set(0);
            u32 m = cond_mask(fpx_e32[i], fpx_e32[j]);
            ln_ch(' '); ln_hex(m, 4);
        }
        ln_end();
    }
    /* a compiler-generated compare-and-branch on floats */
    static volatile float vf[6] = { 1.0f, -0.0f, 0.0f, 2.5f, -3.0f, 0.0f };
    vf[5] = f_of(0x7FC00000u);
    ln_reset(); ln_str("c compares:");
    for (int i = 0; i < 6; i++)
        for (int j = 0; j < 6; j++) {
            float a = vf[i], b = vf[j];
            u32 bits = (u32)(a < b) | (u32)(a <= b) << 1 | (u32)(a == b) << 2 | (u32)(a != b) << 3
                | (u32)(a >= b) << 4 | (u32)(a > b) << 5 | (u32)__builtin_isunordered(a, b) << 6;
            ln_ch(' '); ln_hex(bits, 2);
        }
    ln_end();
    group_end("vmrs APSR_nzcv");
}

#define VSEL32(fn, insn) \
    static u32 fn(u32 nzcv, u32 a, u32 b) { float r; \
        __asm volatile("msr APSR_nzcvq, %3\n\t" insn " %0, %1, %2" : "=t"(r) : "t"(f_of(a)), "t"(f_of(b)), "r"(nzcv << 28) : "cc"); \
        return u_of(r); }
#define VSEL64(fn, insn) \
    static u64 fn(u32 nzcv, u64 a, u64 b) { double r; \
        __asm volatile("msr APSR_nzcvq, %3\n\t" insn " %P0, %P1, %P2" : "=w"(r) : "w"(d_of(a)), "w"(d_of(b)), "r"(nzcv << 28) : "cc"); \
        return ud_of(r); }
VSEL32(vseleq32, "vseleq.f32") VSEL32(vselge32, "vselge.f32") VSEL32(vselgt32, "vselgt.f32") VSEL32(vselvs32, "vselvs.f32")
VSEL64(vseleq64, "vseleq.f64") VSEL64(vselge64, "vselge.f64") VSEL64(vselgt64, "vselgt.f64") VSEL64(vselvs64, "vselvs.f64")

static void selects(void)
{
    static const struct { u32 (*f32)(u32, u32, u32); u64 (*f64)(u32, u64, u64); const char *name; } sels[4] = {
        { vseleq32, vseleq64, "vseleq" }, { vselge32, vselge64, "vselge" },
        { vselgt32, vselgt64, "vselgt" }, { vselvs32, vselvs64, "vselvs" },
    };
    group_begin("vsel");
    for (int k = 0; k < 4; k++) {
        ln_reset(); ln_str(sels[k].name); ln_str(".f32:");
        for (u32 nzcv = 0; nzcv < 16; nzcv++) {
            /* a signalling NaN operand: VSEL moves it unchanged, no flags */
            fpscr_set(FPSCR_RN);
            u32 r = sels[k].f32(nzcv, 0x7F800001u, 0x3F800000u);
            ln_ch(' '); ln_h32(r); ln_flags(group_note(fpscr_get()));
        }
        ln_end();
        ln_reset(); ln_str(sels[k].name); ln_str(".f64:");
        for (u32 nzcv = 0; nzcv < 16; nzcv++) {
            fpscr_set(FPSCR_RN | FPSCR_FZ);
            u64 r = sels[k].f64(nzcv, 0x0000000000000001ull, 0xFFF0000000000001ull);
            ln_ch(' '); ln_hex((u32)(r >> 60), 1); ln_hex((u32)r, 1); ln_flags(group_note(fpscr_get()));
        }
        ln_end();
    }
    group_end("vsel");
}

#define VMOVI32(fn, imm) static u32 fn(void) { float r; __asm volatile("vmov.f32 %0, #" imm : "=t"(r)); return u_of(r); }
#define VMOVI64(fn, imm) static u64 fn(void) { double r; __asm volatile("vmov.f64 %P0, #" imm : "=w"(r)); return ud_of(r); }
VMOVI32(mi32a, "1.0") VMOVI32(mi32b, "-0.125") VMOVI32(mi32c, "31.0") VMOVI32(mi32d, "0.1328125")
VMOVI32(mi32e, "-2.0") VMOVI32(mi32f, "0.5")
VMOVI64(mi64a, "1.0") VMOVI64(mi64b, "-0.125") VMOVI64(mi64c, "31.0") VMOVI64(mi64d, "0.1328125")
VMOVI64(mi64e, "-2.0") VMOVI64(mi64f, "0.5")

static void moves(void)
{
    group_begin("vmov");
    fpscr_set(FPSCR_RN | FPSCR_FZ | FPSCR_DN);   /* moves never flush or quiet */
    ln_reset(); ln_str("vmov.f32 #imm:");
    u32 (*const i32[6])(void) = { mi32a, mi32b, mi32c, mi32d, mi32e, mi32f };
    u64 (*const i64[6])(void) = { mi64a, mi64b, mi64c, mi64d, mi64e, mi64f };
    for (int i = 0; i < 6; i++) { ln_ch(' '); ln_h32(i32[i]()); }
    ln_end();
    ln_reset(); ln_str("vmov.f64 #imm:");
    for (int i = 0; i < 6; i++) { ln_ch(' '); ln_h64(i64[i]()); }
    ln_end();

    /* core <-> S, pair <-> D, pair <-> S pair, scalar lanes, through fixed registers */
    u32 out[8];
    __asm volatile(
        "vmov s4, %[a]\n\t"
        "vmov d3, %[b], %[c]\n\t"          /* d3 = s6:s7 */
        "vmov s8, s9, %[c], %[a]\n\t"
        "vmov.32 d5[1], %[b]\n\t"          /* s11 */
        "vmov.32 d5[0], %[c]\n\t"          /* s10 */
        "vmov %[o0], s4\n\t"
        "vmov %[o1], %[o2], d3\n\t"
        "vmov %[o3], %[o4], s8, s9\n\t"
        "vmov.32 %[o5], d5[1]\n\t"
        "vmov.32 %[o6], d5[0]\n\t"
        "vmov %[o7], s7\n\t"
        : [o0] "=&r"(out[0]), [o1] "=&r"(out[1]), [o2] "=&r"(out[2]), [o3] "=&r"(out[3]),
          [o4] "=&r"(out[4]), [o5] "=&r"(out[5]), [o6] "=&r"(out[6]), [o7] "=&r"(out[7])
        : [a] "r"(0x7F800001u), [b] "r"(0x00000001u), [c] "r"(0xFFC12345u)
        : "s4", "s6", "s7", "s8", "s9", "s10", "s11");
    ln_reset(); ln_str("vmov core:");
    for (int i = 0; i < 8; i++) { ln_ch(' '); ln_h32(out[i]); }
    ln_flags(group_note(fpscr_get()));
    ln_end();

    /* VMSR/VMRS: each defined field written alone, then all together */
    static const u32 writes[10] = {
        0x00000000u, 0x0000009Fu, 0x00400000u, 0x00800000u, 0x00C00000u, 0x01000000u,
        0x02000000u, 0x04000000u, 0xF0000000u, 0xF7C0009Fu,
    };
    ln_reset(); ln_str("vmsr/vmrs fpscr:");
    for (int i = 0; i < 10; i++) {
        fpscr_set(writes[i]);
        ln_ch(' '); ln_h32(fpscr_get());
    }
    ln_end();
    fpscr_set(0);
    group_end("vmov");
}

int main(void)
{
    compares();
    conditions();
    selects();
    moves();
    fpscr_set(0);
    printf("fp_cmp done\n");
    return 0;
}
