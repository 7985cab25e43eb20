/*
 * kernels-elf/tests-fpx/fp_fused.c -- FPv5 multiply-accumulate, fused
 * (VFMA VFMS VFNMA VFNMS) and chained (VMLA VMLS VNMLA VNMLS), single and
 * double, over every combination of accumulator c and operands a, b from a
 * nine-value subset of the edge values (zeros of both signs, a negative
 * normal, an inexact normal, the smallest denormal, the largest finite, -inf,
 * a quiet and a signalling NaN with payloads: NaN precedence between all
 * three operands, inf*0 with a NaN accumulator, product overflow, exact-zero
 * signs).  Round to nearest; then FZ+DN for one fused and one chained pair.
 *
 * Output: one line per (op, mode, c, a): results for each b, "<r>/<flags>".
 */
#include "fpx_ops.h"

FPX_TRI32(vfma32, "vfma.f32")
FPX_TRI32(vfms32, "vfms.f32")
FPX_TRI32(vfnma32, "vfnma.f32")
FPX_TRI32(vfnms32, "vfnms.f32")
FPX_TRI32(vmla32, "vmla.f32")
FPX_TRI32(vmls32, "vmls.f32")
FPX_TRI32(vnmla32, "vnmla.f32")
FPX_TRI32(vnmls32, "vnmls.f32")
FPX_TRI64(vfma64, "vfma.f64")
FPX_TRI64(vfms64, "vfms.f64")
FPX_TRI64(vfnma64, "vfnma.f64")
FPX_TRI64(vfnms64, "vfnms.f64")
FPX_TRI64(vmla64, "vmla.f64")
FPX_TRI64(vmls64, "vmls.f64")
FPX_TRI64(vnmla64, "vnmla.f64")
FPX_TRI64(vnmls64, "vnmls.f64")

typedef struct { tri32_fn f32; tri64_fn f64; const char *name; int in_fzdn; } tri_op;
static const tri_op ops[] = {
    { vfma32, vfma64, "vfma", 1 },  { vfms32, vfms64, "vfms", 0 },
    { vfnma32, vfnma64, "vfnma", 0 }, { vfnms32, vfnms64, "vfnms", 1 },
    { vmla32, vmla64, "vmla", 1 },  { vmls32, vmls64, "vmls", 0 },
    { vnmla32, vnmla64, "vnmla", 0 }, { vnmls32, vnmls64, "vnmls", 1 },
};
#define NOPS ((int)(sizeof ops / sizeof ops[0]))

/* indices into fpx_e32 / fpx_e64 */
static const int pick[9] = { 0, 1, 3, 4, 5, 8, 10, 12, 14 };

static void sweep(const tri_op *op, const fpx_mode *m)
{
    for (int ci = 0; ci < 9; ci++)
        for (int ai = 0; ai < 9; ai++) {
            u32 c = fpx_e32[pick[ci]], a = fpx_e32[pick[ai]];
            ln_reset();
            ln_str(op->name); ln_str(".f32 "); ln_str(m->name); ln_ch(' ');
            ln_h32(c); ln_ch(' '); ln_h32(a); ln_ch(':');
            for (int bi = 0; bi < 9; bi++) {
                fpscr_set(m->fpscr);
                u32 r = op->f32(c, a, fpx_e32[pick[bi]]);
                u32 f = fpscr_get();
                ln_ch(' '); ln_h32(r); ln_flags(f);
            }
            ln_end();
        }
    fpscr_set(m->fpscr);
    for (int ci = 0; ci < 9; ci++)
        for (int ai = 0; ai < 9; ai++)
            for (int bi = 0; bi < 9; bi++)
                (void)op->f32(fpx_e32[pick[ci]], fpx_e32[pick[ai]], fpx_e32[pick[bi]]);
    printf("%s.f32 %s cumulative %02lx\n", op->name, m->name, (unsigned long)(fpscr_get() & FPSCR_FLAGS));

    for (int ci = 0; ci < 9; ci++)
        for (int ai = 0; ai < 9; ai++) {
            u64 c = fpx_e64[pick[ci]], a = fpx_e64[pick[ai]];
            ln_reset();
            ln_str(op->name); ln_str(".f64 "); ln_str(m->name); ln_ch(' ');
            ln_h64(c); ln_ch(' '); ln_h64(a); ln_ch(':');
            for (int bi = 0; bi < 9; bi++) {
                fpscr_set(m->fpscr);
                u64 r = op->f64(c, a, fpx_e64[pick[bi]]);
                u32 f = fpscr_get();
                ln_ch(' '); ln_h64(r); ln_flags(f);
            }
            ln_end();
        }
    fpscr_set(m->fpscr);
    for (int ci = 0; ci < 9; ci++)
        for (int ai = 0; ai < 9; ai++)
            for (int bi = 0; bi < 9; bi++)
                (void)op->f64(fpx_e64[pick[ci]], fpx_e64[pick[ai]], fpx_e64[pick[bi]]);
    printf("%s.f64 %s cumulative %02lx\n", op->name, m->name, (unsigned long)(fpscr_get() & FPSCR_FLAGS));
}

/* Fused vs chained on values where the single rounding shows: a*b+c with
 * a*b just off a representable value (the classic x*x - x*x residue). */
static void residues(void)
{
    static const u32 a32[4] = { 0x3F800001u, 0x3FAAAAABu, 0x4B7FFFFFu, 0x3DCCCCCDu };
    static const u64 a64[4] = { 0x3FF0000000000001ull, 0x3FF5555555555555ull,
                                0x433FFFFFFFFFFFFFull, 0x3FB999999999999Aull };
    for (int i = 0; i < 4; i++)
        for (int r = 0; r < 4; r++) {
            const fpx_mode *m = &fpx_rmodes[r];
            /* c = -(a*a rounded), so the fused result is the rounding error */
            fpscr_set(m->fpscr);
            u32 p = vmla32(0, a32[i], a32[i]);
            u32 c = p ^ 0x80000000u;
            fpscr_set(m->fpscr);
            u32 rf = vfma32(c, a32[i], a32[i]);
            u32 ff = fpscr_get();
            fpscr_set(m->fpscr);
            u32 rc = vmla32(c, a32[i], a32[i]);
            u32 fc = fpscr_get();
            fpscr_set(m->fpscr);
            u64 p64 = vmla64(0, a64[i], a64[i]);
            u64 c64 = p64 ^ 0x8000000000000000ull;
            fpscr_set(m->fpscr);
            u64 rf64 = vfma64(c64, a64[i], a64[i]);
            u32 ff64 = fpscr_get();
            ln_reset();
            ln_str("residue "); ln_str(m->name); ln_ch(' '); ln_h32(a32[i]); ln_str(": fused ");
            ln_h32(rf); ln_flags(ff); ln_str(" chained "); ln_h32(rc); ln_flags(fc);
            ln_str(" f64 "); ln_h64(a64[i]); ln_str(": fused "); ln_h64(rf64); ln_flags(ff64);
            ln_end();
        }
}

int main(void)
{
    static const fpx_mode rn = { FPSCR_RN, "RN" };
    static const fpx_mode fzdn = { FPSCR_RN | FPSCR_FZ | FPSCR_DN, "FZDN" };
    for (int k = 0; k < NOPS; k++)
        sweep(&ops[k], &rn);
    for (int k = 0; k < NOPS; k++)
        if (ops[k].in_fzdn)
            sweep(&ops[k], &fzdn);
    residues();
    fpscr_set(0);
    printf("fp_fused done\n");
    return 0;
}
