/*
 * Independent oracle for Simulator.Tests/Isa/SoftFloatOracleTests.cs: the host's IEEE 754 hardware
 * (x86-64 SSE/FMA through C with fesetround/fetestexcept), not M7Sim code.
 *
 *   gcc -O1 -mfma -frounding-math -fno-math-errno -o oracle SoftFloatOracle.c -lm && ./oracle SEED COUNT
 *
 * Prints one vector per line: "op mode a b c result flags mask" (hex; mode = FPSCR.RMode 0..3;
 * flags in FPSCR bit order IOC=1 DZC=2 OFC=4 UFC=8 IXC=16; mask = flags to compare).
 * Where x86 and Arm legitimately differ the vector is skipped or masked:
 *  - NaN operands or results (x86 default NaN is negative and its NaN propagation differs);
 *  - underflow when the rounded result is the smallest normal: x86 detects tininess after rounding,
 *    Arm before (ARM ARM FPRound), so UFC is not compared there;
 *  - float to int outside the int32 range (x86 returns 0x80000000, Arm saturates).
 * fma(a, b, c) = a*b + c maps to FPMulAdd(c, a, b).
 */
#include <fenv.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t s = 88172645463325252ull;
static uint64_t rnd(void) { s ^= s << 13; s ^= s >> 7; s ^= s << 17; return s; }

static const int modes[4] = { FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO };

static unsigned flags_now(void)
{
    unsigned f = 0;
    if (fetestexcept(FE_INVALID)) f |= 1;
    if (fetestexcept(FE_DIVBYZERO)) f |= 2;
    if (fetestexcept(FE_OVERFLOW)) f |= 4;
    if (fetestexcept(FE_UNDERFLOW)) f |= 8;
    if (fetestexcept(FE_INEXACT)) f |= 16;
    return f;
}

