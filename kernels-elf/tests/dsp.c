/*
 * kernels-elf/tests/dsp.c -- DSP extension: SIMD add/subtract (GE flags,
 * SEL), halving and saturating forms, dual 16-bit multiplies, halfword
 * multiplies, most-significant-word multiplies, saturation (Q flag),
 * extends with add, PKH packing, USAD8.  ACLE intrinsics where GCC 12 has
 * them, inline assembly for the rest.  Q and GE are read back with MRS.
 */
#include <arm_acle.h>
#include "tcommon.h"

static uint32_t apsr(void)
{
    uint32_t v;
    __asm volatile("mrs %0, apsr" : "=r"(v));
    return v;
}
static void clear_q_ge(void)
{
    __asm volatile("msr APSR_nzcvqg, %0" : : "r"(0u) : "cc");
}
/* Q (bit 27) and GE (bits 19:16) only: N/Z/C/V depend on compiler code. */
static uint32_t q_ge(void) { return apsr() & 0x080F0000u; }

#define N_OPS (T_NEDGES + 18)
static uint32_t opa[N_OPS], opb[N_OPS], opc[N_OPS];

typedef uint32_t (*f3_t)(uint32_t a, uint32_t b, uint32_t c);

/* ---- SIMD add/subtract with GE, then SEL reading GE ---- */
#define SIMD_GE(name, intr)                                              \
    static uint32_t name(uint32_t a, uint32_t b, uint32_t c)             \
    {                                                                    \
        (void)c;                                                         \
        uint32_t r = (uint32_t)intr(a, b);                               \
        return r ^ (__sel(a, b) * 3u);                                   \
    }
SIMD_GE(f_sadd8, __sadd8)
SIMD_GE(f_ssub8, __ssub8)
SIMD_GE(f_uadd8, __uadd8)
SIMD_GE(f_usub8, __usub8)
SIMD_GE(f_sadd16, __sadd16)
SIMD_GE(f_ssub16, __ssub16)
SIMD_GE(f_sasx, __sasx)
SIMD_GE(f_ssax, __ssax)
SIMD_GE(f_uadd16, __uadd16)
SIMD_GE(f_usub16, __usub16)
SIMD_GE(f_uasx, __uasx)
SIMD_GE(f_usax, __usax)

/* ---- the same, GE read back directly (inline asm keeps the order) ---- */
#define ASM_GE(name, insn)                                               \
    static uint32_t name(uint32_t a, uint32_t b, uint32_t c)             \
    {                                                                    \
        uint32_t r, p, s;                                                \
        __asm volatile(insn " %0, %3, %4\n\tmrs %1, apsr\n\tsel %2, %4, %5" \
                       : "=&r"(r), "=&r"(p), "=&r"(s) : "r"(a), "r"(b), "r"(c)); \
        return r ^ (p & 0x000F0000u) ^ (s << 1);                         \
    }
ASM_GE(g_sadd8, "sadd8")
ASM_GE(g_ssub8, "ssub8")
ASM_GE(g_uadd8, "uadd8")
ASM_GE(g_usub8, "usub8")
ASM_GE(g_sadd16, "sadd16")
ASM_GE(g_ssub16, "ssub16")
ASM_GE(g_sasx, "sasx")
ASM_GE(g_ssax, "ssax")
ASM_GE(g_uadd16, "uadd16")
ASM_GE(g_usub16, "usub16")
ASM_GE(g_uasx, "uasx")
ASM_GE(g_usax, "usax")

/* ---- halving and saturating SIMD (no GE) ---- */
#define SIMD2(name, intr) \
    static uint32_t name(uint32_t a, uint32_t b, uint32_t c) { (void)c; return (uint32_t)intr(a, b); }
SIMD2(f_qadd8, __qadd8)
SIMD2(f_qsub8, __qsub8)
SIMD2(f_shadd8, __shadd8)
SIMD2(f_shsub8, __shsub8)
SIMD2(f_uhadd8, __uhadd8)
SIMD2(f_uhsub8, __uhsub8)
SIMD2(f_uqadd8, __uqadd8)
SIMD2(f_uqsub8, __uqsub8)
SIMD2(f_qadd16, __qadd16)
SIMD2(f_qasx, __qasx)
SIMD2(f_qsax, __qsax)
SIMD2(f_qsub16, __qsub16)
SIMD2(f_shadd16, __shadd16)
SIMD2(f_shasx, __shasx)
SIMD2(f_shsax, __shsax)
SIMD2(f_shsub16, __shsub16)
SIMD2(f_uhadd16, __uhadd16)
SIMD2(f_uhasx, __uhasx)
SIMD2(f_uhsax, __uhsax)
SIMD2(f_uhsub16, __uhsub16)
SIMD2(f_uqadd16, __uqadd16)
SIMD2(f_uqasx, __uqasx)
SIMD2(f_uqsax, __uqsax)
SIMD2(f_uqsub16, __uqsub16)
SIMD2(f_usad8, __usad8)
SIMD2(f_sxtab16, __sxtab16)
SIMD2(f_uxtab16, __uxtab16)

