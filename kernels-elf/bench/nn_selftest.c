/*
 * bench/nn_selftest.c -- self-checking test of the cmsis-nn/ kernels.
 *
 * Every optimised kernel is run on pseudo-random shapes and data and compared
 * element for element with a plain scalar reference written here directly
 * from the TFLite int8 reference-kernel definitions (no SIMD, no im2col).
 * Softmax is compared against a float softmax (tolerance 1 LSB).
 *
 * Prints one line per failing case, then "nn_selftest: N passed, M failed"
 * and "nn_selftest checksum 0x........" (FNV-1a over all kernel outputs);
 * exits 1 if anything failed.  A program that checks itself is also a
 * useful end-to-end test of the simulator's DSP instructions.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "arm_nnfunctions.h"
#include "arm_nnsupportfunctions.h"
#include "m7sim_io.h"

/* ---------------- PRNG (xorshift32) ---------------- */
static uint32_t rng_state = 0x12345678u;
static uint32_t rnd(void)
{
    uint32_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return rng_state = x;
}
static int32_t rnd_range(int32_t lo, int32_t hi) /* inclusive */
{
    return lo + (int32_t)(rnd() % (uint32_t)(hi - lo + 1));
}
static void fill_s8(int8_t *p, int32_t n)
{
    for (int32_t i = 0; i < n; i++)
        p[i] = (int8_t)rnd();
}

/* ---------------- scalar reference arithmetic ---------------- */
static int32_t ref_srdhm(int32_t a, int32_t b)
{
    if (a == INT32_MIN && b == INT32_MIN)
        return INT32_MAX;
    int64_t ab = (int64_t)a * (int64_t)b;
    int64_t nudge = ab >= 0 ? (1ll << 30) : (1 - (1ll << 30));
    return (int32_t)((ab + nudge) / (1ll << 31));
}
static int32_t ref_rdbpot(int32_t x, int32_t e)
{
    int32_t mask = (int32_t)((1ll << e) - 1);
    int32_t rem = x & mask;
    int32_t thr = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> e) + (rem > thr ? 1 : 0);
}
static int32_t ref_mbqm(int32_t x, int32_t m, int32_t s)
{
    int32_t left = s > 0 ? s : 0, right = s > 0 ? 0 : -s;
    return ref_rdbpot(ref_srdhm(x * (1 << left), m), right);
}
static int8_t ref_out(int32_t acc, int32_t m, int32_t s, int32_t off, int32_t lo, int32_t hi)
{
    int32_t v = ref_mbqm(acc, m, s) + off;
    if (v < lo)
        v = lo;
    if (v > hi)
        v = hi;
    return (int8_t)v;
}

/* ---------------- buffers ---------------- */
#define MAX_IN 6144
#define MAX_W 12288
#define MAX_OUT 6144
#define MAX_CH 96
#define MAX_SCRATCH 8192
static int8_t in_buf[MAX_IN], in2_buf[MAX_IN];
static int8_t w_buf[MAX_W];
static int8_t out_buf[MAX_OUT], ref_buf[MAX_OUT];
static int32_t bias_buf[MAX_CH], mult_buf[MAX_CH], shift_buf[MAX_CH];
static int32_t scratch[MAX_SCRATCH / 4];

static int passed, failed;
static uint32_t checksum = M7SIM_FNV_INIT;

static void check(const char *what, int id, int32_t n)
{
    checksum = m7sim_fnv1a(checksum, out_buf, (size_t)n);
#ifdef SELFTEST_TRACE
    printf("check %s %d\n", what, id);
#endif
    for (int32_t i = 0; i < n; i++) {
        if (out_buf[i] != ref_buf[i]) {
            printf("FAIL %s case %d: element %ld got %d want %d\n", what, id, (long)i, out_buf[i], ref_buf[i]);
            failed++;
            return;
        }
    }
    passed++;
}

