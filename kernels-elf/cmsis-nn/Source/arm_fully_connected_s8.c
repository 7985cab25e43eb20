/*
 * M7Sim CMSIS-NN compatible int8 library -- arm_fully_connected_s8.
 * One arm_nn_vec_mat_mult_t_s8 per batch (two output rows per step,
 * input + offset via SXTAB16, weights via SXTB16, SMLAD).
 */
#include "arm_nnfunctions.h"
#include "arm_nnsupportfunctions.h"

int32_t arm_fully_connected_s8_get_buffer_size(const cmsis_nn_dims *filter_dims)
{
    (void)filter_dims;
    return 0;
}

arm_cmsis_nn_status arm_fully_connected_s8(const cmsis_nn_context *ctx,
                                           const cmsis_nn_fc_params *fc_params,
                                           const cmsis_nn_per_tensor_quant_params *quant_params,
                                           const cmsis_nn_dims *input_dims,
                                           const int8_t *input,
                                           const cmsis_nn_dims *filter_dims,
                                           const int8_t *kernel,
                                           const cmsis_nn_dims *bias_dims,
                                           const int32_t *bias,
                                           const cmsis_nn_dims *output_dims,
                                           int8_t *output)
{
    (void)ctx;
    (void)bias_dims;
    const int32_t accum_depth = filter_dims->n;
    const int32_t output_depth = output_dims->c;
    for (int32_t batch = 0; batch < input_dims->n; batch++) {
        arm_nn_vec_mat_mult_t_s8(input, kernel, bias, output, fc_params->input_offset, fc_params->output_offset,
                                 quant_params->multiplier, quant_params->shift, accum_depth, output_depth,
                                 fc_params->activation.min, fc_params->activation.max);
        input += accum_depth;
        output += output_depth;
    }
    return ARM_CMSIS_NN_SUCCESS;
}