static uint32_t f2u(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static float u2f(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
static uint64_t d2u(double f) { uint64_t u; memcpy(&u, &f, 8); return u; }
static double u2d(uint64_t u) { double f; memcpy(&f, &u, 8); return f; }

/* Operands biased towards the interesting places: near 1, tiny/denormal, huge, close pairs. */
static uint32_t rf32(uint32_t other)
{
    uint32_t r = (uint32_t)rnd();
    switch (rnd() % 8) {
    case 0: return r;                                           /* anything */
    case 1: return (r & 0x807FFFFF) | (uint32_t)(0x3F + (rnd() % 3)) << 23; /* around 1 */
    case 2: return r & 0x80FFFFFF;                              /* denormal or smallest normals */
    case 3: return (r & 0x807FFFFF) | (uint32_t)(0xF8 + rnd() % 7) << 23;  /* near overflow */
    case 4: return other ^ (uint32_t)(rnd() % 16);              /* close to the other operand */
    case 5: return (other ^ 0x80000000u) + (uint32_t)(rnd() % 5) - 2; /* cancellation */
    case 6: return (r & 0x807FFFFF) | (uint32_t)(1 + rnd() % 30) << 23;    /* small normals */
    default: return (r & 0x80000000u) | (uint32_t)(rnd() % 100000);       /* tiny denormals */
    }
}

static uint64_t rf64(uint64_t other)
{
    uint64_t r = rnd();
    switch (rnd() % 8) {
    case 0: return r;
    case 1: return (r & 0x800FFFFFFFFFFFFFull) | (uint64_t)(0x3FE + rnd() % 3) << 52;
    case 2: return r & 0x801FFFFFFFFFFFFFull;
    case 3: return (r & 0x800FFFFFFFFFFFFFull) | (uint64_t)(0x7F8 + rnd() % 7) << 52;
    case 4: return other ^ (rnd() % 64);
    case 5: return (other ^ 0x8000000000000000ull) + rnd() % 5 - 2;
    case 6: return (r & 0x800FFFFFFFFFFFFFull) | (uint64_t)(1 + rnd() % 60) << 52;
    default: return (r & 0x8000000000000000ull) | rnd() % 100000000;
    }
}

static int isnan32(uint32_t u) { return (u & 0x7F800000u) == 0x7F800000u && (u & 0x7FFFFF); }
static int isnan64(uint64_t u) { return (u & 0x7FF0000000000000ull) == 0x7FF0000000000000ull && (u & 0xFFFFFFFFFFFFFull); }

static void emit32(const char *op, int mode, uint32_t a, uint32_t b, uint32_t c, uint32_t r, unsigned f)
{
    if (isnan32(a) || isnan32(b) || isnan32(c) || isnan32(r)) return;
    unsigned mask = 0x1F;
    if ((r & 0x7FFFFFFF) == 0x00800000) mask &= ~8u;
    printf("%s %d %08X %08X %08X %08X %02X %02X\n", op, mode, a, b, c, r, f, mask);
}

static void emit64(const char *op, int mode, uint64_t a, uint64_t b, uint64_t c, uint64_t r, unsigned f)
{
    if (isnan64(a) || isnan64(b) || isnan64(c)) return;
    int single = strcmp(op, "d2f") == 0;
    if (single ? isnan32((uint32_t)r) : isnan64(r)) return;
    unsigned mask = 0x1F;
    if (single ? (r & 0x7FFFFFFF) == 0x00800000 : (r & 0x7FFFFFFFFFFFFFFFull) == 0x0010000000000000ull) mask &= ~8u;
    printf("%s %d %016llX %016llX %016llX %016llX %02X %02X\n", op, mode,
           (unsigned long long)a, (unsigned long long)b, (unsigned long long)c, (unsigned long long)r, f, mask);
}

#define RUN(expr) (feclearexcept(FE_ALL_EXCEPT), (expr))

int main(int argc, char **argv)
{
    if (argc > 1) s = strtoull(argv[1], 0, 0) * 2654435761ull + 1;
    long count = argc > 2 ? strtol(argv[2], 0, 0) : 100;
    for (long i = 0; i < count; i++) {
        int m = (int)(rnd() % 4);
        fesetround(modes[m]);
        uint32_t a = rf32(0x3F800000), b = rf32(a), c = rf32(b);
        volatile float fa = u2f(a), fb = u2f(b), fc = u2f(c), fr;
        fr = RUN(fa + fb); emit32("add32", m, a, b, 0, f2u(fr), flags_now());
        fr = RUN(fa - fb); emit32("sub32", m, a, b, 0, f2u(fr), flags_now());
        fr = RUN(fa * fb); emit32("mul32", m, a, b, 0, f2u(fr), flags_now());
        fr = RUN(fa / fb); emit32("div32", m, a, b, 0, f2u(fr), flags_now());
        fr = RUN(sqrtf(fa)); emit32("sqrt32", m, a, 0, 0, f2u(fr), flags_now());
        fr = RUN(fmaf(fa, fb, fc)); emit32("fma32", m, a, b, c, f2u(fr), flags_now());
        fr = RUN(rintf(fa)); emit32("rintx32", m, a, 0, 0, f2u(fr), flags_now());
        if (fabsf(fa) < 2147483520.0f) {
            volatile long v = RUN(lrintf(fa));
            emit32("f2s32", m, a, 0, 0, (uint32_t)(int32_t)v, flags_now());
        }
        int32_t iv = (int32_t)rnd() >> (rnd() % 31);
        fr = RUN((float)iv); emit32("s2f32", m, (uint32_t)iv, 0, 0, f2u(fr), flags_now());
        uint32_t uv = (uint32_t)rnd() >> (rnd() % 31);
        fr = RUN((float)uv); emit32("u2f32", m, uv, 0, 0, f2u(fr), flags_now());

        uint64_t da = rf64(0x3FF0000000000000ull), db = rf64(da), dc = rf64(db);
        volatile double xa = u2d(da), xb = u2d(db), xc = u2d(dc), xr;
        xr = RUN(xa + xb); emit64("add64", m, da, db, 0, d2u(xr), flags_now());
        xr = RUN(xa - xb); emit64("sub64", m, da, db, 0, d2u(xr), flags_now());
        xr = RUN(xa * xb); emit64("mul64", m, da, db, 0, d2u(xr), flags_now());
        xr = RUN(xa / xb); emit64("div64", m, da, db, 0, d2u(xr), flags_now());
        xr = RUN(sqrt(xa)); emit64("sqrt64", m, da, 0, 0, d2u(xr), flags_now());
        xr = RUN(fma(xa, xb, xc)); emit64("fma64", m, da, db, dc, d2u(xr), flags_now());
        xr = RUN(rint(xa)); emit64("rintx64", m, da, 0, 0, d2u(xr), flags_now());
        /* double to single: the operand range is shifted into single range half the time */
        uint64_t cv = (rnd() & 1) ? da : (da & 0x800FFFFFFFFFFFFFull) | (uint64_t)(0x368 + rnd() % 0x120) << 52;
        volatile double xcv = u2d(cv);
        fr = RUN((float)xcv); emit64("d2f", m, cv, 0, 0, f2u(fr), flags_now());
    }
    return 0;
}
