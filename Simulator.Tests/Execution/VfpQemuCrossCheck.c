/*
 * FP cross-check against QEMU (an independent implementation of the Arm FP pseudocode): every FPv5-D16
 * instruction form over 32 edge operands (zeros, denormals, smallest/largest normals, infinities, quiet
 * and signalling NaNs with payloads, ties, values at the int32/half limits) in pairs, with 4 accumulator
 * values, under 8 FPSCR configurations (RN/RP/RM/RZ, FZ, DN, AHP, FZ+DN+RZ), hashing each result and the
 * FPSCR read back (cumulative flags and NZCV). Prints one hash line per (instruction, configuration, first
 * operand): 25,344 lines.
 *
 * Not part of the automated suite (the ELF and QEMU's output would have to live in kernels-elf); to run:
 * copy into kernels-elf, add  $(eval $(call ELF_RULE,fpstress,mps2,<path>/VfpQemuCrossCheck.c,-O1))
 * to the Makefile, then
 *   qemu-system-arm -M mps2-an500 -nographic -semihosting -monitor none -serial none \
 *       -kernel build/fpstress.mps2.elf > qemu.txt
 *   m7sim run --board mps2-an500 build/fpstress.mps2.elf > m7sim.txt && cmp qemu.txt m7sim.txt
 * Result with QEMU 7.2.22 when SoftFloat was written: identical output (187M simulated instructions).
 */
#include <stdint.h>
#include <stdio.h>

static const uint32_t S[] = {
    0x00000000, 0x80000000, 0x3F800000, 0xBF800000, 0x00000001, 0x807FFFFF, 0x00800000, 0x00FFFFFF,
    0x7F7FFFFF, 0xFF7FFFFF, 0x7F800000, 0xFF800000, 0x7FC00001, 0xFFA00002, 0x7F800003, 0x3F800001,
    0x33800000, 0x477FF000, 0x40200000, 0xC0200000, 0x4F000000, 0xCF000001, 0x3EAAAAAB, 0x0000FFFF,
    0x7E800000, 0x01000000, 0x3F000000, 0xBF400000, 0x4B800001, 0x3F801000, 0x0080FFFF, 0x42F6E979,
};
#define NS (int)(sizeof S / sizeof S[0])
static const uint64_t D[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x3FF0000000000000ull, 0xBFF0000000000000ull,
    0x0000000000000001ull, 0x800FFFFFFFFFFFFFull, 0x0010000000000000ull, 0x001FFFFFFFFFFFFFull,
    0x7FEFFFFFFFFFFFFFull, 0xFFEFFFFFFFFFFFFFull, 0x7FF0000000000000ull, 0xFFF0000000000000ull,
    0x7FF8000000000001ull, 0xFFF4000000000002ull, 0x7FF0000000000003ull, 0x3FF0000000000001ull,
    0x3CA0000000000000ull, 0x40EFFE0000000000ull, 0x4004000000000000ull, 0xC004000000000000ull,
    0x41E0000000000000ull, 0xC1E0000000200000ull, 0x3FD5555555555555ull, 0x000000000000FFFFull,
    0x47EFFFFFE0000000ull, 0x36A0000000000000ull, 0x3FE0000000000000ull, 0xBFE8000000000000ull,
    0x3690000000000001ull, 0x3FEFFFFFFFFFFFFEull, 0x7FE0000000000000ull, 0x405EDD2F1A9FBE77ull,
};
#define ND (int)(sizeof D / sizeof D[0])
static const uint32_t CFG[] = { 0, 0x00400000, 0x00800000, 0x00C00000, 0x01000000, 0x02000000, 0x04000000, 0x03C00000 };
#define NC (int)(sizeof CFG / sizeof CFG[0])

static uint32_t h;
static void mix(uint32_t v) { h = (h ^ v) * 16777619u; }