static uint32_t f_sxtb16(uint32_t a, uint32_t b, uint32_t c) { (void)b; (void)c; return (uint32_t)__sxtb16(a); }
static uint32_t f_uxtb16(uint32_t a, uint32_t b, uint32_t c) { (void)b; (void)c; return __uxtb16(a); }
static uint32_t f_usada8(uint32_t a, uint32_t b, uint32_t c) { return __usada8(a, b, c); }

/* ---- dual multiplies; Q is set when the accumulation overflows ---- */
#define DUALQ(name, intr)                                                \
    static uint32_t name(uint32_t a, uint32_t b, uint32_t c)             \
    {                                                                    \
        clear_q_ge();                                                    \
        uint32_t r = (uint32_t)intr((int32_t)a, (int32_t)b, (int32_t)c); \
        return r ^ q_ge();                                               \
    }
DUALQ(f_smlad, __smlad)
DUALQ(f_smladx, __smladx)
DUALQ(f_smlsd, __smlsd)
DUALQ(f_smlsdx, __smlsdx)
DUALQ(f_smlabb, __smlabb)
DUALQ(f_smlabt, __smlabt)
DUALQ(f_smlatb, __smlatb)
DUALQ(f_smlatt, __smlatt)
DUALQ(f_smlawb, __smlawb)
DUALQ(f_smlawt, __smlawt)

static uint32_t f_smuad(uint32_t a, uint32_t b, uint32_t c)
{
    (void)c;
    clear_q_ge();
    uint32_t r = (uint32_t)__smuad((int32_t)a, (int32_t)b); /* 0x8000*0x8000*2 overflows -> Q */
    return r ^ q_ge();
}
static uint32_t f_smuadx(uint32_t a, uint32_t b, uint32_t c)
{
    (void)c;
    clear_q_ge();
    uint32_t r = (uint32_t)__smuadx((int32_t)a, (int32_t)b);
    return r ^ q_ge();
}
static uint32_t f_smusd(uint32_t a, uint32_t b, uint32_t c) { (void)c; return (uint32_t)__smusd((int32_t)a, (int32_t)b); }
static uint32_t f_smusdx(uint32_t a, uint32_t b, uint32_t c) { (void)c; return (uint32_t)__smusdx((int32_t)a, (int32_t)b); }

static uint32_t f_smlald(uint32_t a, uint32_t b, uint32_t c)
{
    int64_t acc = ((int64_t)(int32_t)c << 17) ^ (int64_t)a;
    int64_t r = __smlald((int32_t)a, (int32_t)b, acc);
    r ^= __smlaldx((int32_t)b, (int32_t)c, acc);
    r += __smlsld((int32_t)c, (int32_t)a, acc);
    r -= __smlsldx((int32_t)a, (int32_t)c, acc);
    return (uint32_t)r ^ (uint32_t)(r >> 32);
}

/* ---- saturating arithmetic: QADD/QSUB/QDADD/QDSUB, SSAT/USAT ---- */
#define QOP(name, insn)                                                   \
    static uint32_t name(uint32_t a, uint32_t b, uint32_t c)              \
    {                                                                     \
        (void)c;                                                          \
        uint32_t r, p;                                                    \
        __asm volatile("msr APSR_nzcvq, %3\n\t" insn " %0, %2, %3\n\tmrs %1, apsr" \
                       : "=&r"(r), "=&r"(p) : "r"(a), "r"(b) : "cc");     \
        return r ^ (p & 0x08000000u);                                     \
    }
/* note: the msr writes b into the flags first, so Q may already be set
 * (bit 27 of b): the result checks that Q is sticky. */
QOP(q_qadd, "qadd")
QOP(q_qsub, "qsub")
QOP(q_qdadd, "qdadd")
QOP(q_qdsub, "qdsub")

