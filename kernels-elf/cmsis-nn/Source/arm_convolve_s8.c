/*
 * M7Sim CMSIS-NN compatible int8 library -- arm_convolve_s8.
 *
 * General convolution, NHWC input, OHWI filter, per-channel requantisation.
 * DSP path: for every output pixel the receptive field is copied into a q15
 * column (value + input_offset; padded positions are 0, i.e. the input zero
 * point); once two columns are ready the 2x2 SMLAD kernel
 * arm_nn_mat_mult_kernel_s8_s16 produces two output pixels; a leftover
 * column is handled by arm_nn_mat_mult_single_col_s8_s16.
 */
#include "arm_nnfunctions.h"
#include "arm_nnsupportfunctions.h"

int32_t arm_convolve_s8_get_buffer_size(const cmsis_nn_dims *input_dims, const cmsis_nn_dims *filter_dims)
{
    /* two q15 columns of in_ch * kernel_x * kernel_y */
    return 2 * input_dims->c * filter_dims->w * filter_dims->h * (int32_t)sizeof(int16_t);
}

arm_cmsis_nn_status arm_convolve_s8(const cmsis_nn_context *ctx,
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
    (void)bias_dims;
    int16_t *buffer_a = (int16_t *)ctx->buf;
    if (buffer_a == 0)
        return ARM_CMSIS_NN_ARG_ERROR;

    const int32_t input_batches = input_dims->n;
    const int32_t input_x = input_dims->w;
    const int32_t input_y = input_dims->h;
    const int32_t input_ch = input_dims->c;
    const int32_t kernel_x = filter_dims->w;
    const int32_t kernel_y = filter_dims->h;
    const int32_t output_x = output_dims->w;
    const int32_t output_y = output_dims->h;
    const int32_t output_ch = output_dims->c;

    const int32_t pad_x = conv_params->padding.w;
    const int32_t pad_y = conv_params->padding.h;
    const int32_t stride_x = conv_params->stride.w;
    const int32_t stride_y = conv_params->stride.h;
    const int32_t dilation_x = conv_params->dilation.w;
    const int32_t dilation_y = conv_params->dilation.h;
    const int32_t input_offset = conv_params->input_offset;
    const int32_t out_offset = conv_params->output_offset;
    const int32_t out_activation_min = conv_params->activation.min;
    const int32_t out_activation_max = conv_params->activation.max;
    int32_t *output_mult = quant_params->multiplier;
    int32_t *output_shift = quant_params->shift;

    const int32_t rhs_cols = kernel_x * kernel_y * input_ch;

    for (int32_t i_batch = 0; i_batch < input_batches; i_batch++) {
        int16_t *two_column_buf = buffer_a;
        int8_t *out = output_data;

        for (int32_t i_out_y = 0; i_out_y < output_y; i_out_y++) {
            for (int32_t i_out_x = 0; i_out_x < output_x; i_out_x++) {
                const int32_t base_idx_y = stride_y * i_out_y - pad_y;
                const int32_t base_idx_x = stride_x * i_out_x - pad_x;

                /* im2col: one q15 column for this output pixel */
                for (int32_t i_ker_y = 0; i_ker_y < kernel_y; i_ker_y++) {
                    const int32_t k_y = base_idx_y + dilation_y * i_ker_y;
                    for (int32_t i_ker_x = 0; i_ker_x < kernel_x; i_ker_x++) {
                        const int32_t k_x = base_idx_x + dilation_x * i_ker_x;
                        if (k_y < 0 || k_y >= input_y || k_x < 0 || k_x >= input_x) {
                            memset(two_column_buf, 0, sizeof(int16_t) * (size_t)input_ch);
                        } else {
                            arm_q7_to_q15_with_offset(input_data + (k_y * input_x + k_x) * input_ch,
                                                      two_column_buf, input_ch, (int16_t)input_offset);
                        }
                        two_column_buf += input_ch;
                    }
                }

                /* two columns ready: 2x2 mat-mult kernel */
                if (two_column_buf == buffer_a + 2 * rhs_cols) {
                    out = arm_nn_mat_mult_kernel_s8_s16(filter_data, buffer_a, (uint16_t)output_ch,
                                                        output_shift, output_mult, out_offset,
                                                        (int16_t)out_activation_min,
                                                        (int16_t)out_activation_max, rhs_cols,
                                                        bias_data, out);
                    two_column_buf = buffer_a;
                }
            }
        }

        /* leftover column */
        if (two_column_buf != buffer_a) {
            arm_nn_mat_mult_single_col_s8_s16(filter_data, buffer_a, output_ch, output_shift, output_mult,
                                              out_offset, out_activation_min, out_activation_max,
                                              rhs_cols, bias_data, out);
        }

        input_data += input_x * input_y * input_ch;
        output_data += output_x * output_y * output_ch;
    }
    return ARM_CMSIS_NN_SUCCESS;
}
