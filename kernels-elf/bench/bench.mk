# bench/bench.mk -- operator micro-benchmarks and the kernel self-test.
# Included by the top-level Makefile (see common/rules.mk for ELF_RULE).

# Self-checking comparison of every cmsis-nn kernel with a scalar reference.
$(eval $(call ELF_RULE,nn_selftest,f746,bench/nn_selftest.c $(NN_LIB),))
$(eval $(call ELF_RULE,nn_selftest,mps2,bench/nn_selftest.c $(NN_LIB),))

# Operator micro-benchmarks: one ELF per operator family (bench/nn_bench.c).
BENCH_SUITES := conv:0 conv1x1:1 dwconv:2 fc:3 maxpool:4 avgpool:5 relu:6 softmax:7 add:8
$(foreach s,$(BENCH_SUITES),$(foreach v,f746 mps2,\
  $(eval $(call ELF_RULE,bench_$(word 1,$(subst :, ,$(s))),$(v),bench/nn_bench.c $(NN_LIB),-Ibench -DBENCH_SUITE=$(word 2,$(subst :, ,$(s)))))))

# Long workload for speed benchmarks (m7sim bench, tools/bench-vs-qemu.sh): cifar10_cnn x --repeat=N.
$(eval $(call ELF_RULE,bench_long,f746,bench/bench_long.c networks/nn_runner.c $(NN_LIB),-Inetworks))
$(eval $(call ELF_RULE,bench_long,mps2,bench/bench_long.c networks/nn_runner.c $(NN_LIB),-Inetworks))