static void random_quant(int32_t n)
{
    for (int32_t i = 0; i < n; i++) {
        mult_buf[i] = (int32_t)(0x40000000u + (rnd() & 0x3FFFFFFFu));
        shift_buf[i] = rnd_range(-10, -6);
        bias_buf[i] = rnd_range(-3000, 3000);
    }
}

/* ---------------- convolution ---------------- */
static void ref_conv(const cmsis_nn_conv_params *p, const cmsis_nn_dims *id, const cmsis_nn_dims *fd,
                     const cmsis_nn_dims *od)
{
    int8_t *o = ref_buf;
    for (int32_t b = 0; b < id->n; b++)
        for (int32_t oy = 0; oy < od->h; oy++)
            for (int32_t ox = 0; ox < od->w; ox++)
                for (int32_t oc = 0; oc < od->c; oc++) {
                    int32_t acc = bias_buf[oc];
                    for (int32_t ky = 0; ky < fd->h; ky++)
                        for (int32_t kx = 0; kx < fd->w; kx++) {
                            int32_t iy = oy * p->stride.h - p->padding.h + ky * p->dilation.h;
                            int32_t ix = ox * p->stride.w - p->padding.w + kx * p->dilation.w;
                            if (iy < 0 || ix < 0 || iy >= id->h || ix >= id->w)
                                continue;
                            for (int32_t ic = 0; ic < id->c; ic++)
                                acc += (in_buf[((b * id->h + iy) * id->w + ix) * id->c + ic] + p->input_offset) *
                                       w_buf[((oc * fd->h + ky) * fd->w + kx) * id->c + ic];
                        }
                    *o++ = ref_out(acc, mult_buf[oc], shift_buf[oc], p->output_offset, p->activation.min,
                                   p->activation.max);
                }
}

typedef arm_cmsis_nn_status (*conv_fn)(const cmsis_nn_context *, const cmsis_nn_conv_params *,
                                       const cmsis_nn_per_channel_quant_params *, const cmsis_nn_dims *,
                                       const int8_t *, const cmsis_nn_dims *, const int8_t *,
                                       const cmsis_nn_dims *, const int32_t *, const cmsis_nn_dims *, int8_t *);

static void test_conv(const char *name, conv_fn fn, int id, int32_t n, int32_t h, int32_t w, int32_t ci,
                      int32_t co, int32_t kh, int32_t kw, int32_t sy, int32_t sx, int32_t py, int32_t px,
                      int32_t dy, int32_t dx)
{
    cmsis_nn_conv_params p = {.input_offset = rnd_range(-127, 128), .output_offset = rnd_range(-128, 127),
                              .stride = {sx, sy}, .padding = {px, py}, .dilation = {dx, dy},
                              .activation = {rnd_range(-128, -100), rnd_range(100, 127)}};
    cmsis_nn_dims id_ = {n, h, w, ci}, fd = {co, kh, kw, ci}, bd = {1, 1, 1, co};
    cmsis_nn_dims od = {n, (h + 2 * py - dy * (kh - 1) - 1) / sy + 1, (w + 2 * px - dx * (kw - 1) - 1) / sx + 1, co};
    cmsis_nn_per_channel_quant_params q = {mult_buf, shift_buf};
    fill_s8(in_buf, n * h * w * ci);
    fill_s8(w_buf, co * kh * kw * ci);
    random_quant(co);
    int32_t bufsz = arm_convolve_wrapper_s8_get_buffer_size(&p, &id_, &fd, &od);
    if (bufsz > MAX_SCRATCH || n * h * w * ci > MAX_IN || co * kh * kw * ci > MAX_W ||
        od.n * od.h * od.w * od.c > MAX_OUT) {
        printf("SKIP-TOO-BIG %s case %d\n", name, id);
        failed++;
        return;
    }
    cmsis_nn_context ctx = {scratch, MAX_SCRATCH};
    arm_cmsis_nn_status st = fn(&ctx, &p, &q, &id_, in_buf, &fd, w_buf, &bd, bias_buf, &od, out_buf);
    if (st != ARM_CMSIS_NN_SUCCESS) {
        printf("FAIL %s case %d: status %d\n", name, id, (int)st);
        failed++;
        return;
    }
    ref_conv(&p, &id_, &fd, &od);
    check(name, id, od.n * od.h * od.w * od.c);
}

