# bench/bench.mk -- operator micro-benchmarks and the kernel self-test.
# Included by the top-level Makefile (see common/rules.mk for ELF_RULE).

# Self-checking comparison of every cmsis-nn kernel with a scalar reference.
$(eval $(call ELF_RULE,nn_selftest,f746,bench/nn_selftest.c $(NN_LIB),))
$(eval $(call ELF_RULE,nn_selftest,mps2,bench/nn_selftest.c $(NN_LIB),))
