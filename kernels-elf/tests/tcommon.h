/*
 * kernels-elf/tests/tcommon.h -- helpers shared by the differential test
 * programs (run in QEMU mps2-an500 and in M7Sim, output compared byte for
 * byte).  Everything printed must be independent of the board variant and of
 * addresses: no %p, no M7SIM_VARIANT, no timing.
 */
#ifndef TCOMMON_H
#define TCOMMON_H

#include <stdint.h>
#include <stdio.h>

/* Values that sit on the edges of signed/unsigned ranges, used as operands
 * everywhere.  Read through a volatile pointer so the compiler cannot fold
 * the operations at build time (we want the instructions executed). */
static const uint32_t t_edges_init[] = {
    0x00000000u, 0x00000001u, 0x00000002u, 0x0000007Fu, 0x00000080u,
    0x000000FFu, 0x00007FFFu, 0x00008000u, 0x0000FFFFu, 0x00010000u,
    0x12345678u, 0x7FFFFFFEu, 0x7FFFFFFFu, 0x80000000u, 0x80000001u,
    0x87654321u, 0xDEADBEEFu, 0xFFFF0000u, 0xFFFF8000u, 0xFFFFFF80u,
    0xFFFFFFFEu, 0xFFFFFFFFu,
};
#define T_NEDGES ((int)(sizeof t_edges_init / sizeof t_edges_init[0]))
static volatile uint32_t t_edges[T_NEDGES];

static inline void t_init_edges(void)
{
    for (int i = 0; i < T_NEDGES; i++)
        t_edges[i] = t_edges_init[i];
}

/* xorshift32: deterministic operands beyond the edge table. */
static uint32_t t_rng_state = 0x2545F491u;
static inline uint32_t t_rand(void)
{
    uint32_t x = t_rng_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    t_rng_state = x;
    return x;
}

/* Running FNV-1a over 32-bit results: one summary line per section keeps
 * the output short while every result still counts. */
static uint32_t t_hash = 0x811C9DC5u;
static inline void t_mix(uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        t_hash ^= (v >> (8 * i)) & 0xFFu;
        t_hash *= 0x01000193u;
    }
}
static inline void t_mix64(uint64_t v)
{
    t_mix((uint32_t)v);
    t_mix((uint32_t)(v >> 32));
}

/* Print and reset the section hash. */
static inline void t_section(const char *name)
{
    printf("%s: hash %08lx\n", name, (unsigned long)t_hash);
    t_hash = 0x811C9DC5u;
}

/* Prevent the compiler from knowing a value (forces a real instruction). */
#define T_OPAQUE(x) ({ __typeof__(x) t__v = (x); __asm volatile("" : "+r"(t__v)); t__v; })

#endif