static uint32_t f_qadd_intr(uint32_t a, uint32_t b, uint32_t c)
{
    (void)c;
    return (uint32_t)(__qadd((int32_t)a, (int32_t)b) ^ __qsub((int32_t)b, (int32_t)a) ^ (__qdbl((int32_t)a) << 1));
}

static uint32_t f_sat(uint32_t a, uint32_t b, uint32_t c)
{
    (void)b; (void)c;
    clear_q_ge();
    uint32_t h = 0;
    h = h * 31u + (uint32_t)__ssat((int32_t)a, 1);
    h = h * 31u + (uint32_t)__ssat((int32_t)a, 8);
    h = h * 31u + (uint32_t)__ssat((int32_t)a, 16);
    h = h * 31u + (uint32_t)__ssat((int32_t)a, 31);
    h = h * 31u + (uint32_t)__ssat((int32_t)a, 32);
    h = h * 31u + __usat((int32_t)a, 0);
    h = h * 31u + __usat((int32_t)a, 7);
    h = h * 31u + __usat((int32_t)a, 15);
    h = h * 31u + __usat((int32_t)a, 31);
    h = h * 31u + (uint32_t)__ssat16((int32_t)a, 1);
    h = h * 31u + (uint32_t)__ssat16((int32_t)a, 9);
    h = h * 31u + (uint32_t)__ssat16((int32_t)a, 16);
    h = h * 31u + (uint32_t)__usat16((int32_t)a, 0);
    h = h * 31u + (uint32_t)__usat16((int32_t)a, 8);
    h = h * 31u + (uint32_t)__usat16((int32_t)a, 15);
    return h ^ q_ge();
}

static uint32_t f_sat_shift(uint32_t a, uint32_t b, uint32_t c)
{
    (void)b; (void)c;
    uint32_t r1, r2, r3, r4, p;
    __asm volatile(
        "msr APSR_nzcvq, %5\n\t"
        "ssat %0, #12, %6, lsl #7\n\t"
        "ssat %1, #24, %6, asr #3\n\t"
        "usat %2, #10, %6, asr #31\n\t"
        "usat %3, #16, %6, lsl #1\n\t"
        "mrs %4, apsr"
        : "=&r"(r1), "=&r"(r2), "=&r"(r3), "=&r"(r4), "=&r"(p) : "r"(0u), "r"(a) : "cc");
    return r1 ^ (r2 << 1) ^ (r3 << 2) ^ (r4 << 3) ^ (p & 0x08000000u);
}

