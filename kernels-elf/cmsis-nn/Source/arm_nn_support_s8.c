/*
 * M7Sim CMSIS-NN compatible int8 library -- shared kernels:
 * q7 -> q15 conversion with offset, the 2x2 SMLAD matrix kernel used by
 * arm_convolve_s8, the non-transposed x transposed int8 GEMM used by the 1x1
 * convolution, the vector x matrix kernel used by fully-connected layers, and
 * the gemmlowp fixed-point exp / reciprocal used by softmax.
 */
#include "arm_nnsupportfunctions.h"

void arm_q7_to_q15_with_offset(const int8_t *src, int16_t *dst, int32_t block_size, int16_t offset)
{
    int32_t count = block_size >> 2;
#if defined(ARM_MATH_DSP)
    const int32_t offset_q15x2 = (int32_t)(((uint32_t)(uint16_t)offset << 16) | (uint16_t)offset);
    while (count-- > 0) {
        const int32_t in = arm_nn_read_s8x4_ia(&src);
        const int32_t even = __sxtab16(offset_q15x2, in);           /* v0, v2 */
        const int32_t odd = arm_nn_sxtab16_ror8(offset_q15x2, in);  /* v1, v3 */
        arm_nn_write_q15x2_ia(&dst, ARM_NN_PKHBT(even, odd, 16));   /* v0, v1 */
        arm_nn_write_q15x2_ia(&dst, ARM_NN_PKHTB(odd, even, 16));   /* v2, v3 */
    }
    count = block_size & 3;
#else
    count = block_size;
#endif
    while (count-- > 0)
        *dst++ = (int16_t)(*src++ + offset);
}

