/*
 * M7Sim CMSIS-NN compatible int8 library -- public types.
 *
 * Written for M7Sim from the public CMSIS-NN API documentation: same type and
 * field names and meanings as Arm's CMSIS-NN, so network code written against
 * CMSIS-NN compiles against this library unchanged.  Only the subset used by
 * the int8 (TFLite-compatible) kernels is provided.
 */
#ifndef ARM_NN_TYPES_H
#define ARM_NN_TYPES_H

#include <stdint.h>

/** Function return codes */
typedef enum
{
    ARM_CMSIS_NN_SUCCESS = 0,        /**< No error */
    ARM_CMSIS_NN_ARG_ERROR = -1,     /**< One or more arguments are incorrect */
    ARM_CMSIS_NN_NO_IMPL_ERROR = -2, /**< No implementation available */
    ARM_CMSIS_NN_FAILURE = -3,       /**< Logical error */
} arm_cmsis_nn_status;

/** Width and height of a tile (stride, padding, dilation). */
typedef struct
{
    int32_t w;
    int32_t h;
} cmsis_nn_tile;

/** Scratch buffer handed to a kernel (size from the *_get_buffer_size call). */
typedef struct
{
    void *buf;
    int32_t size;
} cmsis_nn_context;

/** Tensor dimensions.  n is the batch size, or the number of output channels
 * for convolution filters (OHWI), or the accumulation depth for
 * fully-connected filters. */
typedef struct
{
    int32_t n;
    int32_t h;
    int32_t w;
    int32_t c;
} cmsis_nn_dims;

/** Per-channel requantisation: one multiplier (Q31) and shift per output channel. */
typedef struct
{
    int32_t *multiplier;
    int32_t *shift;
} cmsis_nn_per_channel_quant_params;

/** Per-tensor requantisation. */
typedef struct
{
    int32_t multiplier;
    int32_t shift;
} cmsis_nn_per_tensor_quant_params;

/** Quantised activation clamp. */
typedef struct
{
    int32_t min;
    int32_t max;
} cmsis_nn_activation;

/** Convolution parameters.  Offsets are the NEGATIVE of the zero points for
 * the input, and the zero point itself for the output (TFLite convention). */
typedef struct
{
    int32_t input_offset;
    int32_t output_offset;
    cmsis_nn_tile stride;
    cmsis_nn_tile padding;
    cmsis_nn_tile dilation;
    cmsis_nn_activation activation;
} cmsis_nn_conv_params;

/** Depthwise convolution parameters; ch_mult * in_ch = out_ch. */
typedef struct
{
    int32_t input_offset;
    int32_t output_offset;
    int32_t ch_mult;
    cmsis_nn_tile stride;
    cmsis_nn_tile padding;
    cmsis_nn_tile dilation;
    cmsis_nn_activation activation;
} cmsis_nn_dw_conv_params;

/** Pooling parameters. */
typedef struct
{
    cmsis_nn_tile stride;
    cmsis_nn_tile padding;
    cmsis_nn_activation activation;
} cmsis_nn_pool_params;

/** Fully-connected parameters (filter_offset is not used: symmetric weights). */
typedef struct
{
    int32_t input_offset;
    int32_t filter_offset;
    int32_t output_offset;
    cmsis_nn_activation activation;
} cmsis_nn_fc_params;

/** Generic (multiplier, shift) pair. */
typedef struct
{
    int32_t multiplier;
    int32_t shift;
} cmsis_nn_scaling;

#endif /* ARM_NN_TYPES_H */
