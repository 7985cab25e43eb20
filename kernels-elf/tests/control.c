/*
 * kernels-elf/tests/control.c -- control flow: dense switches (TBB/TBH
 * jump tables), setjmp/longjmp, recursion (fib, ackermann, mutual),
 * function pointers, loops with early exits.  Exits with status 42 so the
 * suite checks exit-code propagation (QEMU's and M7Sim's).
 */
#include <setjmp.h>
#include "tcommon.h"

/* ---- dense switches: small cases -> TBB, large bodies/ranges -> TBH ---- */
__attribute__((noinline)) static int small_switch(int x)
{
    switch (x) {
    case 0: return 11;
    case 1: return 23;
    case 2: return 37;
    case 3: return 41;
    case 4: return 59;
    case 5: return 67;
    case 6: return 73;
    case 7: return 89;
    case 8: return 97;
    case 9: return 101;
    case 10: return 113;
    default: return -1;
    }
}

static volatile int sink;
#define BIG(n) case n: sink = n; t_mix((uint32_t)(n * 2654435761u)); t_mix((uint32_t)x ^ n); \
    t_mix((uint32_t)(x * n)); t_mix((uint32_t)(x + n)); t_mix((uint32_t)(x - n)); t_mix((uint32_t)(x << (n & 7))); return n * 3;
__attribute__((noinline)) static int big_switch(int x)
{
    switch (x) {
    BIG(0) BIG(1) BIG(2) BIG(3) BIG(4) BIG(5) BIG(6) BIG(7) BIG(8) BIG(9)
    BIG(10) BIG(11) BIG(12) BIG(13) BIG(14) BIG(15) BIG(16) BIG(17) BIG(18) BIG(19)
    BIG(20) BIG(21) BIG(22) BIG(23) BIG(24) BIG(25) BIG(26) BIG(27) BIG(28) BIG(29)
    BIG(30) BIG(31) BIG(32) BIG(33) BIG(34) BIG(35) BIG(36) BIG(37) BIG(38) BIG(39)
    default: return -7;
    }
}

/* ---- explicit TBB / TBH in assembly (compiler independent) ---- */
static uint32_t asm_tbb(uint32_t i)
{
    uint32_t r;
    __asm volatile(
        "tbb [pc, %1]\n"
        "1: .byte (2f-1b)/2, (3f-1b)/2, (4f-1b)/2, (5f-1b)/2\n"
        ".align 1\n"
        "2: movs %0, #10\n b 6f\n"
        "3: movs %0, #20\n b 6f\n"
        "4: movs %0, #30\n b 6f\n"
        "5: movs %0, #40\n"
        "6:\n"
        : "=r"(r) : "r"(i & 3u) : "cc");
    return r;
}
static uint32_t asm_tbh(uint32_t i)
{
    uint32_t r;
    __asm volatile(
        "tbh [pc, %1, lsl #1]\n"
        "1: .hword (2f-1b)/2, (3f-1b)/2, (4f-1b)/2\n"
        ".align 1\n"
        "2: movw %0, #1000\n b 6f\n"
        "3: movw %0, #2000\n b 6f\n"
        "4: movw %0, #3000\n"
        "6:\n"
        : "=r"(r) : "r"(i % 3u) : "cc");
    return r;
}

/* ---- recursion ---- */
__attribute__((noinline)) static uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
__attribute__((noinline)) static uint32_t ack(uint32_t m, uint32_t n)
{
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}
static int is_odd(unsigned n);
__attribute__((noinline)) static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
__attribute__((noinline)) static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

/* ---- setjmp/longjmp ---- */
static jmp_buf env;
static int depth_reached;
__attribute__((noinline)) static void dive(int depth, int limit)
{
    volatile int local[4] = {depth, depth * 2, depth * 3, depth * 4};
    depth_reached = depth + local[3] - local[3];
    if (depth == limit)
        longjmp(env, depth * 10 + 1);
    if (depth > 1000)
        return; /* never: keeps the recursion visibly finite */
    dive(depth + 1, limit);
    sink = local[0];
}

/* ---- function pointers ---- */
typedef uint32_t (*fn_t)(uint32_t);
static uint32_t f_a(uint32_t x) { return x * 3u + 1u; }
static uint32_t f_b(uint32_t x) { return x >> 1; }
static uint32_t f_c(uint32_t x) { return x ^ 0xA5A5A5A5u; }
static const fn_t fns[] = {f_a, f_b, f_c};

int main(void)
{
    for (int i = -2; i < 14; i++)
        printf("%d ", small_switch(T_OPAQUE(i)));
    printf("\n");
    uint32_t acc = 0;
    for (int i = -3; i < 45; i++)
        acc = acc * 7u + (uint32_t)big_switch(T_OPAQUE(i));
    printf("big switch %08lx\n", (unsigned long)acc);
    t_section("big switch");
    printf("tbb: %lu %lu %lu %lu  tbh: %lu %lu %lu\n",
           (unsigned long)asm_tbb(T_OPAQUE(0u)), (unsigned long)asm_tbb(T_OPAQUE(1u)),
           (unsigned long)asm_tbb(T_OPAQUE(2u)), (unsigned long)asm_tbb(T_OPAQUE(3u)),
           (unsigned long)asm_tbh(T_OPAQUE(0u)), (unsigned long)asm_tbh(T_OPAQUE(1u)),
           (unsigned long)asm_tbh(T_OPAQUE(2u)));

    printf("fib(20) = %lu\n", (unsigned long)fib(T_OPAQUE(20u)));
    printf("ack(2,3) = %lu ack(3,3) = %lu\n", (unsigned long)ack(2, T_OPAQUE(3u)), (unsigned long)ack(3, T_OPAQUE(3u)));
    printf("is_even(77) = %d\n", is_even(T_OPAQUE(77u)));

    for (int limit = 0; limit < 5; limit++) {
        int v = setjmp(env);
        if (v == 0) {
            dive(0, limit * 3);
            printf("not reached\n");
        } else {
            printf("longjmp returned %d after depth %d\n", v, depth_reached);
        }
    }

    uint32_t x = T_OPAQUE(12345u);
    for (int i = 0; i < 30; i++)
        x = fns[x % 3u](x);
    printf("function pointers: %08lx\n", (unsigned long)x);

    /* nested loops with break/continue */
    uint32_t found = 0;
    for (uint32_t a = 1; a < 40; a++) {
        for (uint32_t b = a; b < 40; b++) {
            if ((a * b) % 7u == 3u)
                continue;
            uint32_t c2 = a * a + b * b;
            uint32_t c = 0;
            while ((c + 1) * (c + 1) <= c2)
                c++;
            if (c * c == c2 && c < 40) {
                found = found * 41u + a * 1000u + b;
                if (found > 0x10000000u)
                    break;
            }
        }
    }
    printf("pythagorean: %08lx\n", (unsigned long)found);
    printf("exiting with 42\n");
    return 42;
}
