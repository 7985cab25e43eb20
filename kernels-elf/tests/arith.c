/*
 * kernels-elf/tests/arith.c -- integer arithmetic, compares and flags.
 * Every operation runs over all pairs of edge values plus random operands;
 * one hash line per operation names the operation that differs.  A few
 * results are printed in full so a mismatch is readable.
 */
#include <limits.h>
#include <stdbool.h>
#include "tcommon.h"

#define NRAND 10

static uint32_t operand(int i)
{
    return i < T_NEDGES ? t_edges[i] : t_rand();
}

typedef uint32_t (*binop_t)(uint32_t a, uint32_t b);

static uint32_t op_add(uint32_t a, uint32_t b) { return a + b; }
static uint32_t op_sub(uint32_t a, uint32_t b) { return a - b; }
static uint32_t op_rsb(uint32_t a, uint32_t b) { return 1000u - a + b; }
static uint32_t op_mul(uint32_t a, uint32_t b) { return a * b; }
static uint32_t op_mla(uint32_t a, uint32_t b) { return a * b + (a ^ 0x5A5A5A5Au); }
static uint32_t op_mls(uint32_t a, uint32_t b) { return (b | 1u) - a * b; }
static uint32_t op_and(uint32_t a, uint32_t b) { return a & b; }
static uint32_t op_orr(uint32_t a, uint32_t b) { return a | b; }
static uint32_t op_eor(uint32_t a, uint32_t b) { return a ^ b; }
static uint32_t op_bic(uint32_t a, uint32_t b) { return a & ~b; }
static uint32_t op_orn(uint32_t a, uint32_t b) { return a | ~b; }
static uint32_t op_lsl(uint32_t a, uint32_t b) { return a << (b & 31u); }
static uint32_t op_lsr(uint32_t a, uint32_t b) { return a >> (b & 31u); }
static uint32_t op_asr(uint32_t a, uint32_t b) { return (uint32_t)((int32_t)a >> (b & 31u)); }
static uint32_t op_ror(uint32_t a, uint32_t b)
{
    uint32_t n = b & 31u;
    return n ? (a >> n) | (a << (32u - n)) : a;
}
static uint32_t op_add_sh(uint32_t a, uint32_t b) { return a + (b << 3); }
static uint32_t op_sub_asr(uint32_t a, uint32_t b) { return a - (uint32_t)((int32_t)b >> 7); }
static uint32_t op_lt_s(uint32_t a, uint32_t b) { return (int32_t)a < (int32_t)b; }
static uint32_t op_le_s(uint32_t a, uint32_t b) { return (int32_t)a <= (int32_t)b; }
static uint32_t op_gt_s(uint32_t a, uint32_t b) { return (int32_t)a > (int32_t)b; }
static uint32_t op_lt_u(uint32_t a, uint32_t b) { return a < b; }
static uint32_t op_ge_u(uint32_t a, uint32_t b) { return a >= b; }
static uint32_t op_eq(uint32_t a, uint32_t b) { return a == b; }
static uint32_t op_min_s(uint32_t a, uint32_t b) { return (int32_t)a < (int32_t)b ? a : b; }
static uint32_t op_max_u(uint32_t a, uint32_t b) { return a > b ? a : b; }
static uint32_t op_select(uint32_t a, uint32_t b)
{
    /* several conditions in a row: IT blocks at -O2 */
    uint32_t r = 0;
    if ((int32_t)a < 0) r |= 1; else r |= 2;
    if (a == b) r += 4;
    if (a > b) r ^= 8; else r -= 1;
    if ((a & 0xFFu) == (b & 0xFFu)) r += b;
    return r;
}
static uint32_t op_sext8(uint32_t a, uint32_t b) { return (uint32_t)((int32_t)(int8_t)a + (int32_t)(int8_t)b); }
static uint32_t op_sext16(uint32_t a, uint32_t b) { return (uint32_t)((int32_t)(int16_t)a * (int32_t)(int16_t)b); }
static uint32_t op_zext8(uint32_t a, uint32_t b) { return (uint32_t)(uint8_t)a + (uint32_t)(uint8_t)b; }
static uint32_t op_zext16(uint32_t a, uint32_t b) { return (uint32_t)(uint16_t)a + ((uint32_t)(uint16_t)b << 16); }
static uint32_t op_short_wrap(uint32_t a, uint32_t b) { int16_t s = (int16_t)((int16_t)a + (int16_t)b); return (uint32_t)(int32_t)s; }
static uint32_t op_abs(uint32_t a, uint32_t b) { int32_t s = (int32_t)a; return s == INT_MIN ? b : (uint32_t)(s < 0 ? -s : s); }
static uint32_t op_neg(uint32_t a, uint32_t b) { return 0u - a - (b & 1u); }