#define BIN_S(name, insn) static void name(uint32_t a, uint32_t b, uint32_t c, uint32_t fi) { uint32_t r, fo; \
    __asm__ volatile("vmov s0, %[a]\n vmov s1, %[b]\n vmov s2, %[c]\n vmsr fpscr, %[fi]\n " insn "\n vmrs %[fo], fpscr\n vmov %[r], s2" \
    : [r]"=r"(r), [fo]"=r"(fo) : [a]"r"(a), [b]"r"(b), [c]"r"(c), [fi]"r"(fi) : "s0","s1","s2","memory"); mix(r); mix(fo); }
#define BIN_D(name, insn) static void name(uint64_t a, uint64_t b, uint64_t c, uint32_t fi) { uint32_t lo, hi, fo; \
    __asm__ volatile("vmov d0, %Q[a], %R[a]\n vmov d1, %Q[b], %R[b]\n vmov d2, %Q[c], %R[c]\n vmsr fpscr, %[fi]\n " insn "\n vmrs %[fo], fpscr\n vmov %[lo], %[hi], d2" \
    : [lo]"=r"(lo), [hi]"=r"(hi), [fo]"=r"(fo) : [a]"r"(a), [b]"r"(b), [c]"r"(c), [fi]"r"(fi) : "d0","d1","d2","memory"); mix(lo); mix(hi); mix(fo); }

BIN_S(s_add, "vadd.f32 s2, s0, s1") BIN_S(s_sub, "vsub.f32 s2, s0, s1") BIN_S(s_mul, "vmul.f32 s2, s0, s1")
BIN_S(s_nmul, "vnmul.f32 s2, s0, s1") BIN_S(s_div, "vdiv.f32 s2, s0, s1")
BIN_S(s_mla, "vmla.f32 s2, s0, s1") BIN_S(s_mls, "vmls.f32 s2, s0, s1") BIN_S(s_nmla, "vnmla.f32 s2, s0, s1") BIN_S(s_nmls, "vnmls.f32 s2, s0, s1")
BIN_S(s_fma, "vfma.f32 s2, s0, s1") BIN_S(s_fms, "vfms.f32 s2, s0, s1") BIN_S(s_fnma, "vfnma.f32 s2, s0, s1") BIN_S(s_fnms, "vfnms.f32 s2, s0, s1")
BIN_S(s_max, "vmaxnm.f32 s2, s0, s1") BIN_S(s_min, "vminnm.f32 s2, s0, s1")
BIN_S(s_cmp, "vcmp.f32 s0, s1") BIN_S(s_cmpe, "vcmpe.f32 s0, s1") BIN_S(s_cmpz, "vcmpe.f32 s0, #0")
BIN_S(s_sqrt, "vsqrt.f32 s2, s0") BIN_S(s_abs, "vabs.f32 s2, s0") BIN_S(s_neg, "vneg.f32 s2, s0")
BIN_S(s_tos, "vcvt.s32.f32 s2, s0") BIN_S(s_tou, "vcvt.u32.f32 s2, s0") BIN_S(s_tosr, "vcvtr.s32.f32 s2, s0") BIN_S(s_tour, "vcvtr.u32.f32 s2, s0")
BIN_S(s_froms, "vcvt.f32.s32 s2, s0") BIN_S(s_fromu, "vcvt.f32.u32 s2, s0")
BIN_S(s_tod, "vcvt.f64.f32 d1, s0\n vmov s2, s3") BIN_S(s_tod2, "vcvt.f64.f32 d1, s0")
BIN_S(s_toh, "vcvtb.f16.f32 s2, s0") BIN_S(s_toht, "vcvtt.f16.f32 s2, s0") BIN_S(s_fromh, "vcvtb.f32.f16 s2, s0") BIN_S(s_fromht, "vcvtt.f32.f16 s2, s0")
BIN_S(s_fx1, "vcvt.s16.f32 s0, s0, #1\n vmov s2, s0") BIN_S(s_fx2, "vcvt.u32.f32 s0, s0, #32\n vmov s2, s0")
BIN_S(s_fx3, "vcvt.f32.s16 s0, s0, #16\n vmov s2, s0") BIN_S(s_fx4, "vcvt.f32.u32 s0, s0, #32\n vmov s2, s0")
BIN_S(s_fx5, "vcvt.s32.f32 s0, s0, #7\n vmov s2, s0") BIN_S(s_fx6, "vcvt.f32.u16 s0, s0, #3\n vmov s2, s0")
BIN_S(s_ra, "vrinta.f32 s2, s0") BIN_S(s_rn, "vrintn.f32 s2, s0") BIN_S(s_rp, "vrintp.f32 s2, s0") BIN_S(s_rm, "vrintm.f32 s2, s0")
BIN_S(s_rx, "vrintx.f32 s2, s0") BIN_S(s_rz, "vrintz.f32 s2, s0") BIN_S(s_rr, "vrintr.f32 s2, s0")
BIN_S(s_ca, "vcvta.s32.f32 s2, s0") BIN_S(s_cn, "vcvtn.u32.f32 s2, s0") BIN_S(s_cp, "vcvtp.s32.f32 s2, s0") BIN_S(s_cm, "vcvtm.u32.f32 s2, s0")
BIN_S(s_cau, "vcvta.u32.f32 s2, s0") BIN_S(s_cms, "vcvtm.s32.f32 s2, s0")

