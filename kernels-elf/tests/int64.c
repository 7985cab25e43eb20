/*
 * kernels-elf/tests/int64.c -- 64-bit arithmetic: add/sub with carry
 * chains (ADDS/ADC, SUBS/SBC), multiplies (UMULL/SMULL/UMLAL/MLA combos),
 * libgcc division (__aeabi_ldivmod/__aeabi_uldivmod), shifts by variable
 * amounts (__aeabi_llsl etc. or inline sequences) and comparisons.
 */
#include <stdint.h>
#include "tcommon.h"

static uint64_t rand64(void) { return ((uint64_t)t_rand() << 32) | t_rand(); }

static const uint64_t edges64[] = {
    0, 1, 2, 0xFFFFFFFFull, 0x100000000ull, 0x7FFFFFFFFFFFFFFFull,
    0x8000000000000000ull, 0xFFFFFFFFFFFFFFFFull, 0x123456789ABCDEF0ull,
    0xFFFFFFFF00000000ull, 0x00000000FFFFFFFEull, 0x8000000000000001ull,
};
#define N64E ((int)(sizeof edges64 / sizeof edges64[0]))
static volatile uint64_t vedges[N64E];

int main(void)
{
    for (int i = 0; i < N64E; i++)
        vedges[i] = edges64[i];
    const int n = N64E + 20;
    static uint64_t ops[N64E + 20];
    for (int i = 0; i < n; i++)
        ops[i] = i < N64E ? vedges[i] : rand64() >> (i & 63);

    printf("0xffffffff * 0xffffffff = %llx\n", (unsigned long long)((uint64_t)T_OPAQUE(0xFFFFFFFFu) * 0xFFFFFFFFu));
    printf("-3 * 5 (64) = %lld\n", (long long)((int64_t)T_OPAQUE(-3) * 5));
    printf("1e18 / 7 = %llu rem %llu\n", (unsigned long long)(T_OPAQUE(1000000000000000000ull) / 7u),
           (unsigned long long)(T_OPAQUE(1000000000000000000ull) % 7u));
    printf("INT64_MIN / 3 = %lld\n", (long long)(T_OPAQUE(INT64_MIN) / 3));

    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            uint64_t a = ops[i], b = ops[j];
            t_mix64(a + b);
            t_mix64(a - b);
            t_mix64(a * b);
            t_mix64((uint64_t)((int64_t)a < (int64_t)b) | ((uint64_t)(a < b) << 1) | ((uint64_t)(a == b) << 2));
        }
    t_section("add_sub_mul_cmp");

    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            uint64_t a = ops[i], b = ops[j];
            if (b != 0) {
                t_mix64(a / b);
                t_mix64(a % b);
                if (!((int64_t)a == INT64_MIN && (int64_t)b == -1)) {
                    t_mix64((uint64_t)((int64_t)a / (int64_t)b));
                    t_mix64((uint64_t)((int64_t)a % (int64_t)b));
                }
            }
        }
    t_section("div_mod");

    for (int i = 0; i < n; i++)
        for (unsigned s = 0; s < 64; s += 3) {
            uint64_t a = ops[i];
            unsigned sh = T_OPAQUE(s);
            t_mix64(a << sh);
            t_mix64(a >> sh);
            t_mix64((uint64_t)((int64_t)a >> sh));
        }
    t_section("shifts");

    for (int i = 0; i < 300; i++) {
        uint32_t a = t_rand(), b = t_rand(), c = t_rand();
        t_mix64((uint64_t)a * b);                              /* UMULL */
        t_mix64((uint64_t)((int64_t)(int32_t)a * (int32_t)b)); /* SMULL */
        t_mix64((uint64_t)a * b + c);                          /* UMLAL */
        t_mix64((uint64_t)((int64_t)(int32_t)a * (int32_t)b + (int64_t)(int32_t)c)); /* SMLAL */
        uint64_t acc = ((uint64_t)c << 32) | a;
        acc += (uint64_t)b * c;
        t_mix64(acc);
        t_mix((uint32_t)(((uint64_t)a * b) >> 32));            /* mul-high */
        t_mix((uint32_t)(((int64_t)(int32_t)a * (int32_t)b) >> 32));
    }
    t_section("widening_multiplies");

    /* 64-bit accumulate loop (sum of squares) */
    uint64_t sum = 0;
    int64_t ssum = 0;
    for (int i = 0; i < 1000; i++) {
        uint32_t v = t_rand();
        sum += (uint64_t)v * v;
        ssum -= (int64_t)(int32_t)v * 3;
    }
    printf("sum of squares %llu, signed sum %lld\n", (unsigned long long)sum, (long long)ssum);
    return 0;
}
