# kernels-elf/tests-fpx/fpx.mk -- FPv5 and exception differential programs
# (included by the top-level Makefile after common/rules.mk).
#
#   build/fpx-<prog>.<variant>.elf       C programs (FP edge cases, exceptions), -O2
#   build/fpx-vfprand-NN.<variant>.elf   random straight-line VFP sequences
#                                        (tests-fpx/random/vseqNN.S from
#                                        ../tools/gen_random_vfp.py, committed)
# Every program is built for mps2 (QEMU oracle) and f746.
#
#   make fpx                 build only these ELFs
#   make fpx-expected        run every mps2 fpx ELF in QEMU and write
#                            build/expected/fpx-<name>.txt (stdout) and .exit
#   make fpx-random-src      regenerate tests-fpx/random/*.S
#
# Expected files come from QEMU only; Simulator.Tests/DifferentialFpx compares
# M7Sim with them.

FPX_C        := fp_arith fp_fused fp_conv fp_round fp_cmp fp_printf
FPX_EXC      := exc_systick exc_svc exc_pendsv exc_nested exc_fault exc_interwork exc_mpu exc_stkerr
FPX_VARIANTS := mps2 f746
FPX_RANDOM_N := 4
FPX_RANDOM_PER_FILE := 1000
FPX_RANDOM_SEED := 20250117
FPX_RANDOM_IDS := $(sort $(patsubst tests-fpx/random/vseq%.S,%,$(wildcard tests-fpx/random/vseq*.S)))

# Objects of these programs rebuild when this file changes (flags live here);
# RULES_DEPS is restored afterwards so other programs do not depend on it.
FPX_SAVED_RULES_DEPS := $(RULES_DEPS)
RULES_DEPS += tests-fpx/fpx.mk
fpx_comma := ,
# __fp16 in fp_conv.c is IEEE half precision.  For .S files gcc's
# -ffile-prefix-map does not reach the assembler's DWARF: map it explicitly.
FPX_CFLAGS   := -mfp16-format=ieee
FPX_ASFLAGS  := -Wa$(fpx_comma)-mimplicit-it=never -Wa$(fpx_comma)--debug-prefix-map=$(CURDIR)=.
FPX_ELFS :=

define FPX_C_RULE
$$(eval $$(call ELF_RULE,fpx-$(1),$(2),tests-fpx/$(1).c,$$(FPX_CFLAGS)))
FPX_ELFS += $(BUILD)/fpx-$(1).$(2).elf
endef
$(foreach p,$(FPX_C) $(FPX_EXC),$(foreach v,$(FPX_VARIANTS),$(eval $(call FPX_C_RULE,$(p),$(v)))))

define FPX_RANDOM_RULE
$$(eval $$(call ELF_RULE,fpx-vfprand-$(1),$(2),tests-fpx/vfprand_main.c tests-fpx/vfprand_harness.S tests-fpx/random/vseq$(1).S,$$(FPX_ASFLAGS)))
FPX_ELFS += $(BUILD)/fpx-vfprand-$(1).$(2).elf
endef
$(foreach i,$(FPX_RANDOM_IDS),$(foreach v,$(FPX_VARIANTS),$(eval $(call FPX_RANDOM_RULE,$(i),$(v)))))

RULES_DEPS := $(FPX_SAVED_RULES_DEPS)

FPX_MPS2_ELFS := $(filter %.mps2.elf,$(FPX_ELFS))
FPX_QEMU ?= qemu-system-arm
# -icount: QEMU's virtual clock counts instructions (one per 32 ns, near the
# AN500's 25 MHz) and jumps to the next timer deadline while the CPU sleeps
# (sleep=off), so SysTick fires on the same instructions in every run; on host
# time a loaded machine changed what the exception programs print.  Keep in
# step with FpxOracle.DeterministicClock (Simulator.Tests/DifferentialFpx).
FPX_QEMU_FLAGS := -M mps2-an500 -nographic -monitor none -serial none \
    -icount shift=5,sleep=off -semihosting-config enable=on,target=native

.PHONY: fpx fpx-expected fpx-random-src
fpx: $(FPX_ELFS)

# A non-zero exit status is recorded, not treated as a failure.
fpx-expected: $(FPX_MPS2_ELFS)
	@mkdir -p $(BUILD)/expected
	@set -e; for f in $(FPX_MPS2_ELFS); do \
	  n=$$(basename $$f .mps2.elf); \
	  rc=0; timeout 120 $(FPX_QEMU) $(FPX_QEMU_FLAGS) -kernel $$f > $(BUILD)/expected/$$n.txt || rc=$$?; \
	  if [ $$rc -eq 124 ]; then echo "$$n: QEMU timed out"; exit 1; fi; \
	  echo $$rc > $(BUILD)/expected/$$n.exit; \
	  echo "$$n: exit $$rc, $$(wc -l < $(BUILD)/expected/$$n.txt) lines"; \
	done

fpx-random-src:
	$(PYTHON) ../tools/gen_random_vfp.py --seed $(FPX_RANDOM_SEED) \
	    --files $(FPX_RANDOM_N) --per-file $(FPX_RANDOM_PER_FILE) --out tests-fpx/random
