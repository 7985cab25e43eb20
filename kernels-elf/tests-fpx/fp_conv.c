/*
 * kernels-elf/tests-fpx/fp_conv.c -- FPv5 conversions:
 *   float <-> integer   VCVT (round to zero), VCVTR (FPSCR mode, all four),
 *                       VCVTA/N/P/M (directed, FPv5), .s32/.u32, .f32/.f64
 *   integer -> float    VCVT.F32/F64.S32/U32 in all four rounding modes
 *   float <-> double    VCVT.F64.F32 / VCVT.F32.F64 (NaN payloads, overflow,
 *                       underflow, FZ, DN, every rounding mode)
 *   half precision      VCVTB/VCVTT between f16 and f32, VCVTB between f16
 *                       and f64, IEEE and alternative (AHP) formats, and the
 *                       same through C's __fp16 (-mfp16-format=ieee)
 *   fixed point         VCVT with #fbits, 16- and 32-bit, signed/unsigned,
 *                       both directions, both precisions
 *   round to integral   VRINTA/N/P/M/Z (fixed mode), VRINTR/VRINTX (FPSCR)
 * Lines: "<op> <mode>[ #fbits]: <result>/<flags> ..." over the value table.
 */
#include "fpx_ops.h"

/* ---- value tables ---- */
static const u32 cv32[24] = {
    0x00000000u, 0x80000000u, 0x3F000000u, 0xBF000000u, 0x3FC00000u, 0xBFC00000u,
    0x40200000u, 0xC0200000u, 0x3EFFFFFFu, 0x3F800001u, 0xBF800000u, 0x4AFFFFFFu,
    0x4F000000u, 0xCF000000u, 0x4EFFFFFFu, 0xCF000001u, 0x4F800000u, 0x4F7FFFFFu,
    0x501502F9u, 0x807FFFFFu, 0x7F800000u, 0xFF800000u, 0x7FC12345u, 0xFF812345u,
};
static const u64 cv64[24] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x3FE0000000000000ull, 0xBFE0000000000000ull,
    0x3FF8000000000000ull, 0xBFF8000000000000ull, 0x4004000000000000ull, 0xC004000000000000ull,
    0x3FDFFFFFFFFFFFFFull, 0xBFF0000000000000ull, 0x41DFFFFFFFE00000ull, 0x41E0000000000000ull,
    0xC1E0000000100000ull, 0xC1E0000000200000ull, 0x41EFFFFFFFF00000ull, 0x41F0000000000000ull,
    0x7E37E43C8800759Cull, 0x0000000000000001ull, 0x800FFFFFFFFFFFFFull, 0x7FF0000000000000ull,
    0xFFF0000000000000ull, 0x7FF8123456789ABCull, 0xFFF0000012345678ull, 0x432FFFFFFFFFFFFFull,
};
static const u32 ints[14] = {
    0x00000000u, 0x00000001u, 0xFFFFFFFFu, 0x7FFFFFFFu, 0x80000000u, 0x80000001u, 0x00FFFFFFu,
    0x01000001u, 0x7FFFFFC0u, 0x12345678u, 0xFEDCBA98u, 0x0000FFFFu, 0x00008000u, 0xFFFF8001u,
};
/* f32 values around the half-precision range: max 65504, the first value that
 * rounds to inf, 2^-24 (smallest half denormal), ties below it, the normal
 * boundary, the largest AHP value 131008 and beyond. */
static const u32 h32in[16] = {
    0x477FE000u, 0x477FF000u, 0x477FEFFFu, 0x33800000u, 0x33000000u, 0x33000001u,
    0x38800000u, 0x387FC000u, 0x47FFE000u, 0x47FFF000u, 0x3EAAAAABu, 0xC0490FDBu,
    0x00000001u, 0x7F7FFFFFu, 0xFFC00001u, 0x7F800001u,
};
static const u32 h16in[14] = {
    0x0000u, 0x8000u, 0x3C00u, 0x0001u, 0x03FFu, 0x0400u, 0x7BFFu,
    0x7C00u, 0xFC00u, 0x7E00u, 0x7D55u, 0xFE01u, 0x3555u, 0xC248u,
};

