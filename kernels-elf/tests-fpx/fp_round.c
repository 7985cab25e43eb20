/*
 * kernels-elf/tests-fpx/fp_round.c -- every rounding mode, overflow and
 * underflow: operand pairs whose exact results fall on ties, just off
 * representable values, beyond the largest finite value, and in or just
 * below the denormal range (tininess is detected before rounding on Arm, so a
 * result that rounds up to the smallest normal still raises UFC; an exact
 * denormal result raises nothing; with FZ a tiny result is flushed to zero
 * and raises UFC without IXC).
 *
 * Each op runs in RN RP RM RZ with FZ off, then on.  One line per (op, mode):
 * "<op> <mode>: <r>/<flags>" for each pair.  The last group computes in C
 * with the mode written to FPSCR.RMode.
 */
#include "fpx_ops.h"

FPX_BIN32(vadd32, "vadd.f32") FPX_BIN32(vsub32, "vsub.f32") FPX_BIN32(vmul32, "vmul.f32")
FPX_BIN32(vdiv32, "vdiv.f32") FPX_BIN32(vnmul32, "vnmul.f32")
FPX_BIN64(vadd64, "vadd.f64") FPX_BIN64(vsub64, "vsub.f64") FPX_BIN64(vmul64, "vmul.f64")
FPX_BIN64(vdiv64, "vdiv.f64") FPX_BIN64(vnmul64, "vnmul.f64")
FPX_UN32(vsqrt32, "vsqrt.f32") FPX_UN64(vsqrt64, "vsqrt.f64")
FPX_TRI32(vfma32, "vfma.f32") FPX_TRI64(vfma64, "vfma.f64")
FPX_TRI32(vmla32, "vmla.f32") FPX_TRI64(vmla64, "vmla.f64")
FPX_TRI32(vnmls32, "vnmls.f32") FPX_TRI64(vnmls64, "vnmls.f64")

#define NP 16
static const u32 pa32[NP] = {
    0x3F800000u, 0x3F800000u, 0x3F800000u, 0x40000000u, 0xBF800000u, 0x7F7FFFFFu, 0xFF7FFFFFu, 0x00800000u,
    0x00800000u, 0x00800001u, 0x00FFFFFFu, 0x3FB504F3u, 0x4B800000u, 0x4B800001u, 0x00000001u, 0x80000001u,
};
static const u32 pb32[NP] = {
    0x33800000u, 0x33C00000u, 0x40400000u, 0x40400000u, 0x40400000u, 0x7F7FFFFFu, 0x7F7FFFFFu, 0x40400000u,
    0x40000000u, 0xBF000000u, 0x3F000000u, 0x3FB504F3u, 0x3F800000u, 0x3F800000u, 0x3F000000u, 0x3F400000u,
};
static const u64 pa64[NP] = {
    0x3FF0000000000000ull, 0x3FF0000000000000ull, 0x3FF0000000000000ull, 0x4000000000000000ull,
    0xBFF0000000000000ull, 0x7FEFFFFFFFFFFFFFull, 0xFFEFFFFFFFFFFFFFull, 0x0010000000000000ull,
    0x0010000000000000ull, 0x0010000000000001ull, 0x001FFFFFFFFFFFFFull, 0x3FF6A09E667F3BCDull,
    0x4340000000000000ull, 0x4340000000000001ull, 0x0000000000000001ull, 0x8000000000000001ull,
};
static const u64 pb64[NP] = {
    0x3CA0000000000000ull, 0x3CA8000000000000ull, 0x4008000000000000ull, 0x4008000000000000ull,
    0x4008000000000000ull, 0x7FEFFFFFFFFFFFFFull, 0x7FEFFFFFFFFFFFFFull, 0x4008000000000000ull,
    0x4000000000000000ull, 0xBFE0000000000000ull, 0x3FE0000000000000ull, 0x3FF6A09E667F3BCDull,
    0x3FF0000000000000ull, 0x3FF0000000000000ull, 0x3FE0000000000000ull, 0x3FE8000000000000ull,
};

static const fpx_mode modes[8] = {
    { FPSCR_RN, "RN" }, { FPSCR_RP, "RP" }, { FPSCR_RM, "RM" }, { FPSCR_RZ, "RZ" },
    { FPSCR_RN | FPSCR_FZ, "RN+FZ" }, { FPSCR_RP | FPSCR_FZ, "RP+FZ" },
    { FPSCR_RM | FPSCR_FZ, "RM+FZ" }, { FPSCR_RZ | FPSCR_FZ, "RZ+FZ" },
};

