/*
 * kernels-elf/bench/bench_long.c -- a long-running workload for simulator speed benchmarks:
 * the cifar10_cnn network run N times in one program (argument "--repeat=N", default 10),
 * so M7Sim and QEMU can be timed on identical work without process start-up dominating.
 * Prints the network's output and checksum once per repetition (identical every time).
 */
#include <stdlib.h>
#include <string.h>

#include "m7sim_io.h"
#include "nn_runner.h"
#include "generated/cifar10_cnn_weights.h"

static int8_t buf0[CIFAR10_CNN_BUF0_BYTES] __attribute__((aligned(8)));
static int8_t buf1[CIFAR10_CNN_BUF1_BYTES] __attribute__((aligned(8)));
static int32_t scratch[(CIFAR10_CNN_SCRATCH_BYTES + 3) / 4];

int main(int argc, char **argv)
{
    int repeat = 10;
    for (int i = 1; i < argc; i++)
        if (strncmp(argv[i], "--repeat=", 9) == 0)
            repeat = atoi(argv[i] + 9);
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
    for (int r = 0; r < repeat; r++) {
        int rc = nn_run(&net, 0);
        if (rc != 0)
            return rc;
    }
    return 0;
}
