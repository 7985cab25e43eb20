/*
 * M7Sim CMSIS-NN compatible int8 library -- internal support functions.
 *
 * Fixed-point helpers with the exact TensorFlow Lite / gemmlowp semantics:
 *
 *   arm_nn_doubling_high_mult(a, b)      SaturatingRoundingDoublingHighMul:
 *        a == b == INT32_MIN -> INT32_MAX, else
 *        (a*b + (a*b >= 0 ? 2^30 : 1 - 2^30)) / 2^31, truncating division.
 *   arm_nn_divide_by_power_of_two(x, e)  RoundingDivideByPOT:
 *        mask = 2^e - 1, rem = x & mask, thr = (mask >> 1) + (x < 0),
 *        (x >> e) + (rem > thr)          (round half away from zero)
 *   arm_nn_requantize(v, m, s)           MultiplyByQuantizedMultiplier:
 *        RoundingDivideByPOT(SRDHM(v * 2^max(s,0), m), max(-s,0))
 *
 * DSP helpers use the ACLE intrinsics of <arm_acle.h> (__smlad, __sxtb16,
 * __sxtab16, ...) plus inline assembly for the forms ACLE lacks
 * (PKHBT/PKHTB, SXTB16/SXTAB16 with ROR #8).
 */
#ifndef ARM_NNSUPPORTFUNCTIONS_H
#define ARM_NNSUPPORTFUNCTIONS_H

#include <stdint.h>
#include <string.h>
#include "arm_nn_types.h"

#if defined(__ARM_FEATURE_DSP) && (__ARM_FEATURE_DSP == 1)
#include <arm_acle.h>
#define ARM_MATH_DSP 1
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define NN_Q31_MAX ((int32_t)0x7FFFFFFF)
#define NN_Q31_MIN ((int32_t)0x80000000)
#define NN_Q15_MAX ((int16_t)0x7FFF)
#define NN_Q15_MIN ((int16_t)0x8000)
#define NN_Q7_MAX ((int8_t)0x7F)
#define NN_Q7_MIN ((int8_t)0x80)

#define MAX(A, B) ((A) > (B) ? (A) : (B))
#define MIN(A, B) ((A) < (B) ? (A) : (B))
#define CLAMP(x, h, l) MAX(MIN((x), (h)), (l))
#define REDUCE_MULTIPLIER(_mult) ((_mult < 0x7FFF0000) ? ((_mult + (1 << 15)) >> 16) : 0x7FFF)

#define LEFT_SHIFT(_shift) ((_shift) > 0 ? (_shift) : 0)
#define RIGHT_SHIFT(_shift) ((_shift) > 0 ? 0 : -(_shift))

#define NN_INLINE static inline __attribute__((always_inline))

/* ---------------- unaligned-safe loads/stores ---------------- */

NN_INLINE int32_t arm_nn_read_s8x4(const int8_t *p)
{
    int32_t v;
    memcpy(&v, p, 4);
    return v;
}

NN_INLINE int32_t arm_nn_read_s8x4_ia(const int8_t **p)
{
    int32_t v;
    memcpy(&v, *p, 4);
    *p += 4;
    return v;
}

NN_INLINE int32_t arm_nn_read_q15x2(const int16_t *p)
{
    int32_t v;
    memcpy(&v, p, 4);
    return v;
}

NN_INLINE int32_t arm_nn_read_q15x2_ia(const int16_t **p)
{
    int32_t v;
    memcpy(&v, *p, 4);
    *p += 2;
    return v;
}

NN_INLINE void arm_nn_write_s8x4_ia(int8_t **p, int32_t v)
{
    memcpy(*p, &v, 4);
    *p += 4;
}

NN_INLINE void arm_nn_write_q15x2_ia(int16_t **p, int32_t v)
{
    memcpy(*p, &v, 4);
    *p += 2;
}

/* ---------------- DSP primitives ---------------- */
#if defined(ARM_MATH_DSP)

/* PKHBT: low half of a, high half = (b << sh) high half. */
#define ARM_NN_PKHBT(a, b, sh) __extension__({                                   \
        uint32_t __r;                                                           \
        __asm("pkhbt %0, %1, %2, lsl %3" : "=r"(__r) : "r"(a), "r"(b), "I"(sh)); \
        (int32_t)__r; })

