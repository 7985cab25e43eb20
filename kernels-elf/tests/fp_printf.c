/*
 * kernels-elf/tests/fp_printf.c -- floating point through the FPv5-D16 FPU
 * (hard-float ABI): single and double arithmetic, conversions, sqrt, fused
 * multiply-add, min/max, rounding, libm, and printf of floats/doubles
 * (%f %e %g with several precisions).  For the FPU work: runs in the
 * differential suite like the integer programs.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "tcommon.h"

static uint32_t fbits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static uint64_t dbits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }

static volatile float vf[16];
static volatile double vd[16];

int main(void)
{
    static const float finit[16] = {
        0.0f, -0.0f, 1.0f, -1.0f, 0.5f, 3.14159265f, -2.71828183f, 1e-30f,
        1e30f, 1.17549435e-38f, 3.40282347e38f, 1e-45f, 123456.789f, -0.1f, 7.0f, 1.0f / 3.0f,
    };
    for (int i = 0; i < 16; i++) {
        vf[i] = finit[i];
        vd[i] = (double)finit[i] * (1.0 + (double)i / 1024.0);
    }

    printf("%f %f %f\n", 1.5, -0.25, 1234567.125);
    printf("%e %E %g %G\n", 6.02214076e23, 1.602176634e-19, 0.0001, 1e-5);
    printf("%.0f %.1f %.3f %.10f %.17g\n", 2.5, 0.05, 1.0005, 1.0 / 3.0, 0.1);
    printf("%10.4f|%-10.2e|%+g\n", 3.14159265358979, -12345.678, 100.0);
    printf("float %f %.9g %e\n", (double)vf[5], (double)vf[6], (double)vf[9]);
    printf("inf %f -inf %f nan %f\n", (double)(vf[10] * 10.0f), (double)(-vf[10] * 10.0f), (double)(vf[0] / vf[0]));

    for (int i = 0; i < 16; i++)
        for (int j = 0; j < 16; j++) {
            float a = vf[i], b = vf[j];
            t_mix(fbits(a + b));
            t_mix(fbits(a - b));
            t_mix(fbits(a * b));
            t_mix(b != 0.0f ? fbits(a / b) : 0u);
            t_mix(fbits(fmaf(a, b, 1.0f)));
            t_mix(fbits(fminf(a, b)) ^ fbits(fmaxf(a, b)));
            t_mix((uint32_t)(a < b) | ((uint32_t)(a == b) << 1) | ((uint32_t)(a > b) << 2));
        }
    t_section("single arithmetic");
    for (int i = 0; i < 16; i++)
        for (int j = 0; j < 16; j++) {
            double a = vd[i], b = vd[j];
            t_mix64(dbits(a + b));
            t_mix64(dbits(a - b));
            t_mix64(dbits(a * b));
            t_mix64(b != 0.0 ? dbits(a / b) : 0u);
            t_mix64(dbits(fma(a, b, -1.0)));
            t_mix((uint32_t)(a < b) | ((uint32_t)(a == b) << 1) | ((uint32_t)(a > b) << 2));
        }
    t_section("double arithmetic");

    for (int i = 0; i < 16; i++) {
        float a = vf[i];
        double d = vd[i];
        t_mix(fbits(sqrtf(fabsf(a))));
        t_mix64(dbits(sqrt(fabs(d))));
        t_mix((uint32_t)(int32_t)a);
        t_mix((uint32_t)a);
        t_mix((uint32_t)(int32_t)(d * 1000.0));
        t_mix(fbits((float)d));
        t_mix64(dbits((double)a));
        t_mix(fbits(roundf(a)) ^ fbits(floorf(a)) ^ fbits(ceilf(a)) ^ fbits(truncf(a)));
        t_mix(fbits((float)(int32_t)(i * 1000 - 7000)));
        t_mix64(dbits((double)(uint32_t)(i * 0x10000001u)));
    }
    t_section("conversions");

    double s = 0.0, c = 0.0, e = 0.0, l = 0.0;
    for (int i = 1; i <= 20; i++) {
        double x = (double)i * 0.3;
        s += sin(x);
        c += cos(x);
        e += exp(-x);
        l += log(x);
    }
    printf("sin %.12f cos %.12f exp %.12f log %.12f\n", s, c, e, l);
    float sf = 0.0f;
    for (int i = 1; i <= 100; i++)
        sf += 1.0f / (float)(i * i);
    printf("sum 1/n^2 %.8f pow %.6f atan2 %.10f\n", (double)sf, pow(2.0, 0.5), atan2(1.0, -1.0));
    return 0;
}