/* ---------------- depthwise ---------------- */
static void ref_dw(const cmsis_nn_dw_conv_params *p, const cmsis_nn_dims *id, const cmsis_nn_dims *fd,
                   const cmsis_nn_dims *od)
{
    int8_t *o = ref_buf;
    for (int32_t b = 0; b < id->n; b++)
        for (int32_t oy = 0; oy < od->h; oy++)
            for (int32_t ox = 0; ox < od->w; ox++)
                for (int32_t oc = 0; oc < od->c; oc++) {
                    int32_t ic = oc / p->ch_mult;
                    int32_t acc = bias_buf[oc];
                    for (int32_t ky = 0; ky < fd->h; ky++)
                        for (int32_t kx = 0; kx < fd->w; kx++) {
                            int32_t iy = oy * p->stride.h - p->padding.h + ky * p->dilation.h;
                            int32_t ix = ox * p->stride.w - p->padding.w + kx * p->dilation.w;
                            if (iy < 0 || ix < 0 || iy >= id->h || ix >= id->w)
                                continue;
                            acc += (in_buf[((b * id->h + iy) * id->w + ix) * id->c + ic] + p->input_offset) *
                                   w_buf[(ky * fd->w + kx) * od->c + oc];
                        }
                    *o++ = ref_out(acc, mult_buf[oc], shift_buf[oc], p->output_offset, p->activation.min,
                                   p->activation.max);
                }
}

typedef arm_cmsis_nn_status (*dw_fn)(const cmsis_nn_context *, const cmsis_nn_dw_conv_params *,
                                     const cmsis_nn_per_channel_quant_params *, const cmsis_nn_dims *,
                                     const int8_t *, const cmsis_nn_dims *, const int8_t *, const cmsis_nn_dims *,
                                     const int32_t *, const cmsis_nn_dims *, int8_t *);

static void test_dw(const char *name, dw_fn fn, int id, int32_t h, int32_t w, int32_t ci, int32_t cm, int32_t k,
                    int32_t s, int32_t pad, int32_t dil)
{
    cmsis_nn_dw_conv_params p = {.input_offset = rnd_range(-127, 128), .output_offset = rnd_range(-128, 127),
                                 .ch_mult = cm, .stride = {s, s}, .padding = {pad, pad}, .dilation = {dil, dil},
                                 .activation = {-128, 127}};
    int32_t co = ci * cm;
    cmsis_nn_dims id_ = {1, h, w, ci}, fd = {1, k, k, co}, bd = {1, 1, 1, co};
    cmsis_nn_dims od = {1, (h + 2 * pad - dil * (k - 1) - 1) / s + 1, (w + 2 * pad - dil * (k - 1) - 1) / s + 1, co};
    cmsis_nn_per_channel_quant_params q = {mult_buf, shift_buf};
    fill_s8(in_buf, h * w * ci);
    fill_s8(w_buf, k * k * co);
    random_quant(co);
    int32_t bufsz = arm_depthwise_conv_wrapper_s8_get_buffer_size(&p, &id_, &fd, &od);
    int32_t bufsz2 = arm_depthwise_conv_s8_opt_get_buffer_size(&id_, &fd);
    if (bufsz > MAX_SCRATCH || bufsz2 > MAX_SCRATCH || od.h * od.w * co > MAX_OUT) {
        printf("SKIP-TOO-BIG %s case %d\n", name, id);
        failed++;
        return;
    }
    cmsis_nn_context ctx = {scratch, MAX_SCRATCH};
    arm_cmsis_nn_status st = fn(&ctx, &p, &q, &id_, in_buf, &fd, w_buf, &bd, bias_buf, &od, out_buf);
    if (st != ARM_CMSIS_NN_SUCCESS) {
        printf("FAIL %s case %d: status %d\n", name, id, (int)st);
        failed++;
        return;
    }
    ref_dw(&p, &id_, &fd, &od);
    check(name, id, od.h * od.w * co);
}