/* ---- halfword multiplies without ACLE intrinsics in GCC 12 ---- */
#define ASM3(name, insn)                                                  \
    static uint32_t name(uint32_t a, uint32_t b, uint32_t c)              \
    {                                                                     \
        (void)c;                                                          \
        uint32_t r;                                                       \
        __asm(insn " %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));             \
        return r;                                                         \
    }
#define ASM4(name, insn)                                                  \
    static uint32_t name(uint32_t a, uint32_t b, uint32_t c)              \
    {                                                                     \
        uint32_t r;                                                       \
        __asm(insn " %0, %1, %2, %3" : "=r"(r) : "r"(a), "r"(b), "r"(c)); \
        return r;                                                         \
    }
ASM3(a_smulbb, "smulbb")
ASM3(a_smulbt, "smulbt")
ASM3(a_smultb, "smultb")
ASM3(a_smultt, "smultt")
ASM3(a_smulwb, "smulwb")
ASM3(a_smulwt, "smulwt")
ASM3(a_smmul, "smmul")
ASM3(a_smmulr, "smmulr")
ASM4(a_smmla, "smmla")
ASM4(a_smmlar, "smmlar")
ASM4(a_smmls, "smmls")
ASM4(a_smmlsr, "smmlsr")
ASM3(a_sxtab, "sxtab")
ASM3(a_sxtah, "sxtah")
ASM3(a_uxtab, "uxtab")
ASM3(a_uxtah, "uxtah")
ASM3(a_pkhbt, "pkhbt")
ASM3(a_pkhtb, "pkhtb")

static uint32_t a_ext_rot(uint32_t a, uint32_t b, uint32_t c)
{
    uint32_t r1, r2, r3, r4, r5, r6;
    __asm("sxtab %0, %1, %2, ror #8" : "=r"(r1) : "r"(a), "r"(b));
    __asm("uxtah %0, %1, %2, ror #16" : "=r"(r2) : "r"(a), "r"(c));
    __asm("sxtab16 %0, %1, %2, ror #24" : "=r"(r3) : "r"(b), "r"(c));
    __asm("uxtb16 %0, %1, ror #8" : "=r"(r4) : "r"(a));
    __asm("pkhbt %0, %1, %2, lsl #11" : "=r"(r5) : "r"(a), "r"(b));
    __asm("pkhtb %0, %1, %2, asr #7" : "=r"(r6) : "r"(b), "r"(c));
    return r1 ^ (r2 * 3u) ^ (r3 * 5u) ^ (r4 * 7u) ^ (r5 * 11u) ^ (r6 * 13u);
}

/* PKH-style packing from C (the compiler picks PKHBT/PKHTB) */
static uint32_t c_pack(uint32_t a, uint32_t b, uint32_t c)
{
    (void)c;
    uint32_t bt = (a & 0xFFFFu) | (b << 16);
    uint32_t tb = (a & 0xFFFF0000u) | (b >> 16);
    uint32_t tb2 = (a & 0xFFFF0000u) | (uint16_t)((int32_t)b >> 20);
    return bt ^ (tb << 3) ^ (tb2 * 7u);
}

/* ---- long halfword multiplies and 64-bit accumulates ---- */
static uint32_t a_smlal_xy(uint32_t a, uint32_t b, uint32_t c)
{
    uint32_t lo = c, hi = a ^ b;
    __asm("smlalbb %0, %1, %2, %3" : "+r"(lo), "+r"(hi) : "r"(a), "r"(b));
    __asm("smlalbt %0, %1, %2, %3" : "+r"(lo), "+r"(hi) : "r"(a), "r"(c));
    __asm("smlaltb %0, %1, %2, %3" : "+r"(lo), "+r"(hi) : "r"(b), "r"(c));
    __asm("smlaltt %0, %1, %2, %3" : "+r"(lo), "+r"(hi) : "r"(c), "r"(a));
    return lo ^ (hi * 3u);
}
static uint32_t a_umaal(uint32_t a, uint32_t b, uint32_t c)
{
    uint32_t lo = c, hi = ~c;
    __asm("umaal %0, %1, %2, %3" : "+r"(lo), "+r"(hi) : "r"(a), "r"(b));
    return lo ^ (hi * 3u);
}
static uint32_t c_long_mul(uint32_t a, uint32_t b, uint32_t c)
{
    int64_t s = (int64_t)(int32_t)a * (int32_t)b + (int64_t)(int32_t)c;      /* SMLAL */
    uint64_t u = (uint64_t)a * b + c;                                          /* UMLAL */
    int64_t s2 = (int64_t)(int32_t)a * (int32_t)c;                             /* SMULL */
    uint64_t u2 = (uint64_t)b * c;                                             /* UMULL */
    uint64_t all = (uint64_t)s ^ u ^ ((uint64_t)s2 << 1) ^ (u2 << 2);
    return (uint32_t)all ^ (uint32_t)(all >> 32);
}

struct op { const char *name; f3_t fn; };
static const struct op ops[] = {
    {"sadd8+sel", f_sadd8}, {"ssub8+sel", f_ssub8}, {"uadd8+sel", f_uadd8},
    {"usub8+sel", f_usub8}, {"sadd16+sel", f_sadd16}, {"ssub16+sel", f_ssub16},
    {"sasx+sel", f_sasx}, {"ssax+sel", f_ssax}, {"uadd16+sel", f_uadd16},
    {"usub16+sel", f_usub16}, {"uasx+sel", f_uasx}, {"usax+sel", f_usax},
    {"sadd8 ge", g_sadd8}, {"ssub8 ge", g_ssub8}, {"uadd8 ge", g_uadd8},
    {"usub8 ge", g_usub8}, {"sadd16 ge", g_sadd16}, {"ssub16 ge", g_ssub16},
    {"sasx ge", g_sasx}, {"ssax ge", g_ssax}, {"uadd16 ge", g_uadd16},
    {"usub16 ge", g_usub16}, {"uasx ge", g_uasx}, {"usax ge", g_usax},
    {"qadd8", f_qadd8}, {"qsub8", f_qsub8}, {"shadd8", f_shadd8},
    {"shsub8", f_shsub8}, {"uhadd8", f_uhadd8}, {"uhsub8", f_uhsub8},
    {"uqadd8", f_uqadd8}, {"uqsub8", f_uqsub8}, {"qadd16", f_qadd16},
    {"qasx", f_qasx}, {"qsax", f_qsax}, {"qsub16", f_qsub16},
    {"shadd16", f_shadd16}, {"shasx", f_shasx}, {"shsax", f_shsax},
    {"shsub16", f_shsub16}, {"uhadd16", f_uhadd16}, {"uhasx", f_uhasx},
    {"uhsax", f_uhsax}, {"uhsub16", f_uhsub16}, {"uqadd16", f_uqadd16},
    {"uqasx", f_uqasx}, {"uqsax", f_uqsax}, {"uqsub16", f_uqsub16},
    {"usad8", f_usad8}, {"usada8", f_usada8}, {"sxtab16", f_sxtab16},
    {"uxtab16", f_uxtab16}, {"sxtb16", f_sxtb16}, {"uxtb16", f_uxtb16},
    {"smlad", f_smlad}, {"smladx", f_smladx}, {"smlsd", f_smlsd},
    {"smlsdx", f_smlsdx}, {"smlabb", f_smlabb}, {"smlabt", f_smlabt},
    {"smlatb", f_smlatb}, {"smlatt", f_smlatt}, {"smlawb", f_smlawb},
    {"smlawt", f_smlawt}, {"smuad", f_smuad}, {"smuadx", f_smuadx},
    {"smusd", f_smusd}, {"smusdx", f_smusdx}, {"smlald family", f_smlald},
    {"qadd", q_qadd}, {"qsub", q_qsub}, {"qdadd", q_qdadd}, {"qdsub", q_qdsub},
    {"qadd intrinsics", f_qadd_intr}, {"ssat/usat", f_sat},
    {"ssat/usat shifted", f_sat_shift}, {"smulbb", a_smulbb},
    {"smulbt", a_smulbt}, {"smultb", a_smultb}, {"smultt", a_smultt},
    {"smulwb", a_smulwb}, {"smulwt", a_smulwt}, {"smmul", a_smmul},
    {"smmulr", a_smmulr}, {"smmla", a_smmla}, {"smmlar", a_smmlar},
    {"smmls", a_smmls}, {"smmlsr", a_smmlsr}, {"sxtab", a_sxtab},
    {"sxtah", a_sxtah}, {"uxtab", a_uxtab}, {"uxtah", a_uxtah},
    {"pkhbt", a_pkhbt}, {"pkhtb", a_pkhtb}, {"extend rotations", a_ext_rot},
    {"c packing", c_pack}, {"smlalxy", a_smlal_xy}, {"umaal", a_umaal},
    {"long multiplies", c_long_mul},
};

int main(void)
{
    t_init_edges();
    for (int i = 0; i < N_OPS; i++) {
        opa[i] = i < T_NEDGES ? t_edges[i] : t_rand();
        opb[i] = i < T_NEDGES ? t_edges[(i * 5 + 3) % T_NEDGES] : t_rand();
        opc[i] = i < T_NEDGES ? t_edges[(i * 7 + 1) % T_NEDGES] : t_rand();
    }

    /* a few in full */
    /* (printf itself runs SIMD code in newlib's string functions, so GE and
     * Q are captured before any call) */
    clear_q_ge();
    uint32_t s8 = (uint32_t)__sadd8(T_OPAQUE(0x7f80ff01), 0x01800101);
    uint32_t ge = (apsr() >> 16) & 0xFu;
    uint32_t sel = __sel(0x11223344u, T_OPAQUE(0xAABBCCDDu));
    printf("sadd8(0x7f80ff01, 0x01800101) = %08lx GE = %lx sel = %08lx\n",
           (unsigned long)s8, (unsigned long)ge, (unsigned long)sel);
    clear_q_ge();
    uint32_t ml = (uint32_t)__smlad(T_OPAQUE((int32_t)0x80008000), (int32_t)0x80008000, 0);
    uint32_t q = (apsr() >> 27) & 1u;
    printf("smlad(0x80008000, 0x80008000, 0) = %08lx Q=%lu\n", (unsigned long)ml, (unsigned long)q);
    printf("ssat(-100000, 16) = %ld\n", (long)__ssat(T_OPAQUE(-100000), 16));

    for (unsigned k = 0; k < sizeof ops / sizeof ops[0]; k++) {
        for (int i = 0; i < N_OPS; i++)
            for (int j = 0; j < N_OPS; j += 2)
                t_mix(ops[k].fn(opa[i], opb[j], opc[(i + j) % N_OPS]));
        t_section(ops[k].name);
    }
    return 0;
}
