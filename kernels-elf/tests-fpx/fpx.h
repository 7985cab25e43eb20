/*
 * kernels-elf/tests-fpx/fpx.h -- helpers shared by the FPv5 differential
 * programs (fp_*.c): FPSCR access, bit-pattern conversions, the edge-value
 * tables and a line builder that prints results as hex (deterministic, no
 * libc float formatting involved).  Output is compared byte for byte with
 * QEMU mps2-an500, so nothing printed may depend on the board or on addresses.
 *
 * Each instruction under test is one inline-asm statement; FPSCR is written
 * (mode + cleared flags) by a volatile asm before it and read by a volatile
 * asm after it, and volatile asm statements keep their order, so the flags
 * printed belong to exactly that instruction.
 */
#ifndef FPX_H
#define FPX_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef uint32_t u32;
typedef uint64_t u64;

/* ---- FPSCR (ARMv7-M B1.5/A2.5.3): only architecturally defined bits are written ---- */
#define FPSCR_IOC  (1u << 0)
#define FPSCR_DZC  (1u << 1)
#define FPSCR_OFC  (1u << 2)
#define FPSCR_UFC  (1u << 3)
#define FPSCR_IXC  (1u << 4)
#define FPSCR_IDC  (1u << 7)
#define FPSCR_FLAGS 0x9Fu
#define FPSCR_RN   (0u << 22)
#define FPSCR_RP   (1u << 22)
#define FPSCR_RM   (2u << 22)
#define FPSCR_RZ   (3u << 22)
#define FPSCR_FZ   (1u << 24)
#define FPSCR_DN   (1u << 25)
#define FPSCR_AHP  (1u << 26)

static inline void fpscr_set(u32 v) { __asm volatile("vmsr fpscr, %0" : : "r"(v) : "memory"); }
static inline u32 fpscr_get(void) { u32 v; __asm volatile("vmrs %0, fpscr" : "=r"(v) : : "memory"); return v; }

/* FPSCR read that cannot be scheduled before the computation of x (for C
 * arithmetic, which the compiler may otherwise move past a volatile asm). */
static inline u32 fpscr_after_f(float x) { u32 v; __asm volatile("vmrs %0, fpscr" : "=r"(v) : "t"(x) : "memory"); return v; }
static inline u32 fpscr_after_d(double x) { u32 v; __asm volatile("vmrs %0, fpscr" : "=r"(v) : "w"(x) : "memory"); return v; }

static inline float f_of(u32 u) { float f; memcpy(&f, &u, 4); return f; }
static inline u32 u_of(float f) { u32 u; memcpy(&u, &f, 4); return u; }
static inline double d_of(u64 u) { double d; memcpy(&d, &u, 8); return d; }
static inline u64 ud_of(double d) { u64 u; memcpy(&u, &d, 8); return u; }

/* A floating-point environment: FPSCR mode bits and a short name. */
typedef struct { u32 fpscr; const char *name; } fpx_mode;

static const fpx_mode fpx_rmodes[4] = {
    { FPSCR_RN, "RN" }, { FPSCR_RP, "RP" }, { FPSCR_RM, "RM" }, { FPSCR_RZ, "RZ" },
};

/* ---- edge values ---- */
/* Single precision: zeros, normals, both denormal extremes, the normal
 * boundary, the largest finite, infinities, quiet and signalling NaNs with
 * payloads and both signs, a value whose square underflows. */
static const u32 fpx_e32[16] = {
    0x00000000u, 0x80000000u, 0x3F800000u, 0xBFC00000u,
    0x3EAAAAABu, 0x00000001u, 0x807FFFFFu, 0x00800000u,
    0x7F7FFFFFu, 0x7F800000u, 0xFF800000u, 0x7FC00000u,
    0xFFC12345u, 0x7F800001u, 0xFFA5A5A5u, 0x0C000000u,
};
/* Double precision: the same roles. */
static const u64 fpx_e64[16] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x3FF0000000000000ull, 0xBFF8000000000000ull,
    0x3FD5555555555555ull, 0x0000000000000001ull, 0x800FFFFFFFFFFFFFull, 0x0010000000000000ull,
    0x7FEFFFFFFFFFFFFFull, 0x7FF0000000000000ull, 0xFFF0000000000000ull, 0x7FF8000000000000ull,
    0xFFF8123456789ABCull, 0x7FF0000000000001ull, 0xFFF5A5A5A5A5A5A5ull, 0x2000000000000000ull,
};

/* ---- output: one line built in a buffer, then fputs ---- */
static char fpx_line[1024];
static int fpx_len;

static inline void ln_reset(void) { fpx_len = 0; }
static inline void ln_str(const char *s)
{
    while (*s != '\0' && fpx_len < (int)sizeof fpx_line - 2)
        fpx_line[fpx_len++] = *s++;
}
static inline void ln_ch(char c) { if (fpx_len < (int)sizeof fpx_line - 2) fpx_line[fpx_len++] = c; }
static inline void ln_hex(u32 v, int digits)
{
    for (int s = 4 * (digits - 1); s >= 0; s -= 4)
        ln_ch("0123456789abcdef"[(v >> s) & 15u]);
}
static inline void ln_h32(u32 v) { ln_hex(v, 8); }
static inline void ln_h64(u64 v) { ln_hex((u32)(v >> 32), 8); ln_hex((u32)v, 8); }
static inline void ln_flags(u32 fpscr) { ln_ch('/'); ln_hex(fpscr & FPSCR_FLAGS, 2); }
static inline void ln_end(void)
{
    fpx_line[fpx_len++] = '\n';
    fpx_line[fpx_len] = '\0';
    fputs(fpx_line, stdout);
    fpx_len = 0;
}

/* Group bookkeeping: every op's flags are ORed into fpx_group_flags; a group
 * ends with a line giving them (the cumulative flags of the whole group). */
static u32 fpx_group_flags;
static inline void group_begin(const char *name)
{
    fpx_group_flags = 0;
    printf("# %s\n", name);
}
static inline u32 group_note(u32 fpscr) { fpx_group_flags |= fpscr & FPSCR_FLAGS; return fpscr; }
static inline void group_end(const char *name)
{
    printf("# %s cumulative flags %02lx\n", name, (unsigned long)fpx_group_flags);
}

#endif