/* overflow detection: the compiler uses the V / C flags (ADDS + BVS etc.) */
static uint32_t op_sadd_ovf(uint32_t a, uint32_t b)
{
    int32_t r;
    bool o = __builtin_add_overflow((int32_t)a, (int32_t)b, &r);
    return ((uint32_t)r << 1) ^ (uint32_t)o;
}
static uint32_t op_ssub_ovf(uint32_t a, uint32_t b)
{
    int32_t r;
    bool o = __builtin_sub_overflow((int32_t)a, (int32_t)b, &r);
    return ((uint32_t)r << 1) ^ (uint32_t)o;
}
static uint32_t op_smul_ovf(uint32_t a, uint32_t b)
{
    int32_t r;
    bool o = __builtin_mul_overflow((int32_t)a, (int32_t)b, &r);
    return (uint32_t)r ^ ((uint32_t)o << 31);
}
static uint32_t op_uadd_ovf(uint32_t a, uint32_t b)
{
    uint32_t r;
    bool o = __builtin_add_overflow(a, b, &r);
    return (r << 1) ^ (uint32_t)o;
}
static uint32_t op_usub_ovf(uint32_t a, uint32_t b)
{
    uint32_t r;
    bool o = __builtin_sub_overflow(a, b, &r);
    return (r << 1) ^ (uint32_t)o;
}
static uint32_t op_umul_ovf(uint32_t a, uint32_t b)
{
    uint32_t r;
    bool o = __builtin_mul_overflow(a, b, &r);
    return r ^ (uint32_t)o;
}

/* raw flags after ADDS / SUBS / ADCS / SBCS, read back with MRS */
static uint32_t flags_of(uint32_t apsr) { return apsr >> 28; }

