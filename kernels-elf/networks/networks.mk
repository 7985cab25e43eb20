# networks/networks.mk -- reference networks (see README.md).
# Included by the top-level Makefile (ELF_RULE contract in common/rules.mk).
NET_COMMON := networks/nn_runner.c $(NN_LIB)
NETWORKS := cifar10_cnn ds_cnn_s ds_cnn_v1 ds_cnn_v2 ds_cnn_v3 ds_cnn_v4 ds_cnn_v5

# every network for the default board
$(foreach n,$(NETWORKS),$(eval $(call ELF_RULE,$(n),f746,networks/$(n).c $(NET_COMMON),-Inetworks)))
# the two reference networks for every board (mps2 = QEMU oracle)
$(foreach n,cifar10_cnn ds_cnn_s,$(foreach v,f746-itcm f746-sram mps2,\
  $(eval $(call ELF_RULE,$(n),$(v),networks/$(n).c $(NET_COMMON),-Inetworks))))
# the variants also for QEMU, so their checksums have an oracle
$(foreach n,ds_cnn_v1 ds_cnn_v2 ds_cnn_v3 ds_cnn_v4 ds_cnn_v5,\
  $(eval $(call ELF_RULE,$(n),mps2,networks/$(n).c $(NET_COMMON),-Inetworks)))
# ds_cnn_s with the L1 caches switched off again before main(): the uncached-AXI-flash placement
$(eval $(call ELF_RULE,ds_cnn_s_nocache,f746,networks/ds_cnn_s.c networks/l1_caches_off.c $(NET_COMMON),-Inetworks))