/* PKHTB: high half of a, low half = (b >> sh) low half (asr). */
#define ARM_NN_PKHTB(a, b, sh) __extension__({                                   \
        uint32_t __r;                                                           \
        __asm("pkhtb %0, %1, %2, asr %3" : "=r"(__r) : "r"(a), "r"(b), "I"(sh)); \
        (int32_t)__r; })

/* SXTB16 of the value rotated right by 8: sign-extends bytes 1 and 3. */
NN_INLINE int32_t arm_nn_sxtb16_ror8(int32_t x)
{
    int32_t r;
    __asm("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(x));
    return r;
}

/* SXTAB16 with the byte source rotated right by 8: a + sext(bytes 1, 3). */
NN_INLINE int32_t arm_nn_sxtab16_ror8(int32_t a, int32_t x)
{
    int32_t r;
    __asm("sxtab16 %0, %1, %2, ror #8" : "=r"(r) : "r"(a), "r"(x));
    return r;
}

/* SMULBB / SMULTT: product of the bottom (top) signed halves. */
NN_INLINE int32_t arm_nn_smulbb(int32_t a, int32_t b)
{
    int32_t r;
    __asm("smulbb %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}

NN_INLINE int32_t arm_nn_smultt(int32_t a, int32_t b)
{
    int32_t r;
    __asm("smultt %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}

/* Load 4 int8 and return them sign-extended as two q15 pairs in memory order:
 * *out1 = {v0, v1}, *out2 = {v2, v3} (low half first).  Returns the advanced
 * pointer (the CMSIS-NN read_and_pad). */
NN_INLINE const int8_t *read_and_pad(const int8_t *source, int32_t *out1, int32_t *out2)
{
    int32_t in = arm_nn_read_s8x4_ia(&source);
    int32_t odd = arm_nn_sxtb16_ror8(in); /* v1, v3 */
    int32_t even = __sxtb16(in);          /* v0, v2 */
    *out2 = ARM_NN_PKHTB(odd, even, 16);  /* v2 | v3 << 16 */
    *out1 = ARM_NN_PKHBT(even, odd, 16);  /* v0 | v1 << 16 */
    return source;
}

#endif /* ARM_MATH_DSP */

/* ---------------- fixed-point arithmetic ---------------- */

/* Saturating rounding doubling high multiply (SRDHM). */
NN_INLINE int32_t arm_nn_doubling_high_mult(const int32_t m1, const int32_t m2)
{
    int64_t mult = 1 << 30;
    if ((m1 < 0) ^ (m2 < 0))
        mult = 1 - mult;
    mult = mult + (int64_t)m1 * m2;
    int32_t result = (int32_t)(mult / (1ll << 31));
    if ((m1 == m2) && (m1 == NN_Q31_MIN))
        result = NN_Q31_MAX;
    return result;
}

/* SRDHM without the INT32_MIN*INT32_MIN corner case (multiplier >= 0). */
NN_INLINE int32_t arm_nn_doubling_high_mult_no_sat(const int32_t m1, const int32_t m2)
{
    int64_t mult = 1 << 30;
    if ((m1 < 0) ^ (m2 < 0))
        mult = 1 - mult;
    mult = mult + (int64_t)m1 * m2;
    return (int32_t)(mult / (1ll << 31));
}

/* Rounding divide by 2^exponent, round half away from zero. */
NN_INLINE int32_t arm_nn_divide_by_power_of_two(const int32_t dividend, const int32_t exponent)
{
    const int32_t remainder_mask = (1 << exponent) - 1;
    int32_t remainder = remainder_mask & dividend;
    int32_t result = dividend >> exponent;
    int32_t threshold = remainder_mask >> 1;
    if (result < 0)
        threshold++;
    if (remainder > threshold)
        result++;
    return result;
}

/* TFLite MultiplyByQuantizedMultiplier. */
NN_INLINE int32_t arm_nn_requantize(const int32_t val, const int32_t multiplier, const int32_t shift)
{
    return arm_nn_divide_by_power_of_two(
        arm_nn_doubling_high_mult_no_sat(val * (1 << LEFT_SHIFT(shift)), multiplier), RIGHT_SHIFT(shift));
}

/* Saturating val * 2^exp (exp >= 0). */
NN_INLINE int32_t arm_nn_mult_by_power_of_two(const int32_t val, const int32_t exp)
{
    const int32_t thresh = ((1 << (31 - exp)) - 1);
    int32_t result = val << exp;
    if (val > thresh)
        result = NN_Q31_MAX;
    if (val < -thresh)
        result = NN_Q31_MIN;
    return result;
}

/* gemmlowp exp_on_negative_values for a Q5.26 input <= 0, result Q0.31. */
int32_t arm_nn_exp_on_negative_values(int32_t val);

/* gemmlowp one_over_one_plus_x_for_x_in_0_1, Q0.31 in and out. */
int32_t arm_nn_one_over_one_plus_x_for_x_in_0_1(int32_t val);

/* ---------------- shared kernels (Source/arm_nn_support_s8.c) ---------------- */

/* dst[i] = (int16_t)(src[i] + offset), 4 at a time with SXTAB16. */
void arm_q7_to_q15_with_offset(const int8_t *src, int16_t *dst, int32_t block_size, int16_t offset);

/* 2 output channels x 2 im2col columns per step, SMLAD on q15 pairs.
 * input_a: filter [output_ch][num_col_a] int8; input_b: two q15 columns of
 * num_col_a each (contiguous).  Writes two output pixels of output_ch
 * channels at out_0 and out_0 + output_ch; returns out_0 + 2 * output_ch. */
int8_t *arm_nn_mat_mult_kernel_s8_s16(const int8_t *input_a,
                                      const int16_t *input_b,
                                      const uint16_t output_ch,
                                      const int32_t *out_shift,
                                      const int32_t *out_mult,
                                      const int32_t out_offset,
                                      const int16_t activation_min,
                                      const int16_t activation_max,
                                      const int32_t num_col_a,
                                      const int32_t *const output_bias,
                                      int8_t *out_0);

/* One q15 column times the filter (leftover column of arm_convolve_s8). */
void arm_nn_mat_mult_single_col_s8_s16(const int8_t *input_a,
                                       const int16_t *col,
                                       const int32_t output_ch,
                                       const int32_t *out_shift,
                                       const int32_t *out_mult,
                                       const int32_t out_offset,
                                       const int32_t activation_min,
                                       const int32_t activation_max,
                                       const int32_t num_col_a,
                                       const int32_t *const output_bias,
                                       int8_t *out);

/* lhs [lhs_rows][rhs_cols] int8 (+lhs_offset) times rhs^T ([rhs_rows][rhs_cols]),
 * per-channel requantisation; dst [lhs_rows][rhs_rows]. */
arm_cmsis_nn_status arm_nn_mat_mult_nt_t_s8(const int8_t *lhs,
                                            const int8_t *rhs,
                                            const int32_t *bias,
                                            int8_t *dst,
                                            const int32_t *dst_multipliers,
                                            const int32_t *dst_shifts,
                                            const int32_t lhs_rows,
                                            const int32_t rhs_rows,
                                            const int32_t rhs_cols,
                                            const int32_t lhs_offset,
                                            const int32_t dst_offset,
                                            const int32_t activation_min,
                                            const int32_t activation_max);

/* Vector (lhs, rhs_cols) times matrix rhs [rhs_rows][rhs_cols], per-tensor
 * requantisation; dst[rhs_rows]. */
arm_cmsis_nn_status arm_nn_vec_mat_mult_t_s8(const int8_t *lhs,
                                             const int8_t *rhs,
                                             const int32_t *bias,
                                             int8_t *dst,
                                             const int32_t lhs_offset,
                                             const int32_t dst_offset,
                                             const int32_t dst_multiplier,
                                             const int32_t dst_shift,
                                             const int32_t rhs_cols,
                                             const int32_t rhs_rows,
                                             const int32_t activation_min,
                                             const int32_t activation_max);

#ifdef __cplusplus
}
#endif

#endif /* ARM_NNSUPPORTFUNCTIONS_H */

/* Test fixture hook (kernels-elf/fixtures): the deliberate-regression build defines
 * M7SIM_INJECT_REGRESSION to put one extra instruction in the convolution inner loop, so the
 * baseline check can be shown to catch it. Expands to nothing in every normal build. */
#ifdef M7SIM_INJECT_REGRESSION
#define M7SIM_FIXTURE_INNER_LOOP_HOOK() __asm volatile("nop")
#else
#define M7SIM_FIXTURE_INNER_LOOP_HOOK() ((void)0)
#endif
