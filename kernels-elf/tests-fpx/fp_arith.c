/*
 * kernels-elf/tests-fpx/fp_arith.c -- FPv5 two-operand and one-operand
 * arithmetic on the edge values (fpx.h): VADD VSUB VMUL VNMUL VDIV VMAXNM
 * VMINNM, VSQRT VABS VNEG, single and double precision, in round-to-nearest
 * with FZ off, FZ on, and DN on.
 *
 * Output: for each op and mode, one line per first operand a:
 *     <op> <mode> <a>: <r>/<flags> ... (one per second operand b, fpx_e32 order)
 * <flags> = FPSCR[7:0] & 0x9F after that single instruction (IDC IXC UFC OFC
 * DZC IOC).  After each op/mode group the same instructions run again without
 * clearing FPSCR in between and the cumulative flags are printed.
 */
#include "fpx_ops.h"

FPX_BIN32(vadd32, "vadd.f32")
FPX_BIN32(vsub32, "vsub.f32")
FPX_BIN32(vmul32, "vmul.f32")
FPX_BIN32(vnmul32, "vnmul.f32")
FPX_BIN32(vdiv32, "vdiv.f32")
FPX_BIN32(vmaxnm32, "vmaxnm.f32")
FPX_BIN32(vminnm32, "vminnm.f32")
FPX_BIN64(vadd64, "vadd.f64")
FPX_BIN64(vsub64, "vsub.f64")
FPX_BIN64(vmul64, "vmul.f64")
FPX_BIN64(vnmul64, "vnmul.f64")
FPX_BIN64(vdiv64, "vdiv.f64")
FPX_BIN64(vmaxnm64, "vmaxnm.f64")
FPX_BIN64(vminnm64, "vminnm.f64")
FPX_UN32(vsqrt32, "vsqrt.f32")
FPX_UN32(vabs32, "vabs.f32")
FPX_UN32(vneg32, "vneg.f32")
FPX_UN32(vmov32, "vmov.f32")
FPX_UN64(vsqrt64, "vsqrt.f64")
FPX_UN64(vabs64, "vabs.f64")
FPX_UN64(vneg64, "vneg.f64")
FPX_UN64(vmov64, "vmov.f64")

static const struct { bin32_fn fn; const char *name; } bin32[] = {
    { vadd32, "vadd.f32" }, { vsub32, "vsub.f32" }, { vmul32, "vmul.f32" }, { vnmul32, "vnmul.f32" },
    { vdiv32, "vdiv.f32" }, { vmaxnm32, "vmaxnm.f32" }, { vminnm32, "vminnm.f32" },
};
static const struct { bin64_fn fn; const char *name; } bin64[] = {
    { vadd64, "vadd.f64" }, { vsub64, "vsub.f64" }, { vmul64, "vmul.f64" }, { vnmul64, "vnmul.f64" },
    { vdiv64, "vdiv.f64" }, { vmaxnm64, "vmaxnm.f64" }, { vminnm64, "vminnm.f64" },
};
static const struct { un32_fn fn; const char *name; } un32[] = {
    { vsqrt32, "vsqrt.f32" }, { vabs32, "vabs.f32" }, { vneg32, "vneg.f32" }, { vmov32, "vmov.f32" },
};
static const struct { un64_fn fn; const char *name; } un64[] = {
    { vsqrt64, "vsqrt.f64" }, { vabs64, "vabs.f64" }, { vneg64, "vneg.f64" }, { vmov64, "vmov.f64" },
};

static const fpx_mode modes[] = {
    { FPSCR_RN, "RN" }, { FPSCR_RN | FPSCR_FZ, "FZ" }, { FPSCR_RN | FPSCR_DN, "DN" },
};
#define NMODES ((int)(sizeof modes / sizeof modes[0]))
#define N(t) ((int)(sizeof(t) / sizeof((t)[0])))

static void cumulative(const char *op, const fpx_mode *m)
{
    printf("%s %s cumulative %02lx\n", op, m->name, (unsigned long)(fpscr_get() & FPSCR_FLAGS));
}

int main(void)
{
    for (int mi = 0; mi < NMODES; mi++) {
        const fpx_mode *m = &modes[mi];
        for (int k = 0; k < N(bin32); k++) {
            for (int i = 0; i < 16; i++) {
                ln_reset();
                ln_str(bin32[k].name); ln_ch(' '); ln_str(m->name); ln_ch(' ');
                ln_h32(fpx_e32[i]); ln_ch(':');
                for (int j = 0; j < 16; j++) {
                    fpscr_set(m->fpscr);
                    u32 r = bin32[k].fn(fpx_e32[i], fpx_e32[j]);
                    u32 f = fpscr_get();
                    ln_ch(' '); ln_h32(r); ln_flags(f);
                }
                ln_end();
            }
            fpscr_set(m->fpscr);
            for (int i = 0; i < 16; i++)
                for (int j = 0; j < 16; j++)
                    (void)bin32[k].fn(fpx_e32[i], fpx_e32[j]);
            cumulative(bin32[k].name, m);
        }
        for (int k = 0; k < N(bin64); k++) {
            for (int i = 0; i < 16; i++) {
                ln_reset();
                ln_str(bin64[k].name); ln_ch(' '); ln_str(m->name); ln_ch(' ');
                ln_h64(fpx_e64[i]); ln_ch(':');
                for (int j = 0; j < 16; j++) {
                    fpscr_set(m->fpscr);
                    u64 r = bin64[k].fn(fpx_e64[i], fpx_e64[j]);
                    u32 f = fpscr_get();
                    ln_ch(' '); ln_h64(r); ln_flags(f);
                }
                ln_end();
            }
            fpscr_set(m->fpscr);
            for (int i = 0; i < 16; i++)
                for (int j = 0; j < 16; j++)
                    (void)bin64[k].fn(fpx_e64[i], fpx_e64[j]);
            cumulative(bin64[k].name, m);
        }
        for (int k = 0; k < N(un32); k++) {
            ln_reset();
            ln_str(un32[k].name); ln_ch(' '); ln_str(m->name); ln_ch(':');
            for (int i = 0; i < 16; i++) {
                fpscr_set(m->fpscr);
                u32 r = un32[k].fn(fpx_e32[i]);
                u32 f = fpscr_get();
                ln_ch(' '); ln_h32(r); ln_flags(f);
            }
            ln_end();
        }
        for (int k = 0; k < N(un64); k++) {
            ln_reset();
            ln_str(un64[k].name); ln_ch(' '); ln_str(m->name); ln_ch(':');
            for (int i = 0; i < 16; i++) {
                fpscr_set(m->fpscr);
                u64 r = un64[k].fn(fpx_e64[i]);
                u32 f = fpscr_get();
                ln_ch(' '); ln_h64(r); ln_flags(f);
            }
            ln_end();
        }
    }
    fpscr_set(0);
    printf("fp_arith done\n");
    return 0;
}
