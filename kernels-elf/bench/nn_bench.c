/*
 * bench/nn_bench.c -- operator micro-benchmarks for the cmsis-nn/ kernels.
 *
 * One source, one ELF per operator family, selected with -DBENCH_SUITE=<n>:
 *   bench_conv      arm_convolve_wrapper_s8 (general im2col path, one 1xN case)
 *   bench_conv1x1   arm_convolve_1x1_s8_fast
 *   bench_dwconv    arm_depthwise_conv_wrapper_s8 (3x3 / opt / generic paths)
 *   bench_fc        arm_fully_connected_s8
 *   bench_maxpool   arm_max_pool_s8
 *   bench_avgpool   arm_avgpool_s8
 *   bench_relu      arm_relu_q7 and arm_relu6_s8
 *   bench_softmax   arm_softmax_s8
 *   bench_add       arm_elementwise_add_s8 and arm_elementwise_mul_s8
 * Each suite sweeps shapes whose work per output element ("MACs per output":
 * k*k*cin for convolutions, cin for 1x1, k*k for depthwise, input size for FC,
 * window size for pooling, row size for softmax, 1 for elementwise) runs from
 * below 10 to about 1000.  Every case is one call of the kernel, preceded by a
 * call of the never-inlined marker bench_case(id) so that a profiler can cut
 * the run into cases.
 *
 * Data: filters come from the constant pool bench_weights[] (flash,
 * tools/gen_weights.py); activations are filled at run time with xorshift32
 * seeded 0x9E3779B9 + case id (x ^= x<<13; x ^= x>>17; x ^= x<<5; byte = low 8
 * bits).  Per-channel multiplier c = bench_mult[c], bias c = bench_bias[c],
 * shift = -(6 + floor(log2(MACs per output)) / 2); input offset 7, output
 * offset -3, activation [-128, 127] unless stated.
 *
 * Output: one line per case, "case <id> <op> <shape> mpo=<n> macs=<n>
 * checksum 0x........" (FNV-1a of the output tensor), then
 * "<suite> checksum 0x........" over all case outputs.
 */
#include <stdio.h>
#include <string.h>
#include "arm_nnfunctions.h"
#include "m7sim_io.h"
#include "generated/bench_weights.h"

#ifndef BENCH_SUITE
#define BENCH_SUITE 0
#endif
#define SUITE_CONV 0
#define SUITE_CONV1X1 1
#define SUITE_DWCONV 2
#define SUITE_FC 3
#define SUITE_MAXPOOL 4
#define SUITE_AVGPOOL 5
#define SUITE_RELU 6
#define SUITE_SOFTMAX 7
#define SUITE_ADD 8

/* Buffers (all in .bss, i.e. DTCM on the f746 board); the add suite needs a
 * second input instead of the scratch buffer and stops at 8192 elements. */
#if BENCH_SUITE == SUITE_ADD
#define IN_BYTES 8192
#define OUT_BYTES 8192
#define SCRATCH_BYTES 4
#else
#define IN_BYTES 16384
#define OUT_BYTES 16384
#define SCRATCH_BYTES 8192
#endif

static int8_t in_buf[IN_BYTES] __attribute__((aligned(8)));
static int8_t in2_buf[(BENCH_SUITE == SUITE_ADD) ? IN_BYTES : 4] __attribute__((aligned(8)));
static int8_t out_buf[OUT_BYTES] __attribute__((aligned(8)));
static int32_t scratch[SCRATCH_BYTES / 4];
static int32_t shift_buf[BENCH_CHANNELS];

static uint32_t total = M7SIM_FNV_INIT;
static int dump;
static int errors;

/* Marker: the profiler sees one call per case, argument = case id. */
__attribute__((noinline)) void bench_case(int id)
{
    __asm volatile("" ::"r"(id) : "memory");
}

static void fill(int8_t *p, int32_t n, uint32_t seed)
{
    uint32_t x = 0x9E3779B9u + seed;
    for (int32_t i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        p[i] = (int8_t)x;
    }
}

static int32_t shift_for(int32_t mpo)
{
    return -(6 + (31 - __builtin_clz((uint32_t)mpo)) / 2);
}

static void set_shifts(int32_t mpo)
{
    for (int i = 0; i < BENCH_CHANNELS; i++)
        shift_buf[i] = shift_for(mpo);
}