enum { OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_NMUL, OP_SQRT, OP_FMA, OP_MLA, OP_NMLS, NOPS };
static const char *const opnames[NOPS] = { "vadd", "vsub", "vmul", "vdiv", "vnmul", "vsqrt", "vfma", "vmla", "vnmls" };

static u32 run32(int op, int i)
{
    u32 a = pa32[i], b = pb32[i], c = pb32[(i + 5) % NP];
    switch (op) {
    case OP_ADD: return vadd32(a, b);
    case OP_SUB: return vsub32(a, b);
    case OP_MUL: return vmul32(a, b);
    case OP_DIV: return vdiv32(a, b);
    case OP_NMUL: return vnmul32(a, b);
    case OP_SQRT: return vsqrt32(a ^ (b & 0x80000000u));
    case OP_FMA: return vfma32(c, a, b);
    case OP_MLA: return vmla32(c, a, b);
    default: return vnmls32(c, a, b);
    }
}
static u64 run64(int op, int i)
{
    u64 a = pa64[i], b = pb64[i], c = pb64[(i + 5) % NP];
    switch (op) {
    case OP_ADD: return vadd64(a, b);
    case OP_SUB: return vsub64(a, b);
    case OP_MUL: return vmul64(a, b);
    case OP_DIV: return vdiv64(a, b);
    case OP_NMUL: return vnmul64(a, b);
    case OP_SQRT: return vsqrt64(a ^ (b & 0x8000000000000000ull));
    case OP_FMA: return vfma64(c, a, b);
    case OP_MLA: return vmla64(c, a, b);
    default: return vnmls64(c, a, b);
    }
}

/* C arithmetic (compiler-chosen VFP instructions) under each mode: newlib's
 * fenv.h for this multilib defines no FE_* modes, so the mode is written to
 * FPSCR.RMode directly, as an RTOS port would. */
static void c_arith(void)
{
    static volatile float one = 1.0f, three = 3.0f, big = 3.0e38f, tiny = 1.2e-38f;
    static volatile double done = 1.0, dthree = 3.0;
    group_begin("C arithmetic");
    for (int k = 0; k < 4; k++) {
        fpscr_set(fpx_rmodes[k].fpscr);
        float q = one / three;
        double dq = done / dthree;
        (void)fpscr_after_f(q);
        int inexact = (fpscr_after_d(dq) & FPSCR_IXC) != 0;
        fpscr_set(fpx_rmodes[k].fpscr);
        float o = big * three;
        int over = (fpscr_after_f(o) & FPSCR_OFC) != 0;
        fpscr_set(fpx_rmodes[k].fpscr);
        float u = tiny / three;
        int under = (fpscr_after_f(u) & FPSCR_UFC) != 0;
        u32 fpscr = group_note(fpscr_get());
        printf("%s 1/3 %08lx %08lx%08lx inexact %d over %08lx %d under %08lx %d fpscr %08lx\n",
               fpx_rmodes[k].name, (unsigned long)u_of(q),
               (unsigned long)(ud_of(dq) >> 32), (unsigned long)ud_of(dq), inexact,
               (unsigned long)u_of(o), over, (unsigned long)u_of(u), under, (unsigned long)fpscr);
    }
    fpscr_set(0);
    group_end("C arithmetic");
}

int main(void)
{
    for (int op = 0; op < NOPS; op++) {
        group_begin(opnames[op]);
        for (int mi = 0; mi < 8; mi++) {
            ln_reset(); ln_str(opnames[op]); ln_str(".f32 "); ln_str(modes[mi].name); ln_ch(':');
            for (int i = 0; i < NP; i++) {
                fpscr_set(modes[mi].fpscr);
                u32 r = run32(op, i);
                u32 f = group_note(fpscr_get());
                ln_ch(' '); ln_h32(r); ln_flags(f);
            }
            ln_end();
            ln_reset(); ln_str(opnames[op]); ln_str(".f64 "); ln_str(modes[mi].name); ln_ch(':');
            for (int i = 0; i < NP; i++) {
                fpscr_set(modes[mi].fpscr);
                u64 r = run64(op, i);
                u32 f = group_note(fpscr_get());
                ln_ch(' '); ln_h64(r); ln_flags(f);
            }
            ln_end();
        }
        group_end(opnames[op]);
    }
    c_arith();
    fpscr_set(0);
    printf("fp_round done\n");
    return 0;
}