/* ---------------- fully connected ---------------- */
static void test_fc(int id, int32_t batches, int32_t in_n, int32_t out_n)
{
    cmsis_nn_fc_params p = {.input_offset = rnd_range(-127, 128), .filter_offset = 0,
                            .output_offset = rnd_range(-128, 127), .activation = {-128, 127}};
    cmsis_nn_per_tensor_quant_params q = {(int32_t)(0x40000000u + (rnd() & 0x3FFFFFFFu)), rnd_range(-10, -7)};
    cmsis_nn_dims id_ = {batches, 1, 1, in_n}, fd = {in_n, 1, 1, out_n}, bd = {1, 1, 1, out_n},
                  od = {batches, 1, 1, out_n};
    fill_s8(in_buf, batches * in_n);
    fill_s8(w_buf, in_n * out_n);
    random_quant(out_n);
    cmsis_nn_context ctx = {scratch, MAX_SCRATCH};
    arm_fully_connected_s8(&ctx, &p, &q, &id_, in_buf, &fd, w_buf, &bd, bias_buf, &od, out_buf);
    for (int32_t b = 0; b < batches; b++)
        for (int32_t o = 0; o < out_n; o++) {
            int32_t acc = bias_buf[o];
            for (int32_t i = 0; i < in_n; i++)
                acc += (in_buf[b * in_n + i] + p.input_offset) * w_buf[o * in_n + i];
            ref_buf[b * out_n + o] = ref_out(acc, q.multiplier, q.shift, p.output_offset, -128, 127);
        }
    check("fully_connected", id, batches * out_n);
}

/* ---------------- pooling ---------------- */
static void test_pool(int id, int is_max, int32_t h, int32_t w, int32_t c, int32_t k, int32_t s, int32_t pad)
{
    cmsis_nn_pool_params p = {.stride = {s, s}, .padding = {pad, pad}, .activation = {rnd_range(-128, -60), rnd_range(60, 127)}};
    cmsis_nn_dims id_ = {1, h, w, c}, fd = {1, k, k, 1};
    cmsis_nn_dims od = {1, (h + 2 * pad - k) / s + 1, (w + 2 * pad - k) / s + 1, c};
    fill_s8(in_buf, h * w * c);
    cmsis_nn_context ctx = {scratch, MAX_SCRATCH};
    if (is_max)
        arm_max_pool_s8(&ctx, &p, &id_, in_buf, &fd, &od, out_buf);
    else
        arm_avgpool_s8(&ctx, &p, &id_, in_buf, &fd, &od, out_buf);
    int8_t *o = ref_buf;
    for (int32_t oy = 0; oy < od.h; oy++)
        for (int32_t ox = 0; ox < od.w; ox++)
            for (int32_t ch = 0; ch < c; ch++) {
                int32_t mx = -129, sum = 0, cnt = 0;
                for (int32_t ky = 0; ky < k; ky++)
                    for (int32_t kx = 0; kx < k; kx++) {
                        int32_t iy = oy * s - pad + ky, ix = ox * s - pad + kx;
                        if (iy < 0 || ix < 0 || iy >= h || ix >= w)
                            continue;
                        int32_t v = in_buf[(iy * w + ix) * c + ch];
                        mx = v > mx ? v : mx;
                        sum += v;
                        cnt++;
                    }
                int32_t r = is_max ? mx : (sum > 0 ? (sum + cnt / 2) / cnt : (sum - cnt / 2) / cnt);
                r = r < p.activation.min ? p.activation.min : r;
                r = r > p.activation.max ? p.activation.max : r;
                *o++ = (int8_t)r;
            }
    check(is_max ? "max_pool" : "avgpool", id, od.h * od.w * c);
}