#define N(t) ((int)(sizeof(t) / sizeof((t)[0])))

/* ---- float -> integer (result is an integer in an S register) ---- */
#define CVT_F32_TO_I(fn, insn) \
    static u32 fn(u32 a) { float r; __asm volatile(insn " %0, %1" : "=t"(r) : "t"(f_of(a))); return u_of(r); }
#define CVT_F64_TO_I(fn, insn) \
    static u32 fn(u64 a) { float r; __asm volatile(insn " %0, %P1" : "=t"(r) : "w"(d_of(a))); return u_of(r); }
CVT_F32_TO_I(cvt_s32_f32, "vcvt.s32.f32")
CVT_F32_TO_I(cvt_u32_f32, "vcvt.u32.f32")
CVT_F32_TO_I(cvtr_s32_f32, "vcvtr.s32.f32")
CVT_F32_TO_I(cvtr_u32_f32, "vcvtr.u32.f32")
CVT_F32_TO_I(cvta_s32_f32, "vcvta.s32.f32")
CVT_F32_TO_I(cvta_u32_f32, "vcvta.u32.f32")
CVT_F32_TO_I(cvtn_s32_f32, "vcvtn.s32.f32")
CVT_F32_TO_I(cvtn_u32_f32, "vcvtn.u32.f32")
CVT_F32_TO_I(cvtp_s32_f32, "vcvtp.s32.f32")
CVT_F32_TO_I(cvtp_u32_f32, "vcvtp.u32.f32")
CVT_F32_TO_I(cvtm_s32_f32, "vcvtm.s32.f32")
CVT_F32_TO_I(cvtm_u32_f32, "vcvtm.u32.f32")
CVT_F64_TO_I(cvt_s32_f64, "vcvt.s32.f64")
CVT_F64_TO_I(cvt_u32_f64, "vcvt.u32.f64")
CVT_F64_TO_I(cvtr_s32_f64, "vcvtr.s32.f64")
CVT_F64_TO_I(cvtr_u32_f64, "vcvtr.u32.f64")
CVT_F64_TO_I(cvta_s32_f64, "vcvta.s32.f64")
CVT_F64_TO_I(cvta_u32_f64, "vcvta.u32.f64")
CVT_F64_TO_I(cvtn_s32_f64, "vcvtn.s32.f64")
CVT_F64_TO_I(cvtn_u32_f64, "vcvtn.u32.f64")
CVT_F64_TO_I(cvtp_s32_f64, "vcvtp.s32.f64")
CVT_F64_TO_I(cvtp_u32_f64, "vcvtp.u32.f64")
CVT_F64_TO_I(cvtm_s32_f64, "vcvtm.s32.f64")
CVT_F64_TO_I(cvtm_u32_f64, "vcvtm.u32.f64")

static const struct { un32_fn fn; const char *name; } f2i32[] = {
    { cvt_s32_f32, "vcvt.s32.f32" }, { cvt_u32_f32, "vcvt.u32.f32" },
    { cvtr_s32_f32, "vcvtr.s32.f32" }, { cvtr_u32_f32, "vcvtr.u32.f32" },
    { cvta_s32_f32, "vcvta.s32.f32" }, { cvta_u32_f32, "vcvta.u32.f32" },
    { cvtn_s32_f32, "vcvtn.s32.f32" }, { cvtn_u32_f32, "vcvtn.u32.f32" },
    { cvtp_s32_f32, "vcvtp.s32.f32" }, { cvtp_u32_f32, "vcvtp.u32.f32" },
    { cvtm_s32_f32, "vcvtm.s32.f32" }, { cvtm_u32_f32, "vcvtm.u32.f32" },
};
static const struct { u32 (*fn)(u64); const char *name; } f2i64[] = {
    { cvt_s32_f64, "vcvt.s32.f64" }, { cvt_u32_f64, "vcvt.u32.f64" },
    { cvtr_s32_f64, "vcvtr.s32.f64" }, { cvtr_u32_f64, "vcvtr.u32.f64" },
    { cvta_s32_f64, "vcvta.s32.f64" }, { cvta_u32_f64, "vcvta.u32.f64" },
    { cvtn_s32_f64, "vcvtn.s32.f64" }, { cvtn_u32_f64, "vcvtn.u32.f64" },
    { cvtp_s32_f64, "vcvtp.s32.f64" }, { cvtp_u32_f64, "vcvtp.u32.f64" },
    { cvtm_s32_f64, "vcvtm.s32.f64" }, { cvtm_u32_f64, "vcvtm.u32.f64" },
};