BIN_D(d_add, "vadd.f64 d2, d0, d1") BIN_D(d_sub, "vsub.f64 d2, d0, d1") BIN_D(d_mul, "vmul.f64 d2, d0, d1")
BIN_D(d_nmul, "vnmul.f64 d2, d0, d1") BIN_D(d_div, "vdiv.f64 d2, d0, d1")
BIN_D(d_mla, "vmla.f64 d2, d0, d1") BIN_D(d_mls, "vmls.f64 d2, d0, d1") BIN_D(d_nmla, "vnmla.f64 d2, d0, d1") BIN_D(d_nmls, "vnmls.f64 d2, d0, d1")
BIN_D(d_fma, "vfma.f64 d2, d0, d1") BIN_D(d_fms, "vfms.f64 d2, d0, d1") BIN_D(d_fnma, "vfnma.f64 d2, d0, d1") BIN_D(d_fnms, "vfnms.f64 d2, d0, d1")
BIN_D(d_max, "vmaxnm.f64 d2, d0, d1") BIN_D(d_min, "vminnm.f64 d2, d0, d1")
BIN_D(d_cmp, "vcmp.f64 d0, d1") BIN_D(d_cmpe, "vcmpe.f64 d0, d1") BIN_D(d_cmpz, "vcmp.f64 d0, #0")
BIN_D(d_sqrt, "vsqrt.f64 d2, d0") BIN_D(d_abs, "vabs.f64 d2, d0") BIN_D(d_neg, "vneg.f64 d2, d0")
BIN_D(d_tos, "vcvt.s32.f64 s4, d0") BIN_D(d_tou, "vcvt.u32.f64 s4, d0") BIN_D(d_tosr, "vcvtr.s32.f64 s4, d0") BIN_D(d_tour, "vcvtr.u32.f64 s4, d0")
BIN_D(d_froms, "vcvt.f64.s32 d2, s0") BIN_D(d_fromu, "vcvt.f64.u32 d2, s1")
BIN_D(d_tof, "vcvt.f32.f64 s4, d0") BIN_D(d_toh, "vcvtb.f16.f64 s4, d0") BIN_D(d_toht, "vcvtt.f16.f64 s5, d0")
BIN_D(d_fromh, "vcvtb.f64.f16 d2, s0") BIN_D(d_fromht, "vcvtt.f64.f16 d2, s1")
BIN_D(d_fx1, "vcvt.s16.f64 d0, d0, #1\n vmov.f64 d2, d0") BIN_D(d_fx2, "vcvt.u32.f64 d0, d0, #32\n vmov.f64 d2, d0")
BIN_D(d_fx3, "vcvt.f64.s16 d0, d0, #16\n vmov.f64 d2, d0") BIN_D(d_fx4, "vcvt.f64.u32 d0, d0, #32\n vmov.f64 d2, d0")
BIN_D(d_ra, "vrinta.f64 d2, d0") BIN_D(d_rn, "vrintn.f64 d2, d0") BIN_D(d_rp, "vrintp.f64 d2, d0") BIN_D(d_rm, "vrintm.f64 d2, d0")
BIN_D(d_rx, "vrintx.f64 d2, d0") BIN_D(d_rz, "vrintz.f64 d2, d0") BIN_D(d_rr, "vrintr.f64 d2, d0")
BIN_D(d_ca, "vcvta.s32.f64 s4, d0") BIN_D(d_cn, "vcvtn.u32.f64 s4, d0") BIN_D(d_cp, "vcvtp.s32.f64 s4, d0") BIN_D(d_cm, "vcvtm.u32.f64 s4, d0")

