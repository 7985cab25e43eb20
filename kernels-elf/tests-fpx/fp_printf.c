/*
 * kernels-elf/tests-fpx/fp_printf.c -- newlib's float formatting and parsing
 * on the FPv5 FPU: printf %.17g %.9g %e %f %g with flags, widths and
 * precisions (this newlib multilib is built without C99 %a: it prints the
 * letter and consumes no argument, shown once at the end), of the edge values (both precisions; floats promote to double
 * as varargs do), of pseudo-random bit patterns (xorshift32) and of computed
 * values; strtod/strtof round trips of the %.17g / %.9g text, printed as hex.
 */
#include <stdlib.h>
#include "fpx.h"

static u32 rng = 0x13572468u;
static u32 next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static void show_double(double d)
{
    char buf[64];
    printf("%016llx | %.17g | %.0e | %e | %.3f | %g | %#g | %+.12e | %12.4g|%-12.2e|\n",
           (unsigned long long)ud_of(d), d, d, d, d, d, d, d, d, d);
    snprintf(buf, sizeof buf, "%.17g", d);
    double back = strtod(buf, NULL);
    printf("  strtod(\"%s\") = %016llx\n", buf, (unsigned long long)ud_of(back));
}

static void show_float(float f)
{
    char buf[48];
    printf("%08lx | %.9g | %e | %f | %g\n", (unsigned long)u_of(f), (double)f, (double)f,
           (double)f, (double)f);
    snprintf(buf, sizeof buf, "%.9g", (double)f);
    float back = strtof(buf, NULL);
    printf("  strtof(\"%s\") = %08lx\n", buf, (unsigned long)u_of(back));
}

int main(void)
{
    fpscr_set(FPSCR_RN);
    printf("# double edge values\n");
    for (int i = 0; i < 16; i++)
        show_double(d_of(fpx_e64[i]));
    printf("# float edge values\n");
    for (int i = 0; i < 16; i++)
        show_float(f_of(fpx_e32[i]));

    printf("# random doubles\n");
    for (int i = 0; i < 96; i++) {
        u64 hi = next(), lo = next();
        u64 bits = hi << 32 | lo;
        /* keep most exponents in a printable-with-%f range, some anywhere */
        if ((i & 3) != 0)
            bits = (bits & 0x800FFFFFFFFFFFFFull) | ((u64)(0x3C0u + (hi >> 20) % 0x80u) << 52);
        show_double(d_of(bits));
    }
    printf("# random floats\n");
    for (int i = 0; i < 64; i++) {
        u32 bits = next();
        if ((i & 3) != 0)
            bits = (bits & 0x807FFFFFu) | ((0x60u + (bits >> 23) % 0x40u) << 23);
        show_float(f_of(bits));
    }

    printf("# computed\n");
    static volatile double x = 1.0;
    double acc = 0.0, prod = 1.0;
    for (int n = 1; n <= 40; n++) {
        acc += x / ((double)n * (double)n);
        prod *= 1.0 + x / (double)n;
        if (n % 8 == 0)
            printf("n=%d zeta2 %.17g prod %.15e\n", n, acc, prod);
    }
    float fa = 0.0f;
    for (int n = 1; n <= 1000; n++)
        fa += (float)x / (float)n;
    printf("harmonic(1000) float %.9g %08lx\n", (double)fa, (unsigned long)u_of(fa));
    printf("%.30f\n%.40e\n%.0f\n", 0.1, 1.0 / 3.0, 1e22);
    printf("%f %e %g %G\n", 1e308 * 10.0 * x, -1e308 * 10.0 * x, 0.0 * -x, (1e308 * 10.0 * x) * 0.0);
    printf("%.60f\n", d_of(0x0000000000000001ull) * 1e300);
    printf("%5.1f|%-8.3e|%08.2f|% .3g|%+.0f\n", 9.96, 12345.6789, -3.14159, 0.000123456, 1.0);
    printf("%%a: [%a] [%.3A]\n", 1.0, 1.0);
    printf("fp_printf done\n");
    return 0;
}