/* ---------------- softmax (float comparison) ---------------- */
static void test_softmax(int id, int32_t rows, int32_t n)
{
    /* input scale 1/16 (beta 1): real multiplier = 1/16 * 2^(31-5) ... computed as
     * TFLite does: input_beta_real = beta * scale * 2^(31 - 5), split into
     * Q31 multiplier and left shift. */
    const double scale = 1.0 / 16.0;
    double real = scale * (double)(1u << 26);
    int32_t shift = 0;
    while (real >= 1.0) {
        real /= 2.0;
        shift++;
    }
    int32_t mult = (int32_t)llround(real * 2147483648.0);
    if (mult == INT32_MIN || real * 2147483648.0 >= 2147483647.5) {
        mult /= 2;
        shift++;
    }
    /* diff_min: -CalculateInputRadius(5, shift) (the largest representable diff) */
    double max_input_rescaled = 31.0 * (double)(1ll << (31 - 5)) / (double)(1ll << shift);
    int32_t diff_min = -(int32_t)floor(max_input_rescaled);
    fill_s8(in_buf, rows * n);
    arm_softmax_s8(in_buf, rows, n, mult, shift, diff_min, out_buf);
    int bad = 0;
    for (int32_t r = 0; r < rows; r++) {
        double mx = -1e9, sum = 0;
        for (int32_t i = 0; i < n; i++)
            mx = in_buf[r * n + i] > mx ? in_buf[r * n + i] : mx;
        for (int32_t i = 0; i < n; i++)
            sum += exp((in_buf[r * n + i] - mx) * scale);
        for (int32_t i = 0; i < n; i++) {
            double want = exp((in_buf[r * n + i] - mx) * scale) / sum * 256.0 - 128.0;
            if (want > 127)
                want = 127;
            if (fabs(want - out_buf[r * n + i]) > 1.01) {
                if (!bad)
                    printf("FAIL softmax case %d: element %ld got %d want %.2f\n", id, (long)(r * n + i),
                           out_buf[r * n + i], want);
                bad = 1;
            }
        }
    }
    checksum = m7sim_fnv1a(checksum, out_buf, (size_t)(rows * n));
    if (bad)
        failed++;
    else
        passed++;
}

/* ---------------- elementwise / activations ---------------- */
static void test_add(int id, int32_t n)
{
    int32_t o1 = rnd_range(-127, 128), o2 = rnd_range(-127, 128), oo = rnd_range(-128, 127);
    int32_t m1 = (int32_t)(0x40000000u + (rnd() & 0x3FFFFFFFu)), s1 = rnd_range(-3, 0);
    int32_t m2 = (int32_t)(0x40000000u + (rnd() & 0x3FFFFFFFu)), s2 = rnd_range(-3, 0);
    int32_t mo = (int32_t)(0x40000000u + (rnd() & 0x3FFFFFFFu)), so = rnd_range(-22, -18);
    fill_s8(in_buf, n);
    fill_s8(in2_buf, n);
    arm_elementwise_add_s8(in_buf, in2_buf, o1, m1, s1, o2, m2, s2, 20, out_buf, oo, mo, so, -128, 127, n);
    for (int32_t i = 0; i < n; i++) {
        int32_t a = ref_mbqm((in_buf[i] + o1) * (1 << 20), m1, s1);
        int32_t b = ref_mbqm((in2_buf[i] + o2) * (1 << 20), m2, s2);
        ref_buf[i] = ref_out(a + b, mo, so, oo, -128, 127);
    }
    check("elementwise_add", id, n);
}