/* ---- integer -> float ---- */
CVT_F32_TO_I(cvt_f32_s32, "vcvt.f32.s32")
CVT_F32_TO_I(cvt_f32_u32, "vcvt.f32.u32")
static u64 cvt_f64_s32(u32 a) { double r; __asm volatile("vcvt.f64.s32 %P0, %1" : "=w"(r) : "t"(f_of(a))); return ud_of(r); }
static u64 cvt_f64_u32(u32 a) { double r; __asm volatile("vcvt.f64.u32 %P0, %1" : "=w"(r) : "t"(f_of(a))); return ud_of(r); }

/* ---- float <-> double ---- */
static u64 cvt_f64_f32(u32 a) { double r; __asm volatile("vcvt.f64.f32 %P0, %1" : "=w"(r) : "t"(f_of(a))); return ud_of(r); }
static u32 cvt_f32_f64(u64 a) { float r; __asm volatile("vcvt.f32.f64 %0, %P1" : "=t"(r) : "w"(d_of(a))); return u_of(r); }

/* ---- half precision: the destination's other half must survive ---- */
static u32 cvtb_f16_f32(u32 dst, u32 a) { float r = f_of(dst); __asm volatile("vcvtb.f16.f32 %0, %1" : "+t"(r) : "t"(f_of(a))); return u_of(r); }
static u32 cvtt_f16_f32(u32 dst, u32 a) { float r = f_of(dst); __asm volatile("vcvtt.f16.f32 %0, %1" : "+t"(r) : "t"(f_of(a))); return u_of(r); }
static u32 cvtb_f32_f16(u32 a) { float r; __asm volatile("vcvtb.f32.f16 %0, %1" : "=t"(r) : "t"(f_of(a))); return u_of(r); }
static u32 cvtt_f32_f16(u32 a) { float r; __asm volatile("vcvtt.f32.f16 %0, %1" : "=t"(r) : "t"(f_of(a))); return u_of(r); }
static u32 cvtb_f16_f64(u32 dst, u64 a) { float r = f_of(dst); __asm volatile("vcvtb.f16.f64 %0, %P1" : "+t"(r) : "w"(d_of(a))); return u_of(r); }
static u32 cvtt_f16_f64(u32 dst, u64 a) { float r = f_of(dst); __asm volatile("vcvtt.f16.f64 %0, %P1" : "+t"(r) : "w"(d_of(a))); return u_of(r); }
static u64 cvtb_f64_f16(u32 a) { double r; __asm volatile("vcvtb.f64.f16 %P0, %1" : "=w"(r) : "t"(f_of(a))); return ud_of(r); }
static u64 cvtt_f64_f16(u32 a) { double r; __asm volatile("vcvtt.f64.f16 %P0, %1" : "=w"(r) : "t"(f_of(a))); return ud_of(r); }