static void report(int id, const char *op, const char *shape, int32_t mpo, int32_t macs, int32_t n,
                   arm_cmsis_nn_status st)
{
    uint32_t h = m7sim_fnv1a(M7SIM_FNV_INIT, out_buf, (size_t)n);
    total = m7sim_fnv1a(total, out_buf, (size_t)n);
    printf("case %d %s %s mpo=%ld macs=%ld checksum 0x%08lx%s\n", id, op, shape, (long)mpo, (long)macs,
           (unsigned long)h, st == ARM_CMSIS_NN_SUCCESS ? "" : " STATUS-ERROR");
    if (st != ARM_CMSIS_NN_SUCCESS)
        errors++;
    if (dump)
        m7sim_dump_s8(op, out_buf, (size_t)n);
}

/* ------------------------------------------------------------ convolutions */

__attribute__((unused)) static void run_conv(int id, int32_t h, int32_t w, int32_t ci, int32_t co, int32_t kh, int32_t kw, int32_t s,
                     int fast1x1)
{
    const int32_t ph = (kh - 1) / 2, pw = (kw - 1) / 2;
    const int32_t oh = (h + 2 * ph - kh) / s + 1, ow = (w + 2 * pw - kw) / s + 1;
    const cmsis_nn_conv_params p = {.input_offset = 7, .output_offset = -3, .stride = {s, s},
                                    .padding = {pw, ph}, .dilation = {1, 1}, .activation = {-128, 127}};
    const cmsis_nn_dims id_ = {1, h, w, ci}, fd = {co, kh, kw, ci}, bd = {1, 1, 1, co}, od = {1, oh, ow, co};
    const int32_t mpo = kh * kw * ci;
    set_shifts(mpo);
    const cmsis_nn_per_channel_quant_params q = {(int32_t *)bench_mult, shift_buf};
    cmsis_nn_context ctx = {scratch, SCRATCH_BYTES};
    char shape[64];
    snprintf(shape, sizeof shape, "%ldx%ldx%ld-k%ldx%ld/%ld-o%ld", (long)h, (long)w, (long)ci, (long)kh, (long)kw,
             (long)s, (long)co);
    fill(in_buf, h * w * ci, (uint32_t)id);
    arm_cmsis_nn_status st;
    if (h * w * ci > IN_BYTES || oh * ow * co > OUT_BYTES || mpo * co > BENCH_WEIGHT_BYTES || co > BENCH_CHANNELS ||
        arm_convolve_wrapper_s8_get_buffer_size(&p, &id_, &fd, &od) > SCRATCH_BYTES) {
        st = ARM_CMSIS_NN_ARG_ERROR;
    } else {
        bench_case(id);
        if (fast1x1)
            st = arm_convolve_1x1_s8_fast(&ctx, &p, &q, &id_, in_buf, &fd, bench_weights, &bd, bench_bias, &od,
                                          out_buf);
        else
            st = arm_convolve_wrapper_s8(&ctx, &p, &q, &id_, in_buf, &fd, bench_weights, &bd, bench_bias, &od,
                                         out_buf);
    }
    report(id, fast1x1 ? "conv1x1" : "conv", shape, mpo, mpo * oh * ow * co, oh * ow * co, st);
}

__attribute__((unused)) static void run_dw(int id, int32_t h, int32_t w, int32_t ci, int32_t mult, int32_t k, int32_t s)
{
    const int32_t pad = (k - 1) / 2;
    const int32_t oh = (h + 2 * pad - k) / s + 1, ow = (w + 2 * pad - k) / s + 1, co = ci * mult;
    const cmsis_nn_dw_conv_params p = {.input_offset = 7, .output_offset = -3, .ch_mult = mult, .stride = {s, s},
                                       .padding = {pad, pad}, .dilation = {1, 1}, .activation = {-128, 127}};
    const cmsis_nn_dims id_ = {1, h, w, ci}, fd = {1, k, k, co}, bd = {1, 1, 1, co}, od = {1, oh, ow, co};
    const int32_t mpo = k * k;
    set_shifts(mpo);
    const cmsis_nn_per_channel_quant_params q = {(int32_t *)bench_mult, shift_buf};
    cmsis_nn_context ctx = {scratch, SCRATCH_BYTES};
    char shape[64];
    snprintf(shape, sizeof shape, "%ldx%ldx%ld-k%ld/%ld-x%ld", (long)h, (long)w, (long)ci, (long)k, (long)s,
             (long)mult);
    fill(in_buf, h * w * ci, (uint32_t)id);
    arm_cmsis_nn_status st;
    if (h * w * ci > IN_BYTES || oh * ow * co > OUT_BYTES || k * k * co > BENCH_WEIGHT_BYTES ||
        arm_depthwise_conv_wrapper_s8_get_buffer_size(&p, &id_, &fd, &od) > SCRATCH_BYTES) {
        st = ARM_CMSIS_NN_ARG_ERROR;
    } else {
        bench_case(id);
        st = arm_depthwise_conv_wrapper_s8(&ctx, &p, &q, &id_, in_buf, &fd, bench_weights, &bd, bench_bias, &od,
                                           out_buf);
    }
    report(id, "dwconv", shape, mpo, mpo * oh * ow * co, oh * ow * co, st);
}