static void test_mul(int id, int32_t n)
{
    int32_t o1 = rnd_range(-127, 128), o2 = rnd_range(-127, 128), oo = rnd_range(-128, 127);
    int32_t mo = (int32_t)(0x40000000u + (rnd() & 0x3FFFFFFFu)), so = rnd_range(-9, -7);
    fill_s8(in_buf, n);
    fill_s8(in2_buf, n);
    arm_elementwise_mul_s8(in_buf, in2_buf, o1, o2, out_buf, oo, mo, so, -100, 120, n);
    for (int32_t i = 0; i < n; i++)
        ref_buf[i] = ref_out((in_buf[i] + o1) * (in2_buf[i] + o2), mo, so, oo, -100, 120);
    check("elementwise_mul", id, n);
}

static void test_relu(int id, int32_t n)
{
    fill_s8(out_buf, n);
    for (int32_t i = 0; i < n; i++)
        ref_buf[i] = out_buf[i] < 0 ? 0 : (out_buf[i] > 6 ? 6 : out_buf[i]);
    arm_relu6_s8(out_buf, (uint16_t)n);
    check("relu6", id, n);
    fill_s8(out_buf, n);
    for (int32_t i = 0; i < n; i++)
        ref_buf[i] = out_buf[i] < 0 ? 0 : out_buf[i];
    arm_relu_q7(out_buf, (uint16_t)n);
    check("relu", id, n);
}

