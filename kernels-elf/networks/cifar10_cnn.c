/*
 * kernels-elf/networks/cifar10_cnn.c -- Caffe CIFAR-10 (the CMSIS-NN CIFAR-10 example topology).
 * Total MACs: 12298240 (per-layer table in generated/cifar10_cnn_weights.h and README.md).
 *
 * int8 NHWC inference with the cmsis-nn/ kernels; weights, quantisation and the
 * input tensor come from tools/gen_weights.py.  Prints the output tensor and
 * "cifar10_cnn checksum 0x........" (FNV-1a over every layer output); with the
 * semihosting argument --dump also every layer's output tensor.
 */
#include "m7sim_io.h"
#include "nn_runner.h"
#include "generated/cifar10_cnn_weights.h"

static int8_t buf0[CIFAR10_CNN_BUF0_BYTES] __attribute__((aligned(8)));
static int8_t buf1[CIFAR10_CNN_BUF1_BYTES] __attribute__((aligned(8)));
static int32_t scratch[(CIFAR10_CNN_SCRATCH_BYTES + 3) / 4];

int main(int argc, char **argv)
{
    const nn_network_t net = {
        .name = "cifar10_cnn",
        .layers = cifar10_cnn_layers,
        .num_layers = CIFAR10_CNN_NUM_LAYERS,
        .input = cifar10_cnn_input,
        .input_bytes = (int32_t)sizeof cifar10_cnn_input,
        .buf = {buf0, buf1},
        .buf_bytes = {(int32_t)sizeof buf0, (int32_t)sizeof buf1},
        .scratch = scratch,
        .scratch_bytes = (int32_t)sizeof scratch,
    };
    return nn_run(&net, m7sim_has_flag(argc, argv, "--dump"));
}