__attribute__((unused)) static void run_fc(int id, int32_t n_in, int32_t n_out)
{
    const cmsis_nn_fc_params p = {.input_offset = 7, .filter_offset = 0, .output_offset = -3,
                                  .activation = {-128, 127}};
    const cmsis_nn_per_tensor_quant_params q = {bench_mult[0], shift_for(n_in)};
    const cmsis_nn_dims id_ = {1, 1, 1, n_in}, fd = {n_in, 1, 1, n_out}, bd = {1, 1, 1, n_out},
                        od = {1, 1, 1, n_out};
    cmsis_nn_context ctx = {scratch, SCRATCH_BYTES};
    char shape[64];
    snprintf(shape, sizeof shape, "%ld-o%ld", (long)n_in, (long)n_out);
    fill(in_buf, n_in, (uint32_t)id);
    arm_cmsis_nn_status st = ARM_CMSIS_NN_ARG_ERROR;
    if (n_in * n_out <= BENCH_WEIGHT_BYTES && n_out <= BENCH_CHANNELS) {
        bench_case(id);
        st = arm_fully_connected_s8(&ctx, &p, &q, &id_, in_buf, &fd, bench_weights, &bd, bench_bias, &od, out_buf);
    }
    report(id, "fc", shape, n_in, n_in * n_out, n_out, st);
}

/* ---------------------------------------------------------------- pooling */

__attribute__((unused)) static void run_pool(int id, int is_max, int32_t h, int32_t w, int32_t c, int32_t k, int32_t s)
{
    /* SAME-style: ceil(in / s) outputs, windows clipped at the far edge */
    const int32_t oh = (h + s - 1) / s, ow = (w + s - 1) / s;
    const int32_t ph = ((oh - 1) * s + k - h) > 0 ? ((oh - 1) * s + k - h) / 2 : 0;
    const int32_t pw = ((ow - 1) * s + k - w) > 0 ? ((ow - 1) * s + k - w) / 2 : 0;
    const cmsis_nn_pool_params p = {.stride = {s, s}, .padding = {pw, ph}, .activation = {-128, 127}};
    const cmsis_nn_dims id_ = {1, h, w, c}, fd = {1, k, k, 1}, od = {1, oh, ow, c};
    cmsis_nn_context ctx = {scratch, SCRATCH_BYTES};
    char shape[64];
    snprintf(shape, sizeof shape, "%ldx%ldx%ld-k%ld/%ld", (long)h, (long)w, (long)c, (long)k, (long)s);
    fill(in_buf, h * w * c, (uint32_t)id);
    bench_case(id);
    arm_cmsis_nn_status st = is_max ? arm_max_pool_s8(&ctx, &p, &id_, in_buf, &fd, &od, out_buf)
                                    : arm_avgpool_s8(&ctx, &p, &id_, in_buf, &fd, &od, out_buf);
    report(id, is_max ? "maxpool" : "avgpool", shape, k * k, 0, oh * ow * c, st);
}

/* ------------------------------------------------------- elementwise etc. */

__attribute__((unused)) static void run_relu(int id, int six, int32_t n)
{
    char shape[32];
    snprintf(shape, sizeof shape, "%ld", (long)n);
    fill(out_buf, n, (uint32_t)id);
    bench_case(id);
    if (six)
        arm_relu6_s8(out_buf, (uint16_t)n);
    else
        arm_relu_q7(out_buf, (uint16_t)n);
    report(id, six ? "relu6" : "relu", shape, 1, 0, n, ARM_CMSIS_NN_SUCCESS);
}

