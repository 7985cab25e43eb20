/*
 * M7Sim CMSIS-NN compatible int8 library -- arm_elementwise_add_s8.
 *
 * TFLite int8 ADD: for each element
 *   a = (in1 + input_1_offset) << left_shift;  b = (in2 + input_2_offset) << left_shift
 *   a = requantize(a, input_1_mult, input_1_shift); b = requantize(b, input_2_mult, input_2_shift)
 *   out = clamp(requantize(a + b, out_mult, out_shift) + out_offset, act_min, act_max)
 * DSP path: 4 elements per load, offsets added in pairs with SXTAB16.
 */
#include "arm_nnfunctions.h"
#include "arm_nnsupportfunctions.h"

static inline int8_t add_one(int32_t a, int32_t b, int32_t m1, int32_t s1, int32_t m2, int32_t s2,
                             int32_t left_shift, int32_t out_mult, int32_t out_shift, int32_t out_offset,
                             int32_t act_min, int32_t act_max)
{
    a = arm_nn_requantize(a * (1 << left_shift), m1, s1);
    b = arm_nn_requantize(b * (1 << left_shift), m2, s2);
    int32_t sum = arm_nn_requantize(a + b, out_mult, out_shift) + out_offset;
    sum = MAX(sum, act_min);
    sum = MIN(sum, act_max);
    return (int8_t)sum;
}

arm_cmsis_nn_status arm_elementwise_add_s8(const int8_t *input_1_vect,
                                           const int8_t *input_2_vect,
                                           const int32_t input_1_offset,
                                           const int32_t input_1_mult,
                                           const int32_t input_1_shift,
                                           const int32_t input_2_offset,
                                           const int32_t input_2_mult,
                                           const int32_t input_2_shift,
                                           const int32_t left_shift,
                                           int8_t *output,
                                           const int32_t out_offset,
                                           const int32_t out_mult,
                                           const int32_t out_shift,
                                           const int32_t out_activation_min,
                                           const int32_t out_activation_max,
                                           const int32_t block_size)
{
    int32_t loop_count;
#if defined(ARM_MATH_DSP)
    const int32_t off1 = (int32_t)(((uint32_t)(uint16_t)input_1_offset << 16) | (uint16_t)input_1_offset);
    const int32_t off2 = (int32_t)(((uint32_t)(uint16_t)input_2_offset << 16) | (uint16_t)input_2_offset);
    loop_count = block_size >> 2;
    while (loop_count-- > 0) {
        const int32_t in1 = arm_nn_read_s8x4_ia(&input_1_vect);
        const int32_t in2 = arm_nn_read_s8x4_ia(&input_2_vect);
        const int32_t a_e = __sxtab16(off1, in1), a_o = arm_nn_sxtab16_ror8(off1, in1);
        const int32_t b_e = __sxtab16(off2, in2), b_o = arm_nn_sxtab16_ror8(off2, in2);
        int8_t r0 = add_one((int16_t)a_e, (int16_t)b_e, input_1_mult, input_1_shift, input_2_mult, input_2_shift,
                            left_shift, out_mult, out_shift, out_offset, out_activation_min, out_activation_max);
        int8_t r1 = add_one((int16_t)a_o, (int16_t)b_o, input_1_mult, input_1_shift, input_2_mult, input_2_shift,
                            left_shift, out_mult, out_shift, out_offset, out_activation_min, out_activation_max);
        int8_t r2 = add_one(a_e >> 16, b_e >> 16, input_1_mult, input_1_shift, input_2_mult, input_2_shift,
                            left_shift, out_mult, out_shift, out_offset, out_activation_min, out_activation_max);
        int8_t r3 = add_one(a_o >> 16, b_o >> 16, input_1_mult, input_1_shift, input_2_mult, input_2_shift,
                            left_shift, out_mult, out_shift, out_offset, out_activation_min, out_activation_max);
        const int32_t packed = (int32_t)((uint32_t)(uint8_t)r0 | ((uint32_t)(uint8_t)r1 << 8) |
                                         ((uint32_t)(uint8_t)r2 << 16) | ((uint32_t)(uint8_t)r3 << 24));
        arm_nn_write_s8x4_ia(&output, packed);
    }
    loop_count = block_size & 3;
#else
    loop_count = block_size;
#endif
    while (loop_count-- > 0) {
        *output++ = add_one(*input_1_vect++ + input_1_offset, *input_2_vect++ + input_2_offset, input_1_mult,
                            input_1_shift, input_2_mult, input_2_shift, left_shift, out_mult, out_shift, out_offset,
                            out_activation_min, out_activation_max);
    }
    return ARM_CMSIS_NN_SUCCESS;
}