static inline int8_t requant_clamp(int32_t acc, int32_t mult, int32_t shift, int32_t out_offset,
                                   int32_t act_min, int32_t act_max)
{
    acc = arm_nn_requantize(acc, mult, shift);
    acc += out_offset;
    acc = MAX(acc, act_min);
    acc = MIN(acc, act_max);
    return (int8_t)acc;
}

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
                                      int8_t *out_0)
{
    int8_t *out_1 = out_0 + output_ch;
    const int32_t *bias = output_bias;
    uint16_t row_count = output_ch / 2;
    const int8_t *ip_a0 = input_a;

    while (row_count--) {
        const int16_t *ip_b0 = input_b;
        const int16_t *ip_b1 = ip_b0 + num_col_a;
        const int8_t *ip_a1 = ip_a0 + num_col_a;

        int32_t ch_0_out_0 = 0, ch_0_out_1 = 0, ch_1_out_0 = 0, ch_1_out_1 = 0;
        if (bias) {
            ch_0_out_0 = ch_0_out_1 = *bias++;
            ch_1_out_0 = ch_1_out_1 = *bias++;
        }

#if defined(ARM_MATH_DSP)
        int32_t col_count = num_col_a / 4;
        while (col_count--) {
            int32_t a01, a02, a11, a12;
            int32_t b0 = arm_nn_read_q15x2_ia(&ip_b0);
            int32_t b1 = arm_nn_read_q15x2_ia(&ip_b1);

            ip_a0 = read_and_pad(ip_a0, &a01, &a02);
            ip_a1 = read_and_pad(ip_a1, &a11, &a12);

            ch_0_out_0 = __smlad(a01, b0, ch_0_out_0);
            ch_0_out_1 = __smlad(a01, b1, ch_0_out_1);
            ch_1_out_0 = __smlad(a11, b0, ch_1_out_0);
            ch_1_out_1 = __smlad(a11, b1, ch_1_out_1);

            b0 = arm_nn_read_q15x2_ia(&ip_b0);
            b1 = arm_nn_read_q15x2_ia(&ip_b1);

            ch_0_out_0 = __smlad(a02, b0, ch_0_out_0);
            ch_0_out_1 = __smlad(a02, b1, ch_0_out_1);
            ch_1_out_0 = __smlad(a12, b0, ch_1_out_0);
            ch_1_out_1 = __smlad(a12, b1, ch_1_out_1); M7SIM_FIXTURE_INNER_LOOP_HOOK();
        }
        col_count = num_col_a & 0x3;
#else
        int32_t col_count = num_col_a;
#endif
        while (col_count--) {
            const int8_t a0 = *ip_a0++;
            const int16_t b0 = *ip_b0++;
            const int8_t a1 = *ip_a1++;
            const int16_t b1 = *ip_b1++;
            ch_0_out_0 += a0 * b0;
            ch_0_out_1 += a0 * b1;
            ch_1_out_0 += a1 * b0;
            ch_1_out_1 += a1 * b1;
        }

        *out_0++ = requant_clamp(ch_0_out_0, *out_mult, *out_shift, out_offset, activation_min, activation_max);
        *out_1++ = requant_clamp(ch_0_out_1, *out_mult, *out_shift, out_offset, activation_min, activation_max);
        out_mult++;
        out_shift++;
        *out_0++ = requant_clamp(ch_1_out_0, *out_mult, *out_shift, out_offset, activation_min, activation_max);
        *out_1++ = requant_clamp(ch_1_out_1, *out_mult, *out_shift, out_offset, activation_min, activation_max);
        out_mult++;
        out_shift++;

        ip_a0 += num_col_a; /* skip the row consumed through ip_a1 */
    }

    /* odd output channel */
    if (output_ch & 1) {
        const int16_t *ip_b0 = input_b;
        const int16_t *ip_b1 = ip_b0 + num_col_a;
        int32_t ch_0_out_0 = 0, ch_0_out_1 = 0;
        if (bias)
            ch_0_out_0 = ch_0_out_1 = *bias++;
#if defined(ARM_MATH_DSP)
        int32_t col_count = num_col_a >> 2;
        while (col_count--) {
            int32_t a01, a02;
            int32_t b0 = arm_nn_read_q15x2_ia(&ip_b0);
            int32_t b1 = arm_nn_read_q15x2_ia(&ip_b1);
            ip_a0 = read_and_pad(ip_a0, &a01, &a02);
            ch_0_out_0 = __smlad(a01, b0, ch_0_out_0);
            ch_0_out_1 = __smlad(a01, b1, ch_0_out_1);
            b0 = arm_nn_read_q15x2_ia(&ip_b0);
            b1 = arm_nn_read_q15x2_ia(&ip_b1);
            ch_0_out_0 = __smlad(a02, b0, ch_0_out_0);
            ch_0_out_1 = __smlad(a02, b1, ch_0_out_1);
        }
        col_count = num_col_a & 0x3;
#else
        int32_t col_count = num_col_a;
#endif
        while (col_count--) {
            const int8_t a0 = *ip_a0++;
            ch_0_out_0 += a0 * *ip_b0++;
            ch_0_out_1 += a0 * *ip_b1++;
        }
        *out_0++ = requant_clamp(ch_0_out_0, *out_mult, *out_shift, out_offset, activation_min, activation_max);
        *out_1++ = requant_clamp(ch_0_out_1, *out_mult, *out_shift, out_offset, activation_min, activation_max);
    }

    return out_0 + output_ch;
}

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
                                       int8_t *out)
{
    const int8_t *ker_a = input_a;
    for (int32_t i = 0; i < output_ch; i++) {
        int32_t sum = output_bias ? output_bias[i] : 0;
        const int16_t *ip_b = col;
#if defined(ARM_MATH_DSP)
        int32_t col_count = num_col_a >> 2;
        while (col_count--) {
            int32_t a1, a2;
            ker_a = read_and_pad(ker_a, &a1, &a2);
            int32_t b = arm_nn_read_q15x2_ia(&ip_b);
            sum = __smlad(a1, b, sum);
            b = arm_nn_read_q15x2_ia(&ip_b);
            sum = __smlad(a2, b, sum);
        }
        col_count = num_col_a & 0x3;
#else
        int32_t col_count = num_col_a;
#endif
        while (col_count--)
            sum += *ker_a++ * *ip_b++;
        out[i] = requant_clamp(sum, out_mult[i], out_shift[i], out_offset, activation_min, activation_max);
    }
}

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
                                            const int32_t activation_max)
{
    /* Two output channels (rhs rows) x two pixels (lhs rows) per step.  The
     * input offset is folded into the accumulator start value:
     * sum (x + off) * w = sum x * w + off * sum w. */
    int32_t rhs_rows_idx = 0;
    for (; rhs_rows_idx <= rhs_rows - 2; rhs_rows_idx += 2) {
        const int8_t *rhs0 = rhs + rhs_rows_idx * rhs_cols;
        const int8_t *rhs1 = rhs0 + rhs_cols;

        int32_t ksum0 = 0, ksum1 = 0;
        for (int32_t k = 0; k < rhs_cols; k++) {
            ksum0 += rhs0[k];
            ksum1 += rhs1[k];
        }
        int32_t init0 = ksum0 * lhs_offset + (bias ? bias[rhs_rows_idx] : 0);
        int32_t init1 = ksum1 * lhs_offset + (bias ? bias[rhs_rows_idx + 1] : 0);
        const int32_t m0 = dst_multipliers[rhs_rows_idx], s0 = dst_shifts[rhs_rows_idx];
        const int32_t m1 = dst_multipliers[rhs_rows_idx + 1], s1 = dst_shifts[rhs_rows_idx + 1];

        const int8_t *lhs_ptr = lhs;
        int8_t *dst_ptr = dst + rhs_rows_idx;
        int32_t lhs_rows_idx = lhs_rows >> 1;
        while (lhs_rows_idx--) {
            const int8_t *l0 = lhs_ptr;
            const int8_t *l1 = lhs_ptr + rhs_cols;
            const int8_t *r0 = rhs0;
            const int8_t *r1 = rhs1;
            int32_t res00 = init0, res01 = init1, res10 = init0, res11 = init1;
#if defined(ARM_MATH_DSP)
            int32_t col = rhs_cols >> 2;
            while (col--) {
                int32_t w0 = arm_nn_read_s8x4_ia(&r0);
                int32_t w1 = arm_nn_read_s8x4_ia(&r1);
                int32_t x0 = arm_nn_read_s8x4_ia(&l0);
                int32_t x1 = arm_nn_read_s8x4_ia(&l1);
                int32_t w0e = __sxtb16(w0), w0o = arm_nn_sxtb16_ror8(w0);
                int32_t w1e = __sxtb16(w1), w1o = arm_nn_sxtb16_ror8(w1);
                int32_t x0e = __sxtb16(x0), x0o = arm_nn_sxtb16_ror8(x0);
                int32_t x1e = __sxtb16(x1), x1o = arm_nn_sxtb16_ror8(x1);
                res00 = __smlad(x0e, w0e, res00);
                res00 = __smlad(x0o, w0o, res00);
                res01 = __smlad(x0e, w1e, res01);
                res01 = __smlad(x0o, w1o, res01);
                res10 = __smlad(x1e, w0e, res10);
                res10 = __smlad(x1o, w0o, res10);
                res11 = __smlad(x1e, w1e, res11);
                res11 = __smlad(x1o, w1o, res11);
            }
            col = rhs_cols & 3;
#else
            int32_t col = rhs_cols;
#endif
            while (col--) {
                const int32_t a0 = *l0++, a1 = *l1++;
                const int32_t b0 = *r0++, b1 = *r1++;
                res00 += a0 * b0;
                res01 += a0 * b1;
                res10 += a1 * b0;
                res11 += a1 * b1;
            }
            dst_ptr[0] = requant_clamp(res00, m0, s0, dst_offset, activation_min, activation_max);
            dst_ptr[1] = requant_clamp(res01, m1, s1, dst_offset, activation_min, activation_max);
            dst_ptr += rhs_rows;
            dst_ptr[0] = requant_clamp(res10, m0, s0, dst_offset, activation_min, activation_max);
            dst_ptr[1] = requant_clamp(res11, m1, s1, dst_offset, activation_min, activation_max);
            dst_ptr += rhs_rows;
            lhs_ptr += 2 * rhs_cols;
        }
        if (lhs_rows & 1) {
            const int8_t *l0 = lhs_ptr;
            int32_t res00 = init0, res01 = init1;
            for (int32_t k = 0; k < rhs_cols; k++) {
                res00 += l0[k] * rhs0[k];
                res01 += l0[k] * rhs1[k];
            }
            dst_ptr[0] = requant_clamp(res00, m0, s0, dst_offset, activation_min, activation_max);
            dst_ptr[1] = requant_clamp(res01, m1, s1, dst_offset, activation_min, activation_max);
        }
    }

    /* odd last output channel */
    if (rhs_rows_idx < rhs_rows) {
        const int8_t *rhs0 = rhs + rhs_rows_idx * rhs_cols;
        int32_t ksum0 = 0;
        for (int32_t k = 0; k < rhs_cols; k++)
            ksum0 += rhs0[k];
        const int32_t init0 = ksum0 * lhs_offset + (bias ? bias[rhs_rows_idx] : 0);
        for (int32_t r = 0; r < lhs_rows; r++) {
            const int8_t *l0 = lhs + r * rhs_cols;
            int32_t res = init0;
            for (int32_t k = 0; k < rhs_cols; k++)
                res += l0[k] * rhs0[k];
            dst[r * rhs_rows + rhs_rows_idx] = requant_clamp(res, dst_multipliers[rhs_rows_idx],
                                                             dst_shifts[rhs_rows_idx], dst_offset,
                                                             activation_min, activation_max);
        }
    }
    return ARM_CMSIS_NN_SUCCESS;
}

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
                                             const int32_t activation_max)
{
#if defined(ARM_MATH_DSP)
    const int32_t off_q15x2 = (int32_t)(((uint32_t)(uint16_t)lhs_offset << 16) | (uint16_t)lhs_offset);
#endif
    int32_t row = 0;
    for (; row <= rhs_rows - 2; row += 2) {
        const int8_t *x = lhs;
        const int8_t *w0 = rhs + row * rhs_cols;
        const int8_t *w1 = w0 + rhs_cols;
        int32_t acc0 = bias ? bias[row] : 0;
        int32_t acc1 = bias ? bias[row + 1] : 0;
#if defined(ARM_MATH_DSP)
        int32_t col = rhs_cols >> 2;
        while (col--) {
            const int32_t xv = arm_nn_read_s8x4_ia(&x);
            const int32_t xe = __sxtab16(off_q15x2, xv);           /* x0+off, x2+off */
            const int32_t xo = arm_nn_sxtab16_ror8(off_q15x2, xv); /* x1+off, x3+off */
            const int32_t wv0 = arm_nn_read_s8x4_ia(&w0);
            const int32_t wv1 = arm_nn_read_s8x4_ia(&w1);
            acc0 = __smlad(__sxtb16(wv0), xe, acc0);
            acc0 = __smlad(arm_nn_sxtb16_ror8(wv0), xo, acc0);
            acc1 = __smlad(__sxtb16(wv1), xe, acc1);
            acc1 = __smlad(arm_nn_sxtb16_ror8(wv1), xo, acc1);
        }
        col = rhs_cols & 3;
#else
        int32_t col = rhs_cols;
#endif
        while (col--) {
            const int32_t xv = *x++ + lhs_offset;
            acc0 += xv * *w0++;
            acc1 += xv * *w1++;
        }
        dst[row] = requant_clamp(acc0, dst_multiplier, dst_shift, dst_offset, activation_min, activation_max);
        dst[row + 1] = requant_clamp(acc1, dst_multiplier, dst_shift, dst_offset, activation_min, activation_max);
    }
    if (row < rhs_rows) {
        const int8_t *x = lhs;
        const int8_t *w0 = rhs + row * rhs_cols;
        int32_t acc0 = bias ? bias[row] : 0;
#if defined(ARM_MATH_DSP)
        int32_t col = rhs_cols >> 2;
        while (col--) {
            const int32_t xv = arm_nn_read_s8x4_ia(&x);
            const int32_t wv0 = arm_nn_read_s8x4_ia(&w0);
            acc0 = __smlad(__sxtb16(wv0), __sxtab16(off_q15x2, xv), acc0);
            acc0 = __smlad(arm_nn_sxtb16_ror8(wv0), arm_nn_sxtab16_ror8(off_q15x2, xv), acc0);
        }
        col = rhs_cols & 3;
#else
        int32_t col = rhs_cols;
#endif
        while (col--)
            acc0 += (*x++ + lhs_offset) * *w0++;
        dst[row] = requant_clamp(acc0, dst_multiplier, dst_shift, dst_offset, activation_min, activation_max);
    }
    return ARM_CMSIS_NN_SUCCESS;
}