__attribute__((unused)) static void run_softmax(int id, int32_t rows, int32_t n)
{
    /* input scale 1/16: input_beta_multiplier 0x40000000, left shift 23,
     * diff_min = -floor(31 * 2^26 / 2^23) = -248 */
    char shape[32];
    snprintf(shape, sizeof shape, "%ldx%ld", (long)rows, (long)n);
    fill(in_buf, rows * n, (uint32_t)id);
    bench_case(id);
    arm_softmax_s8(in_buf, rows, n, 0x40000000, 23, -248, out_buf);
    report(id, "softmax", shape, n, 0, rows * n, ARM_CMSIS_NN_SUCCESS);
}

__attribute__((unused)) static void run_add(int id, int mul, int32_t n)
{
    char shape[32];
    snprintf(shape, sizeof shape, "%ld", (long)n);
    fill(in_buf, n, (uint32_t)id);
    fill(in2_buf, n, (uint32_t)id + 1000u);
    bench_case(id);
    arm_cmsis_nn_status st;
    if (mul)
        st = arm_elementwise_mul_s8(in_buf, in2_buf, 7, -5, out_buf, -3, 0x5A000000, -8, -128, 127, n);
    else
        st = arm_elementwise_add_s8(in_buf, in2_buf, 7, 0x40000000, -1, -5, 0x60000000, -1, 20, out_buf, -3,
                                    0x50000000, -19, -128, 127, n);
    report(id, mul ? "mul" : "add", shape, 1, mul ? n : 0, n, st);
}

/* ------------------------------------------------------------------ suites */