static uint32_t op_adds_flags(uint32_t a, uint32_t b)
{
    uint32_t r, psr;
    __asm volatile("adds %0, %2, %3\n\tmrs %1, apsr" : "=&r"(r), "=r"(psr) : "r"(a), "r"(b) : "cc");
    return r ^ flags_of(psr);
}
static uint32_t op_subs_flags(uint32_t a, uint32_t b)
{
    uint32_t r, psr;
    __asm volatile("subs %0, %2, %3\n\tmrs %1, apsr" : "=&r"(r), "=r"(psr) : "r"(a), "r"(b) : "cc");
    return r ^ flags_of(psr);
}
static uint32_t op_adcs_flags(uint32_t a, uint32_t b)
{
    uint32_t r, psr;
    /* carry in from a compare so both C=0 and C=1 occur */
    __asm volatile("cmp %3, %2\n\tadcs %0, %2, %3\n\tmrs %1, apsr" : "=&r"(r), "=r"(psr) : "r"(a), "r"(b) : "cc");
    return r ^ flags_of(psr);
}
static uint32_t op_sbcs_flags(uint32_t a, uint32_t b)
{
    uint32_t r, psr;
    __asm volatile("cmp %2, %3\n\tsbcs %0, %2, %3\n\tmrs %1, apsr" : "=&r"(r), "=r"(psr) : "r"(a), "r"(b) : "cc");
    return r ^ flags_of(psr);
}
static uint32_t op_cmn_flags(uint32_t a, uint32_t b)
{
    uint32_t psr;
    __asm volatile("cmn %1, %2\n\tmrs %0, apsr" : "=r"(psr) : "r"(a), "r"(b) : "cc");
    return flags_of(psr);
}
static uint32_t op_tst_flags(uint32_t a, uint32_t b)
{
    uint32_t psr;
    /* set C first, TST with a shifted operand updates C from the shifter */
    __asm volatile("cmp %1, %2\n\ttst %1, %2, lsl #1\n\tmrs %0, apsr" : "=r"(psr) : "r"(a), "r"(b) : "cc");
    return flags_of(psr);
}
static uint32_t op_teq_flags(uint32_t a, uint32_t b)
{
    uint32_t psr;
    __asm volatile("cmp %2, %1\n\tteq %1, %2, asr #31\n\tmrs %0, apsr" : "=r"(psr) : "r"(a), "r"(b) : "cc");
    return flags_of(psr);
}
static uint32_t op_lsls_reg_flags(uint32_t a, uint32_t b)
{
    uint32_t r, psr, n = b & 0x3Fu; /* amounts 0..63: >= 32 gives 0; 0 keeps C (set by the CMP) */
    __asm volatile("cmp %3, %2\n\tlsls %0, %2, %3\n\tmrs %1, apsr" : "=&r"(r), "=r"(psr) : "r"(a), "r"(n) : "cc");
    return r ^ flags_of(psr);
}
static uint32_t op_lsrs_reg_flags(uint32_t a, uint32_t b)
{
    uint32_t r, psr, n = b & 0x3Fu;
    __asm volatile("cmp %3, %2\n\tlsrs %0, %2, %3\n\tmrs %1, apsr" : "=&r"(r), "=r"(psr) : "r"(a), "r"(n) : "cc");
    return r ^ flags_of(psr);
}
static uint32_t op_asrs_reg_flags(uint32_t a, uint32_t b)
{
    uint32_t r, psr, n = b & 0x3Fu;
    __asm volatile("cmp %3, %2\n\tasrs %0, %2, %3\n\tmrs %1, apsr" : "=&r"(r), "=r"(psr) : "r"(a), "r"(n) : "cc");
    return r ^ flags_of(psr);
}
static uint32_t op_rors_reg_flags(uint32_t a, uint32_t b)
{
    uint32_t r, psr, n = b & 0x3Fu;
    __asm volatile("cmp %3, %2\n\trors %0, %2, %3\n\tmrs %1, apsr" : "=&r"(r), "=r"(psr) : "r"(a), "r"(n) : "cc");
    return r ^ flags_of(psr);
}
static uint32_t op_rrxs_flags(uint32_t a, uint32_t b)
{
    uint32_t r, psr;
    __asm volatile("cmp %3, %2\n\trrxs %0, %2\n\tmrs %1, apsr" : "=&r"(r), "=r"(psr) : "r"(a), "r"(b) : "cc");
    return r ^ flags_of(psr);
}

struct op { const char *name; binop_t fn; };
static const struct op ops[] = {
    {"add", op_add}, {"sub", op_sub}, {"rsb", op_rsb}, {"mul", op_mul},
    {"mla", op_mla}, {"mls", op_mls}, {"and", op_and}, {"orr", op_orr},
    {"eor", op_eor}, {"bic", op_bic}, {"orn", op_orn}, {"lsl", op_lsl},
    {"lsr", op_lsr}, {"asr", op_asr}, {"ror", op_ror}, {"add_lsl3", op_add_sh},
    {"sub_asr7", op_sub_asr}, {"lt_s", op_lt_s}, {"le_s", op_le_s},
    {"gt_s", op_gt_s}, {"lt_u", op_lt_u}, {"ge_u", op_ge_u}, {"eq", op_eq},
    {"min_s", op_min_s}, {"max_u", op_max_u}, {"select", op_select},
    {"sext8", op_sext8}, {"sext16", op_sext16}, {"zext8", op_zext8},
    {"zext16", op_zext16}, {"short_wrap", op_short_wrap}, {"abs", op_abs},
    {"neg", op_neg}, {"sadd_ovf", op_sadd_ovf}, {"ssub_ovf", op_ssub_ovf},
    {"smul_ovf", op_smul_ovf}, {"uadd_ovf", op_uadd_ovf},
    {"usub_ovf", op_usub_ovf}, {"umul_ovf", op_umul_ovf},
    {"adds_flags", op_adds_flags}, {"subs_flags", op_subs_flags},
    {"adcs_flags", op_adcs_flags}, {"sbcs_flags", op_sbcs_flags},
    {"cmn_flags", op_cmn_flags}, {"tst_flags", op_tst_flags},
    {"teq_flags", op_teq_flags}, {"lsls_reg_flags", op_lsls_reg_flags},
    {"lsrs_reg_flags", op_lsrs_reg_flags}, {"asrs_reg_flags", op_asrs_reg_flags},
    {"rors_reg_flags", op_rors_reg_flags}, {"rrxs_flags", op_rrxs_flags},
};