int main(int argc, char **argv)
{
    int id = 0;
    /* convolution: general / wrapper / 1x1 / 1xN */
    test_conv("convolve_s8", arm_convolve_s8, id++, 1, 8, 8, 3, 8, 3, 3, 1, 1, 1, 1, 1, 1);
    test_conv("convolve_s8", arm_convolve_s8, id++, 1, 9, 7, 5, 7, 3, 3, 2, 2, 1, 1, 1, 1);
    test_conv("convolve_s8", arm_convolve_s8, id++, 2, 6, 6, 4, 5, 5, 5, 1, 1, 2, 2, 1, 1);
    test_conv("convolve_s8", arm_convolve_s8, id++, 1, 10, 10, 2, 3, 3, 3, 1, 1, 2, 2, 2, 2);
    test_conv("convolve_s8", arm_convolve_s8, id++, 1, 7, 9, 1, 4, 4, 2, 2, 1, 1, 0, 1, 1);
    test_conv("convolve_s8", arm_convolve_s8, id++, 1, 5, 5, 16, 16, 1, 1, 1, 1, 0, 0, 1, 1);
    test_conv("convolve_wrapper_s8", arm_convolve_wrapper_s8, id++, 1, 6, 5, 8, 9, 1, 1, 1, 1, 0, 0, 1, 1);
    test_conv("convolve_1x1_s8_fast", arm_convolve_1x1_s8_fast, id++, 1, 7, 3, 12, 11, 1, 1, 1, 1, 0, 0, 1, 1);
    test_conv("convolve_1x1_s8_fast", arm_convolve_1x1_s8_fast, id++, 2, 3, 3, 32, 6, 1, 1, 1, 1, 0, 0, 1, 1);
    test_conv("convolve_1_x_n_s8", arm_convolve_1_x_n_s8, id++, 1, 1, 16, 5, 6, 1, 5, 1, 1, 0, 2, 1, 1);
    test_conv("convolve_1_x_n_s8", arm_convolve_1_x_n_s8, id++, 2, 1, 16, 3, 7, 1, 4, 1, 2, 0, 1, 1, 1);
    test_conv("convolve_wrapper_s8", arm_convolve_wrapper_s8, id++, 1, 1, 12, 8, 4, 1, 3, 1, 1, 0, 1, 1, 1);
    test_conv("convolve_wrapper_s8", arm_convolve_wrapper_s8, id++, 1, 12, 10, 3, 10, 5, 5, 2, 2, 2, 2, 1, 1);
    for (int i = 0; i < 6; i++) {
        int32_t k = rnd_range(1, 5), s = rnd_range(1, 2), pad = rnd_range(0, k / 2);
        test_conv("convolve_wrapper_s8", arm_convolve_wrapper_s8, id++, 1, rnd_range(k, 9), rnd_range(k, 9),
                  rnd_range(1, 12), rnd_range(1, 12), k, k, s, s, pad, pad, 1, 1);
    }
    /* depthwise */
    test_dw("depthwise_conv_s8", arm_depthwise_conv_s8, id++, 7, 6, 5, 2, 3, 1, 1, 1);
    test_dw("depthwise_conv_s8", arm_depthwise_conv_s8, id++, 9, 9, 3, 3, 3, 2, 1, 2);
    test_dw("depthwise_conv_s8_opt", arm_depthwise_conv_s8_opt, id++, 8, 8, 16, 1, 3, 1, 1, 1);
    test_dw("depthwise_conv_s8_opt", arm_depthwise_conv_s8_opt, id++, 9, 7, 13, 1, 5, 2, 2, 1);
    test_dw("depthwise_conv_s8_opt", arm_depthwise_conv_s8_opt, id++, 6, 6, 8, 1, 2, 1, 0, 1);
    test_dw("depthwise_conv_3x3_s8", arm_depthwise_conv_3x3_s8, id++, 8, 8, 16, 1, 3, 1, 1, 1);
    test_dw("depthwise_conv_3x3_s8", arm_depthwise_conv_3x3_s8, id++, 9, 7, 12, 1, 3, 2, 1, 1);
    test_dw("depthwise_conv_3x3_s8", arm_depthwise_conv_3x3_s8, id++, 5, 6, 7, 1, 3, 1, 0, 1);
    test_dw("depthwise_conv_wrapper_s8", arm_depthwise_conv_wrapper_s8, id++, 10, 10, 24, 1, 3, 1, 1, 1);
    test_dw("depthwise_conv_wrapper_s8", arm_depthwise_conv_wrapper_s8, id++, 10, 10, 6, 2, 3, 1, 1, 1);
    for (int i = 0; i < 8; i++) {
        int32_t k = rnd_range(1, 5), s = rnd_range(1, 2), pad = rnd_range(0, k / 2);
        test_dw("depthwise_conv_s8_opt", arm_depthwise_conv_s8_opt, id++, rnd_range(k, 9), rnd_range(k, 9),
                rnd_range(1, 20), 1, k, s, pad, 1);
        test_dw("depthwise_conv_3x3_s8", arm_depthwise_conv_3x3_s8, id++, rnd_range(3, 9), rnd_range(3, 9),
                rnd_range(1, 20), 1, 3, s, rnd_range(0, 1), 1);
    }
    /* fully connected */
    test_fc(id++, 1, 64, 12);
    test_fc(id++, 1, rnd_range(1, 50), rnd_range(1, 20));
    test_fc(id++, 3, rnd_range(1, 50), rnd_range(1, 20));
    test_fc(id++, 2, 37, 9);
    test_fc(id++, 1, 1024, 10);
    /* pooling */
    test_pool(id++, 1, 8, 8, 16, 3, 2, 1);
    test_pool(id++, 1, 7, 9, 5, 2, 2, 0);
    test_pool(id++, 0, 8, 8, 16, 3, 2, 1);
    test_pool(id++, 0, 5, 5, 12, 5, 1, 0);
    test_pool(id++, 0, 7, 6, 7, 3, 1, 1);
    /* softmax */
    test_softmax(id++, 1, 10);
    test_softmax(id++, 3, 12);
    test_softmax(id++, 2, 33);
    /* elementwise / activations */
    test_add(id++, 64);
    test_add(id++, 37);
    test_mul(id++, 64);
    test_mul(id++, 23);
    test_relu(id++, 61);

    printf("nn_selftest: %d passed, %d failed\n", passed, failed);
    printf("nn_selftest checksum 0x%08lx\n", (unsigned long)checksum);
    if (m7sim_has_flag(argc, argv, "--dump"))
        m7sim_dump_s8("last output", out_buf, 61);
    return failed ? 1 : 0;
}
