/*
 * M7Sim CMSIS-NN compatible int8 library -- arm_elementwise_mul_s8.
 *
 * TFLite int8 MUL: out = clamp(requantize((in1 + off1) * (in2 + off2),
 *                                         out_mult, out_shift) + out_offset)
 * DSP path: offsets added in pairs with SXTAB16, products with SMULBB/SMULTT.
 */
#include "arm_nnfunctions.h"
#include "arm_nnsupportfunctions.h"

static inline int8_t mul_requant(int32_t prod, int32_t out_mult, int32_t out_shift, int32_t out_offset,
                                 int32_t act_min, int32_t act_max)
{
    int32_t r = arm_nn_requantize(prod, out_mult, out_shift) + out_offset;
    r = MAX(r, act_min);
    r = MIN(r, act_max);
    return (int8_t)r;
}

arm_cmsis_nn_status arm_elementwise_mul_s8(const int8_t *input_1_vect,
                                           const int8_t *input_2_vect,
                                           const int32_t input_1_offset,
                                           const int32_t input_2_offset,
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
        const int8_t r0 = mul_requant(arm_nn_smulbb(a_e, b_e), out_mult, out_shift, out_offset, out_activation_min,
                                      out_activation_max);
        const int8_t r1 = mul_requant(arm_nn_smulbb(a_o, b_o), out_mult, out_shift, out_offset, out_activation_min,
                                      out_activation_max);
        const int8_t r2 = mul_requant(arm_nn_smultt(a_e, b_e), out_mult, out_shift, out_offset, out_activation_min,
                                      out_activation_max);
        const int8_t r3 = mul_requant(arm_nn_smultt(a_o, b_o), out_mult, out_shift, out_offset, out_activation_min,
                                      out_activation_max);
        const int32_t packed = (int32_t)((uint32_t)(uint8_t)r0 | ((uint32_t)(uint8_t)r1 << 8) |
                                         ((uint32_t)(uint8_t)r2 << 16) | ((uint32_t)(uint8_t)r3 << 24));
        arm_nn_write_s8x4_ia(&output, packed);
    }
    loop_count = block_size & 3;
#else
    loop_count = block_size;
#endif
    while (loop_count-- > 0) {
        const int32_t a = *input_1_vect++ + input_1_offset;
        const int32_t b = *input_2_vect++ + input_2_offset;
        *output++ = mul_requant(a * b, out_mult, out_shift, out_offset, out_activation_min, out_activation_max);
    }
    return ARM_CMSIS_NN_SUCCESS;
}