/* Modified-immediate forms (ThumbExpandImm patterns) with flag-setting logic
 * ops: the carry comes from the immediate's rotation. */
static uint32_t imm_forms(uint32_t a)
{
    uint32_t r = 0, psr;
    __asm volatile(
        "cmp %2, #0x80000000\n\t"
        "ands %0, %2, #0xFF000000\n\t"   /* rotated 8-bit: C = bit 31 of imm */
        "mrs %1, apsr\n\t"
        : "=&r"(r), "=r"(psr) : "r"(a) : "cc");
    uint32_t h = r ^ flags_of(psr);
    __asm volatile(
        "cmp %2, #1\n\t"
        "orrs %0, %2, #0x00AB00AB\n\t"   /* 00XY00XY: C unchanged */
        "mrs %1, apsr\n\t"
        : "=&r"(r), "=r"(psr) : "r"(a) : "cc");
    h = h * 31u + (r ^ flags_of(psr));
    __asm volatile(
        "cmp %2, #1\n\t"
        "eors %0, %2, #0xCDCDCDCD\n\t"   /* XYXYXYXY */
        "mrs %1, apsr\n\t"
        : "=&r"(r), "=r"(psr) : "r"(a) : "cc");
    h = h * 31u + (r ^ flags_of(psr));
    __asm volatile(
        "cmp %2, #1\n\t"
        "bics %0, %2, #0x3FC\n\t"        /* rotated, C = 0 */
        "mrs %1, apsr\n\t"
        : "=&r"(r), "=r"(psr) : "r"(a) : "cc");
    h = h * 31u + (r ^ flags_of(psr));
    __asm volatile(
        "cmp %2, #1\n\t"
        "tst %2, #0xEF00EF00\n\t"        /* XY00XY00 */
        "mrs %1, apsr\n\t"
        "movs %0, #0\n\t"
        : "=&r"(r), "=r"(psr) : "r"(a) : "cc");
    h = h * 31u + flags_of(psr);
    __asm volatile(
        "cmp %2, #1\n\t"
        "adds %0, %2, #0x7F800000\n\t"
        "sbcs %0, %0, #0x00010001\n\t"
        "mrs %1, apsr\n\t"
        : "=&r"(r), "=r"(psr) : "r"(a) : "cc");
    h = h * 31u + (r ^ flags_of(psr));
    __asm volatile(
        "addw %0, %2, #0xABC\n\t"
        "subw %0, %0, #0x123\n\t"
        "rsb %0, %0, #0x100\n\t"
        "movw %1, #0xBEEF\n\t"
        "movt %1, #0xDEAD\n\t"
        "add %0, %1\n\t"
        : "=&r"(r), "=&r"(psr) : "r"(a));
    h = h * 31u + r;
    return h;
}

int main(void)
{
    t_init_edges();
    const int n = T_NEDGES + NRAND;
    uint32_t rnd[NRAND];
    for (int i = 0; i < NRAND; i++)
        rnd[i] = t_rand();

    /* a handful of results in full */
    printf("7 + -9 = %d\n", (int)op_add((uint32_t)7, (uint32_t)-9));
    printf("0x7fffffff + 1 ovf: %08lx\n", (unsigned long)op_sadd_ovf(t_edges[12], t_edges[1]));
    printf("adds 0x80000000 + 0x80000000 -> %08lx\n", (unsigned long)op_adds_flags(t_edges[13], t_edges[13]));
    printf("subs 0 - 1 -> %08lx\n", (unsigned long)op_subs_flags(t_edges[0], t_edges[1]));

    for (unsigned k = 0; k < sizeof ops / sizeof ops[0]; k++) {
        for (int i = 0; i < n; i++) {
            uint32_t a = i < T_NEDGES ? t_edges[i] : rnd[i - T_NEDGES];
            for (int j = 0; j < n; j++) {
                uint32_t b = j < T_NEDGES ? t_edges[j] : rnd[(j * 7 + i) % NRAND];
                t_mix(ops[k].fn(a, b));
            }
        }
        t_section(ops[k].name);
    }
    for (int i = 0; i < n; i++)
        t_mix(imm_forms(operand(i)));
    t_section("modified_immediates");
    return 0;
}