/* ---- fixed point: in place, one function per (type, fbits) ---- */
#define FIX32(fn, insn, fb) \
    static u32 fn(u32 a) { float r = f_of(a); __asm volatile(insn " %0, %0, #" #fb : "+t"(r)); return u_of(r); }
#define FIX64(fn, insn, fb) \
    static u64 fn(u64 a) { double r = d_of(a); __asm volatile(insn " %P0, %P0, #" #fb : "+w"(r)); return ud_of(r); }
#define FIX_SET(tag, fb) \
    FIX32(tf_s16_##tag, "vcvt.s16.f32", fb) FIX32(tf_u16_##tag, "vcvt.u16.f32", fb) \
    FIX32(ff_s16_##tag, "vcvt.f32.s16", fb) FIX32(ff_u16_##tag, "vcvt.f32.u16", fb) \
    FIX64(td_s16_##tag, "vcvt.s16.f64", fb) FIX64(td_u16_##tag, "vcvt.u16.f64", fb) \
    FIX64(fd_s16_##tag, "vcvt.f64.s16", fb) FIX64(fd_u16_##tag, "vcvt.f64.u16", fb)
#define FIX_SET32(tag, fb) \
    FIX32(tf_s32_##tag, "vcvt.s32.f32", fb) FIX32(tf_u32_##tag, "vcvt.u32.f32", fb) \
    FIX32(ff_s32_##tag, "vcvt.f32.s32", fb) FIX32(ff_u32_##tag, "vcvt.f32.u32", fb) \
    FIX64(td_s32_##tag, "vcvt.s32.f64", fb) FIX64(td_u32_##tag, "vcvt.u32.f64", fb) \
    FIX64(fd_s32_##tag, "vcvt.f64.s32", fb) FIX64(fd_u32_##tag, "vcvt.f64.u32", fb)
FIX_SET(1, 1) FIX_SET(8, 8) FIX_SET(16, 16)
FIX_SET32(1, 1) FIX_SET32(16, 16) FIX_SET32(31, 31) FIX_SET32(32, 32)

typedef struct {
    const char *name; int fbits;
    un32_fn to32, from32; un64_fn to64, from64;
} fix_case;
#define FIXC(bits, sgn, tag) \
    { "vcvt." #sgn #bits, tag, tf_##sgn##bits##_##tag, ff_##sgn##bits##_##tag, td_##sgn##bits##_##tag, fd_##sgn##bits##_##tag }
static const fix_case fixes[] = {
    FIXC(16, s, 1), FIXC(16, u, 1), FIXC(16, s, 8), FIXC(16, u, 8), FIXC(16, s, 16), FIXC(16, u, 16),
    FIXC(32, s, 1), FIXC(32, u, 1), FIXC(32, s, 16), FIXC(32, u, 16),
    FIXC(32, s, 31), FIXC(32, u, 31), FIXC(32, s, 32), FIXC(32, u, 32),
};

/* ---- round to integral ---- */
FPX_UN32(rinta32, "vrinta.f32") FPX_UN32(rintn32, "vrintn.f32") FPX_UN32(rintp32, "vrintp.f32")
FPX_UN32(rintm32, "vrintm.f32") FPX_UN32(rintz32, "vrintz.f32") FPX_UN32(rintr32, "vrintr.f32")
FPX_UN32(rintx32, "vrintx.f32")
FPX_UN64(rinta64, "vrinta.f64") FPX_UN64(rintn64, "vrintn.f64") FPX_UN64(rintp64, "vrintp.f64")
FPX_UN64(rintm64, "vrintm.f64") FPX_UN64(rintz64, "vrintz.f64") FPX_UN64(rintr64, "vrintr.f64")
FPX_UN64(rintx64, "vrintx.f64")
static const struct { un32_fn f32; un64_fn f64; const char *name; } rints[] = {
    { rinta32, rinta64, "vrinta" }, { rintn32, rintn64, "vrintn" }, { rintp32, rintp64, "vrintp" },
    { rintm32, rintm64, "vrintm" }, { rintz32, rintz64, "vrintz" }, { rintr32, rintr64, "vrintr" },
    { rintx32, rintx64, "vrintx" },
};

/* Modes every sweep runs in: the four rounding modes, then FZ and DN (round
 * to nearest) for the denormal and NaN inputs. */
static const fpx_mode modes[6] = {
    { FPSCR_RN, "RN" }, { FPSCR_RP, "RP" }, { FPSCR_RM, "RM" }, { FPSCR_RZ, "RZ" },
    { FPSCR_RN | FPSCR_FZ, "FZ" }, { FPSCR_RN | FPSCR_DN, "DN" },
};

static void head(const char *op, const char *mode)
{
    ln_reset(); ln_str(op); ln_ch(' '); ln_str(mode); ln_ch(':');
}

static void float_to_int(void)
{
    group_begin("float to integer");
    for (int k = 0; k < N(f2i32); k++)
        for (int mi = 0; mi < 6; mi++) {
            head(f2i32[k].name, modes[mi].name);
            for (int i = 0; i < N(cv32); i++) {
                fpscr_set(modes[mi].fpscr);
                u32 r = f2i32[k].fn(cv32[i]);
                u32 f = group_note(fpscr_get());
                ln_ch(' '); ln_h32(r); ln_flags(f);
            }
            ln_end();
        }
    for (int k = 0; k < N(f2i64); k++)
        for (int mi = 0; mi < 6; mi++) {
            head(f2i64[k].name, modes[mi].name);
            for (int i = 0; i < N(cv64); i++) {
                fpscr_set(modes[mi].fpscr);
                u32 r = f2i64[k].fn(cv64[i]);
                u32 f = group_note(fpscr_get());
                ln_ch(' '); ln_h32(r); ln_flags(f);
            }
            ln_end();
        }
    group_end("float to integer");
}

static void int_to_float(void)
{
    group_begin("integer to float");
    for (int mi = 0; mi < 4; mi++) {
        static const char *const names[4] = { "vcvt.f32.s32", "vcvt.f32.u32", "vcvt.f64.s32", "vcvt.f64.u32" };
        for (int k = 0; k < 4; k++) {
            head(names[k], modes[mi].name);
            for (int i = 0; i < N(ints); i++) {
                fpscr_set(modes[mi].fpscr);
                u64 r;
                switch (k) {
                case 0: r = cvt_f32_s32(ints[i]); break;
                case 1: r = cvt_f32_u32(ints[i]); break;
                case 2: r = cvt_f64_s32(ints[i]); break;
                default: r = cvt_f64_u32(ints[i]); break;
                }
                u32 f = group_note(fpscr_get());
                ln_ch(' ');
                if (k < 2) ln_h32((u32)r); else ln_h64(r);
                ln_flags(f);
            }
            ln_end();
        }
    }
    group_end("integer to float");
}

static void float_double(void)
{
    group_begin("float <-> double");
    for (int mi = 0; mi < 6; mi++) {
        head("vcvt.f64.f32", modes[mi].name);
        for (int i = 0; i < 16; i++) {
            fpscr_set(modes[mi].fpscr);
            u64 r = cvt_f64_f32(fpx_e32[i]);
            u32 f = group_note(fpscr_get());
            ln_ch(' '); ln_h64(r); ln_flags(f);
        }
        ln_end();
        head("vcvt.f32.f64", modes[mi].name);
        for (int i = 0; i < 16; i++) {
            fpscr_set(modes[mi].fpscr);
            u32 r = cvt_f32_f64(fpx_e64[i]);
            u32 f = group_note(fpscr_get());
            ln_ch(' '); ln_h32(r); ln_flags(f);
        }
        ln_end();
        /* double values near the single range: overflow, denormal and underflow boundaries */
        static const u64 near[12] = {
            0x47EFFFFFE0000000ull, 0x47EFFFFFF0000000ull, 0x47EFFFFFEFFFFFFFull, 0xC7F0000000000000ull,
            0x3810000000000000ull, 0x380FFFFFF0000000ull, 0x380FFFFFE0000000ull, 0x36A0000000000000ull,
            0x3690000000000000ull, 0x3690000000000001ull, 0xB680000000000000ull, 0x3FF0000010000000ull,
        };
        head("vcvt.f32.f64 near", modes[mi].name);
        for (int i = 0; i < 12; i++) {
            fpscr_set(modes[mi].fpscr);
            u32 r = cvt_f32_f64(near[i]);
            u32 f = group_note(fpscr_get());
            ln_ch(' '); ln_h32(r); ln_flags(f);
        }
        ln_end();
    }
    group_end("float <-> double");
}

static void half(void)
{
    group_begin("half precision");
    static const fpx_mode hmodes[6] = {
        { FPSCR_RN, "RN" }, { FPSCR_RP, "RP" }, { FPSCR_RM, "RM" }, { FPSCR_RZ, "RZ" },
        { FPSCR_RN | FPSCR_FZ | FPSCR_DN, "FZDN" }, { FPSCR_RN | FPSCR_AHP, "AHP" },
    };
    for (int mi = 0; mi < 6; mi++) {
        const fpx_mode *m = &hmodes[mi];
        head("vcvtb.f16.f32", m->name);
        for (int i = 0; i < 16; i++) {
            fpscr_set(m->fpscr);
            u32 r = cvtb_f16_f32(0xA5A5A5A5u, h32in[i]);
            u32 f = group_note(fpscr_get());
            ln_ch(' '); ln_h32(r); ln_flags(f);
        }
        ln_end();
        head("vcvtt.f16.f32", m->name);
        for (int i = 0; i < 16; i++) {
            fpscr_set(m->fpscr);
            u32 r = cvtt_f16_f32(0x5A5A5A5Au, fpx_e32[i]);
            u32 f = group_note(fpscr_get());
            ln_ch(' '); ln_h32(r); ln_flags(f);
        }
        ln_end();
        head("vcvtb.f16.f64", m->name);
        for (int i = 0; i < 16; i++) {
            fpscr_set(m->fpscr);
            u32 r = cvtb_f16_f64(0x12345678u, fpx_e64[i]);
            u32 f = group_note(fpscr_get());
            ln_ch(' '); ln_h32(r); ln_flags(f);
        }
        ln_end();
        head("vcvtt.f16.f64", m->name);
        for (int i = 0; i < 16; i++) {
            fpscr_set(m->fpscr);
            u32 r = cvtt_f16_f64(0x12345678u, cv64[i + 8]);
            u32 f = group_note(fpscr_get());
            ln_ch(' '); ln_h32(r); ln_flags(f);
        }
        ln_end();
        head("vcvtb.f32.f16", m->name);
        for (int i = 0; i < N(h16in); i++) {
            fpscr_set(m->fpscr);
            u32 r = cvtb_f32_f16(0xFFFF0000u | h16in[i]);
            u32 f = group_note(fpscr_get());
            ln_ch(' '); ln_h32(r); ln_flags(f);
        }
        ln_end();
        head("vcvtt.f32.f16", m->name);
        for (int i = 0; i < N(h16in); i++) {
            fpscr_set(m->fpscr);
            u32 r = cvtt_f32_f16((h16in[i] << 16) | 0x7C01u);
            u32 f = group_note(fpscr_get());
            ln_ch(' '); ln_h32(r); ln_flags(f);
        }
        ln_end();
        head("vcvtb.f64.f16", m->name);
        for (int i = 0; i < N(h16in); i++) {
            fpscr_set(m->fpscr);
            u64 r = cvtb_f64_f16(h16in[i]);
            u32 f = group_note(fpscr_get());
            ln_ch(' '); ln_h64(r); ln_flags(f);
        }
        ln_end();
        head("vcvtt.f64.f16", m->name);
        for (int i = 0; i < N(h16in); i++) {
            fpscr_set(m->fpscr);
            u64 r = cvtt_f64_f16(h16in[i] << 16);
            u32 f = group_note(fpscr_get());
            ln_ch(' '); ln_h64(r); ln_flags(f);
        }
        ln_end();
    }
    group_end("half precision");

    /* The same through the C type: gcc emits VCVTB (or a libgcc call for
     * double) -- whatever it emits must behave the same on both. */
    group_begin("__fp16");
    static volatile float vf[8] = { 1.0f / 3.0f, 65504.0f, 65520.0f, -0.0f, 5.9604645e-08f, 1e-10f, 3.14159265f, -100000.0f };
    static volatile double vd[4] = { 1.0 / 3.0, 65519.99, 2.98023223876953125e-08, -6.1e-5 };
    fpscr_set(FPSCR_RN);
    for (int i = 0; i < 8; i++) {
        __fp16 h = (__fp16)vf[i];
        uint16_t hb; memcpy(&hb, &h, 2);
        float back = h;
        printf("__fp16 %08lx -> %04x -> %08lx\n", (unsigned long)u_of(vf[i]), hb, (unsigned long)u_of(back));
    }
    for (int i = 0; i < 4; i++) {
        __fp16 h = (__fp16)vd[i];
        uint16_t hb; memcpy(&hb, &h, 2);
        double back = h;
        ln_reset(); ln_str("__fp16 d "); ln_h64(ud_of(vd[i])); ln_str(" -> "); ln_hex(hb, 4);
        ln_str(" -> "); ln_h64(ud_of(back)); ln_end();
    }
    group_note(fpscr_get());
    group_end("__fp16");
}

static void fixed_point(void)
{
    group_begin("fixed point");
    for (int k = 0; k < N(fixes); k++) {
        const fix_case *fc = &fixes[k];
        char nm[32];
        /* float -> fixed: always round toward zero */
        for (int mi = 0; mi < 6; mi += 4) {
            snprintf(nm, sizeof nm, "%s.f32 #%d", fc->name, fc->fbits);
            head(nm, modes[mi].name);
            for (int i = 0; i < N(cv32); i++) {
                fpscr_set(modes[mi].fpscr);
                u32 r = fc->to32(cv32[i]);
                u32 f = group_note(fpscr_get());
                ln_ch(' '); ln_h32(r); ln_flags(f);
            }
            ln_end();
            snprintf(nm, sizeof nm, "%s.f64 #%d", fc->name, fc->fbits);
            head(nm, modes[mi].name);
            for (int i = 0; i < N(cv64); i++) {
                fpscr_set(modes[mi].fpscr);
                u64 r = fc->to64(cv64[i]);
                u32 f = group_note(fpscr_get());
                ln_ch(' '); ln_h64(r); ln_flags(f);
            }
            ln_end();
        }
        /* fixed -> float: round to nearest whatever FPSCR.RMode says */
        for (int mi = 0; mi < 4; mi++) {
            snprintf(nm, sizeof nm, "vcvt.f32.%s #%d", fc->name + 5, fc->fbits);
            head(nm, modes[mi].name);
            for (int i = 0; i < N(ints); i++) {
                fpscr_set(modes[mi].fpscr);
                u32 r = fc->from32(ints[i]);
                u32 f = group_note(fpscr_get());
                ln_ch(' '); ln_h32(r); ln_flags(f);
            }
            ln_end();
            snprintf(nm, sizeof nm, "vcvt.f64.%s #%d", fc->name + 5, fc->fbits);
            head(nm, modes[mi].name);
            for (int i = 0; i < N(ints); i++) {
                fpscr_set(modes[mi].fpscr);
                u64 r = fc->from64(0xDEAD000000000000ull | ints[i]);
                u32 f = group_note(fpscr_get());
                ln_ch(' '); ln_h64(r); ln_flags(f);
            }
            ln_end();
        }
    }
    group_end("fixed point");
}

static void round_integral(void)
{
    group_begin("round to integral");
    for (int k = 0; k < N(rints); k++)
        for (int mi = 0; mi < 6; mi++) {
            char nm[24];
            snprintf(nm, sizeof nm, "%s.f32", rints[k].name);
            head(nm, modes[mi].name);
            for (int i = 0; i < N(cv32); i++) {
                fpscr_set(modes[mi].fpscr);
                u32 r = rints[k].f32(cv32[i]);
                u32 f = group_note(fpscr_get());
                ln_ch(' '); ln_h32(r); ln_flags(f);
            }
            ln_end();
            snprintf(nm, sizeof nm, "%s.f64", rints[k].name);
            head(nm, modes[mi].name);
            for (int i = 0; i < N(cv64); i++) {
                fpscr_set(modes[mi].fpscr);
                u64 r = rints[k].f64(cv64[i]);
                u32 f = group_note(fpscr_get());
                ln_ch(' '); ln_h64(r); ln_flags(f);
            }
            ln_end();
        }
    group_end("round to integral");
}

int main(void)
{
    float_to_int();
    int_to_float();
    float_double();
    half();
    fixed_point();
    round_integral();
    fpscr_set(0);
    printf("fp_conv done\n");
    return 0;
}
