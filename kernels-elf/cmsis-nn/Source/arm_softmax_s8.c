/*
 * M7Sim CMSIS-NN compatible int8 library -- arm_softmax_s8.
 *
 * TFLite int8 softmax (output scale 1/256, zero point -128):
 *   max = row maximum; for each x with d = x - max >= diff_min:
 *     e(x) = exp_on_negative_values(SRDHM(d * 2^shift, mult))     (Q5.26 -> Q0.31)
 *     sum += RoundingDivideByPOT(e(x), 12)                         (Q12.19)
 *   headroom = clz(sum); scale = one_over_one_plus_x(sum << headroom - 2^31)
 *   out = clamp(RoundingDivideByPOT(SRDHM(scale, e(x)), 12 - headroom + 23) - 128)
 *   entries with d < diff_min output -128.
 */
#include "arm_nnfunctions.h"
#include "arm_nnsupportfunctions.h"

#define ACCUM_BITS 12

void arm_softmax_s8(const int8_t *input,
                    const int32_t num_rows,
                    const int32_t row_size,
                    const int32_t mult,
                    const int32_t shift,
                    const int32_t diff_min,
                    int8_t *output)
{
    const int32_t mask = (1 << shift);
    for (int32_t row = 0; row < num_rows; row++) {
        int8_t max = input[0];
        for (int32_t col = 1; col < row_size; col++)
            max = MAX(max, input[col]);

        int32_t sum = 0;
        for (int32_t col = 0; col < row_size; col++) {
            const int32_t diff = input[col] - max;
            if (diff >= diff_min)
                sum += arm_nn_divide_by_power_of_two(
                    arm_nn_exp_on_negative_values(arm_nn_doubling_high_mult(diff * mask, mult)), ACCUM_BITS);
        }

        const int32_t headroom = __builtin_clz((uint32_t)sum);
        const int32_t shifted_scale = arm_nn_one_over_one_plus_x_for_x_in_0_1(
            (int32_t)(((uint32_t)sum << headroom) - (1u << 31)));
        const int32_t bits_over_unit = ACCUM_BITS - headroom + 23;

        for (int32_t col = 0; col < row_size; col++) {
            const int32_t diff = input[col] - max;
            if (diff >= diff_min) {
                const int32_t res = arm_nn_divide_by_power_of_two(
                                        arm_nn_doubling_high_mult(shifted_scale,
                                                                  arm_nn_exp_on_negative_values(
                                                                      arm_nn_doubling_high_mult(diff * mask, mult))),
                                        bits_over_unit) +
                                    NN_Q7_MIN;
                output[col] = (int8_t)CLAMP(res, (int32_t)NN_Q7_MAX, (int32_t)NN_Q7_MIN);
            } else {
                output[col] = NN_Q7_MIN;
            }
        }
        input += row_size;
        output += row_size;
    }
}