/* ---------------- gemmlowp fixed-point exp and reciprocal ---------------- */

/* exp(x) for x in [-1/4, 0), Q0.31 in and out (Taylor series around -1/8). */
static int32_t exp_on_interval_between_negative_one_quarter_and_0_excl(int32_t val)
{
    const int32_t constant_term = 1895147668;  /* exp(-1/8) */
    const int32_t constant_1_over_3 = 715827883;
    const int32_t x = val + (1 << 28);         /* val + 1/8 */
    const int32_t x2 = arm_nn_doubling_high_mult(x, x);
    const int32_t x3 = arm_nn_doubling_high_mult(x2, x);
    const int32_t x4 = arm_nn_doubling_high_mult(x2, x2);
    const int32_t x4_over_4 = arm_nn_divide_by_power_of_two(x4, 2);
    const int32_t x4_over_24_plus_x3_over_6_plus_x2_over_2 =
        arm_nn_divide_by_power_of_two(arm_nn_doubling_high_mult(x4_over_4 + x3, constant_1_over_3) + x2, 1);
    return constant_term +
           arm_nn_doubling_high_mult(constant_term, x + x4_over_24_plus_x3_over_6_plus_x2_over_2);
}

int32_t arm_nn_exp_on_negative_values(int32_t val)
{
    /* val: Q5.26, <= 0.  Result: Q0.31. */
    const int32_t one_quarter = 1 << 24;
    const int32_t mask = one_quarter - 1;
    const int32_t val_mod_minus_quarter = (val & mask) - one_quarter;
    const int32_t remainder = val_mod_minus_quarter - val;

    /* Rescale Q5.26 -> Q0.31 (saturating x 2^5) */
    int32_t result = exp_on_interval_between_negative_one_quarter_and_0_excl(
        arm_nn_mult_by_power_of_two(val_mod_minus_quarter, 5));

#define NN_EXP_BARREL(exponent, multiplier)                                     \
    if (remainder & (1 << (26 + (exponent))))                                   \
        result = arm_nn_doubling_high_mult(result, (multiplier));

    NN_EXP_BARREL(-2, 1672461947); /* exp(-1/4) */
    NN_EXP_BARREL(-1, 1302514674); /* exp(-1/2) */
    NN_EXP_BARREL(+0, 790015084);  /* exp(-1)   */
    NN_EXP_BARREL(+1, 290630308);  /* exp(-2)   */
    NN_EXP_BARREL(+2, 39332535);   /* exp(-4)   */
    NN_EXP_BARREL(+3, 720401);     /* exp(-8)   */
    NN_EXP_BARREL(+4, 242);        /* exp(-16)  */
#undef NN_EXP_BARREL

    return val == 0 ? NN_Q31_MAX : result;
}

int32_t arm_nn_one_over_one_plus_x_for_x_in_0_1(int32_t val)
{
    /* half_denominator = RoundingHalfSum(val, one) in Q0.31 */
    const int64_t sum = (int64_t)val + (int64_t)NN_Q31_MAX;
    const int32_t half_denominator = (int32_t)((sum + (sum >= 0 ? 1 : -1)) / 2);

    /* Newton-Raphson in Q2.29, starting at 48/17 - 32/17 * d */
    int32_t x = 1515870810 + arm_nn_doubling_high_mult(half_denominator, -1010580540);
    const int32_t one_q2_29 = 1 << 29;
    for (int i = 0; i < 3; i++) {
        const int32_t one_minus_hd_x = one_q2_29 - arm_nn_doubling_high_mult(half_denominator, x);
        x += arm_nn_mult_by_power_of_two(arm_nn_doubling_high_mult(x, one_minus_hd_x), 2);
    }
    return arm_nn_mult_by_power_of_two(x, 1);
}