#if BENCH_SUITE == SUITE_CONV
#define SUITE_NAME "bench_conv"
static void suite(void)
{
    int id = 0;
    run_conv(id++, 32, 32, 1, 8, 3, 3, 1, 0);   /* mpo 9 */
    run_conv(id++, 32, 32, 3, 16, 3, 3, 1, 0);  /* 27 */
    run_conv(id++, 32, 32, 8, 16, 3, 3, 2, 0);  /* 72, stride 2 */
    run_conv(id++, 16, 16, 8, 16, 3, 3, 1, 0);  /* 72 */
    run_conv(id++, 16, 16, 16, 16, 3, 3, 1, 0); /* 144 */
    run_conv(id++, 8, 8, 32, 32, 3, 3, 1, 0);   /* 288 */
    run_conv(id++, 8, 8, 16, 32, 5, 5, 1, 0);   /* 400 */
    run_conv(id++, 8, 8, 64, 64, 3, 3, 1, 0);   /* 576 */
    run_conv(id++, 8, 8, 32, 32, 5, 5, 1, 0);   /* 800 */
    run_conv(id++, 4, 4, 112, 32, 3, 3, 1, 0);  /* 1008 */
    run_conv(id++, 1, 64, 16, 16, 1, 8, 1, 0);  /* 128, 1xN path (even kernel: pad 3, output 63 -> general) */
    run_conv(id++, 1, 64, 16, 16, 1, 9, 1, 0);  /* 144, 1xN path (output 64) */
}
#elif BENCH_SUITE == SUITE_CONV1X1
#define SUITE_NAME "bench_conv1x1"
static void suite(void)
{
    int id = 0;
    run_conv(id++, 32, 32, 4, 16, 1, 1, 1, 1);  /* mpo 4 */
    run_conv(id++, 32, 32, 8, 16, 1, 1, 1, 1);  /* 8 */
    run_conv(id++, 16, 16, 16, 32, 1, 1, 1, 1); /* 16 */
    run_conv(id++, 16, 16, 32, 32, 1, 1, 1, 1); /* 32 */
    run_conv(id++, 8, 8, 64, 64, 1, 1, 1, 1);   /* 64 */
    run_conv(id++, 8, 8, 128, 64, 1, 1, 1, 1);  /* 128 */
    run_conv(id++, 4, 4, 256, 64, 1, 1, 1, 1);  /* 256 */
    run_conv(id++, 4, 4, 512, 32, 1, 1, 1, 1);  /* 512 */
    run_conv(id++, 2, 2, 1024, 32, 1, 1, 1, 1); /* 1024 */
    run_conv(id++, 5, 5, 60, 30, 1, 1, 1, 1);   /* 60, odd pixel count, 2-row tail */
}
#elif BENCH_SUITE == SUITE_DWCONV
#define SUITE_NAME "bench_dwconv"
static void suite(void)
{
    int id = 0;
    run_dw(id++, 16, 16, 32, 1, 3, 1);  /* mpo 9, 3x3 path */
    run_dw(id++, 32, 32, 16, 1, 3, 2);  /* 9, 3x3 path, stride 2 */
    run_dw(id++, 16, 16, 30, 1, 3, 1);  /* 9, opt path (channels not multiple of 4) */
    run_dw(id++, 16, 16, 16, 2, 3, 1);  /* 9, generic path (ch_mult 2) */
    run_dw(id++, 16, 16, 32, 1, 5, 1);  /* 25, opt */
    run_dw(id++, 16, 16, 32, 1, 7, 1);  /* 49, opt */
    run_dw(id++, 16, 16, 16, 1, 9, 1);  /* 81, opt */
    run_dw(id++, 16, 16, 16, 1, 15, 1); /* 225, opt */
    run_dw(id++, 16, 16, 4, 1, 31, 1);  /* 961, opt */
}
#elif BENCH_SUITE == SUITE_FC
#define SUITE_NAME "bench_fc"
static void suite(void)
{
    int id = 0;
    run_fc(id++, 8, 256);   /* mpo 8 */
    run_fc(id++, 16, 256);
    run_fc(id++, 32, 256);
    run_fc(id++, 64, 128);
    run_fc(id++, 128, 128);
    run_fc(id++, 256, 64);
    run_fc(id++, 512, 64);
    run_fc(id++, 1024, 32);
    run_fc(id++, 1024, 10);
    run_fc(id++, 1000, 11); /* odd sizes: scalar tails */
}
#elif BENCH_SUITE == SUITE_MAXPOOL || BENCH_SUITE == SUITE_AVGPOOL
#if BENCH_SUITE == SUITE_MAXPOOL
#define SUITE_NAME "bench_maxpool"
#define IS_MAX 1
#else
#define SUITE_NAME "bench_avgpool"
#define IS_MAX 0
#endif
static void suite(void)
{
    int id = 0;
    run_pool(id++, IS_MAX, 32, 32, 16, 2, 2);   /* mpo 4 */
    run_pool(id++, IS_MAX, 32, 32, 16, 3, 2);   /* 9 */
    run_pool(id++, IS_MAX, 16, 16, 16, 3, 1);   /* 9, stride 1 */
    run_pool(id++, IS_MAX, 16, 16, 16, 5, 1);   /* 25 */
    run_pool(id++, IS_MAX, 32, 32, 16, 8, 8);   /* 64 */
    run_pool(id++, IS_MAX, 32, 32, 16, 16, 16); /* 256 */
    run_pool(id++, IS_MAX, 32, 32, 16, 32, 32); /* 1024, global */
    run_pool(id++, IS_MAX, 25, 5, 64, 3, 2);    /* 9, DS-CNN-like shape */
}
#elif BENCH_SUITE == SUITE_RELU
#define SUITE_NAME "bench_relu"
static void suite(void)
{
    int id = 0;
    static const int32_t sizes[] = {16, 61, 256, 1024, 4096, 16384};
    for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        run_relu(id++, 0, sizes[i]);
    for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        run_relu(id++, 1, sizes[i]);
}
#elif BENCH_SUITE == SUITE_SOFTMAX
#define SUITE_NAME "bench_softmax"
static void suite(void)
{
    int id = 0;
    run_softmax(id++, 512, 2);
    run_softmax(id++, 256, 4);
    run_softmax(id++, 100, 10);
    run_softmax(id++, 32, 32);
    run_softmax(id++, 10, 100);
    run_softmax(id++, 4, 256);
    run_softmax(id++, 1, 1000);
}
#elif BENCH_SUITE == SUITE_ADD
#define SUITE_NAME "bench_add"
static void suite(void)
{
    int id = 0;
    static const int32_t sizes[] = {16, 61, 256, 1024, 4096, 8192};
    for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        run_add(id++, 0, sizes[i]);
    for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        run_add(id++, 1, sizes[i]);
}
#else
#error "unknown BENCH_SUITE"
#endif

int main(int argc, char **argv)
{
    dump = m7sim_has_flag(argc, argv, "--dump");
    suite();
    printf("%s checksum 0x%08lx\n", SUITE_NAME, (unsigned long)total);
    return errors ? 1 : 0;
}
