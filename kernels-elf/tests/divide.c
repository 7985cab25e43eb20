/*
 * kernels-elf/tests/divide.c -- 32-bit division: SDIV/UDIV from C with
 * volatile operands, division by constants (multiply-high sequences at
 * -O2), modulo, and the edge cases through inline assembly: division by
 * zero (result 0 while CCR.DIV_0_TRP is clear, Armv7-M ARM A7.7.127) and
 * INT_MIN / -1 (result INT_MIN, no trap).
 */
#include <limits.h>
#include "tcommon.h"

static uint32_t sdiv(uint32_t a, uint32_t b) { uint32_t r; __asm volatile("sdiv %0, %1, %2" : "=r"(r) : "r"(a), "r"(b)); return r; }
static uint32_t udiv(uint32_t a, uint32_t b) { uint32_t r; __asm volatile("udiv %0, %1, %2" : "=r"(r) : "r"(a), "r"(b)); return r; }

static volatile int32_t vs[8];
static volatile uint32_t vu[8];

int main(void)
{
    t_init_edges();
    printf("sdiv 7/0 = %ld, udiv 7/0 = %lu\n", (long)(int32_t)sdiv(7u, T_OPAQUE(0u)), (unsigned long)udiv(7u, T_OPAQUE(0u)));
    printf("sdiv INT_MIN/-1 = %ld\n", (long)(int32_t)sdiv((uint32_t)INT_MIN, T_OPAQUE(0xFFFFFFFFu)));
    printf("sdiv -7/2 = %ld, -7%%2 via C = %ld\n", (long)(int32_t)sdiv((uint32_t)-7, T_OPAQUE(2u)), (long)(T_OPAQUE(-7) % 2));

    for (int i = 0; i < T_NEDGES + 64; i++) {
        uint32_t a = i < T_NEDGES ? t_edges[i] : t_rand();
        for (int j = 0; j < T_NEDGES + 64; j++) {
            uint32_t b = j < T_NEDGES ? t_edges[j] : t_rand() >> (j & 31);
            t_mix(sdiv(a, b));
            t_mix(udiv(a, b));
        }
    }
    t_section("asm_sdiv_udiv_all_pairs");

    for (int i = 0; i < 400; i++) {
        vs[0] = (int32_t)t_rand();
        vs[1] = (int32_t)(t_rand() >> (i & 31));
        if (vs[1] == 0 || (vs[0] == INT_MIN && vs[1] == -1))
            vs[1] = 3;
        int32_t q = vs[0] / vs[1], r = vs[0] % vs[1];
        vu[0] = t_rand();
        vu[1] = (t_rand() >> (i & 31)) | 1u;
        uint32_t uq = vu[0] / vu[1], ur = vu[0] % vu[1];
        t_mix((uint32_t)q);
        t_mix((uint32_t)r);
        t_mix(uq);
        t_mix(ur);
    }
    t_section("c_div_mod");

    for (int i = 0; i < 400; i++) {
        uint32_t u = i < T_NEDGES ? t_edges[i] : t_rand();
        int32_t s = (int32_t)u;
        t_mix(u / 3u); t_mix(u / 7u); t_mix(u / 10u); t_mix(u / 1000u);
        t_mix(u % 10u); t_mix(u / 0x10001u);
        t_mix((uint32_t)(s / 3)); t_mix((uint32_t)(s / 7)); t_mix((uint32_t)(s / -10));
        t_mix((uint32_t)(s % 10)); t_mix((uint32_t)(s / 16)); t_mix((uint32_t)(s % 16));
    }
    t_section("div_by_constant");

    /* decimal conversion by repeated division */
    char buf[16];
    for (int i = 0; i < 6; i++) {
        uint32_t v = i == 0 ? 0u : (i == 5 ? 0xFFFFFFFFu : t_rand());
        int n = 0;
        do { buf[n++] = (char)('0' + v % 10u); v /= 10u; } while (v);
        printf("digits:");
        while (n)
            putchar(buf[--n]);
        putchar('\n');
    }
    return 0;
}