typedef void (*fs_t)(uint32_t, uint32_t, uint32_t, uint32_t);
typedef void (*fd_t)(uint64_t, uint64_t, uint64_t, uint32_t);
#define E(f) { f, #f }
static const struct { fs_t f; const char *n; } FS[] = {
    E(s_add), E(s_sub), E(s_mul), E(s_nmul), E(s_div), E(s_mla), E(s_mls), E(s_nmla), E(s_nmls), E(s_fma), E(s_fms), E(s_fnma), E(s_fnms),
    E(s_max), E(s_min), E(s_cmp), E(s_cmpe), E(s_cmpz), E(s_sqrt), E(s_abs), E(s_neg), E(s_tos), E(s_tou), E(s_tosr), E(s_tour),
    E(s_froms), E(s_fromu), E(s_tod), E(s_tod2), E(s_toh), E(s_toht), E(s_fromh), E(s_fromht), E(s_fx1), E(s_fx2), E(s_fx3), E(s_fx4),
    E(s_fx5), E(s_fx6), E(s_ra), E(s_rn), E(s_rp), E(s_rm), E(s_rx), E(s_rz), E(s_rr), E(s_ca), E(s_cn), E(s_cp), E(s_cm), E(s_cau), E(s_cms),
};
static const struct { fd_t f; const char *n; } FD[] = {
    E(d_add), E(d_sub), E(d_mul), E(d_nmul), E(d_div), E(d_mla), E(d_mls), E(d_nmla), E(d_nmls), E(d_fma), E(d_fms), E(d_fnma), E(d_fnms),
    E(d_max), E(d_min), E(d_cmp), E(d_cmpe), E(d_cmpz), E(d_sqrt), E(d_abs), E(d_neg), E(d_tos), E(d_tou), E(d_tosr), E(d_tour),
    E(d_froms), E(d_fromu), E(d_tof), E(d_toh), E(d_toht), E(d_fromh), E(d_fromht), E(d_fx1), E(d_fx2), E(d_fx3), E(d_fx4),
    E(d_ra), E(d_rn), E(d_rp), E(d_rm), E(d_rx), E(d_rz), E(d_rr), E(d_ca), E(d_cn), E(d_cp), E(d_cm),
};

int main(void)
{
    static const uint32_t acc[4] = { 0x3F800000, 0x80000000, 0x7FC00005, 0xB3800000 };
    static const uint64_t accd[4] = { 0x3FF0000000000000ull, 0x8000000000000000ull, 0x7FF8000000000005ull, 0xB970000000000000ull };
    for (unsigned k = 0; k < sizeof FS / sizeof FS[0]; k++)
        for (int c = 0; c < NC; c++)
            for (int i = 0; i < NS; i++) {
                h = 2166136261u;
                for (int j = 0; j < NS; j++)
                    for (int q = 0; q < 4; q++) FS[k].f(S[i], S[j], acc[q], CFG[c]);
                printf("%s %d %d %08lx\n", FS[k].n, c, i, (unsigned long)h);
            }
    for (unsigned k = 0; k < sizeof FD / sizeof FD[0]; k++)
        for (int c = 0; c < NC; c++)
            for (int i = 0; i < ND; i++) {
                h = 2166136261u;
                for (int j = 0; j < ND; j++)
                    for (int q = 0; q < 4; q++) FD[k].f(D[i], D[j], accd[q], CFG[c]);
                printf("%s %d %d %08lx\n", FD[k].n, c, i, (unsigned long)h);
            }
    return 0;
}
