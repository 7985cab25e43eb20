/*
 * M7Sim CMSIS-NN compatible int8 library -- arm_convolve_1x1_s8_fast.
 *
 * 1x1 convolution with padding 0, stride 1, dilation 1: the NHWC input is
 * already a [pixels][in_ch] matrix, so no im2col -- one int8 GEMM
 * (arm_nn_mat_mult_nt_t_s8: 2 channels x 2 pixels per step, SXTB16 + SMLAD).
 */
#include "arm_nnfunctions.h"
#include "arm_nnsupportfunctions.h"

int32_t arm_convolve_1x1_s8_fast_get_buffer_size(const cmsis_nn_dims *input_dims)
{
    (void)input_dims;
    return 0;
}

arm_cmsis_nn_status arm_convolve_1x1_s8_fast(const cmsis_nn_context *ctx,
                                             const cmsis_nn_conv_params *conv_params,
                                             const cmsis_nn_per_channel_quant_params *quant_params,
                                             const cmsis_nn_dims *input_dims,
                                             const int8_t *input_data,
                                             const cmsis_nn_dims *filter_dims,
                                             const int8_t *filter_data,
                                             const cmsis_nn_dims *bias_dims,
                                             const int32_t *bias_data,
                                             const cmsis_nn_dims *output_dims,
                                             int8_t *output_data)
{
    (void)ctx;
    (void)bias_dims;
    if (input_dims->c % 4 != 0 || conv_params->padding.w != 0 || conv_params->padding.h != 0 ||
        conv_params->stride.w != 1 || conv_params->stride.h != 1 || filter_dims->w != 1 || filter_dims->h != 1)
        return ARM_CMSIS_NN_ARG_ERROR;

    const int32_t lhs_rows = input_dims->w * input_dims->h * input_dims->n;
    return arm_nn_mat_mult_nt_t_s8(input_data, filter_data, bias_data, output_data, quant_params->multiplier,
                                   quant_params->shift, lhs_rows, output_dims->c, input_dims->c,
                                   conv_params->input_offset, conv_params->output_offset,
                                   conv_params->activation.min, conv_params->activation.max);
}
