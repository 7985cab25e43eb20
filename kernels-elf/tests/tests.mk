# kernels-elf/tests/tests.mk -- differential test programs (included by the
# top-level Makefile after common/rules.mk).
#
# Every C program in TESTS_C is built at -O0, -O2 and -Os for the mps2 (QEMU
# oracle) and f746 boards:  build/tests-<name>-<opt>.<variant>.elf
# The random straight-line sequence programs (tests/random/seqNN.S, made by
# ../tools/gen_random_seq.py and committed) are built once per board at -O2:
# build/tests-random-NN.<variant>.elf
#
#   make tests                build only the test ELFs
#   make tests-expected       run every mps2 test ELF in QEMU and write
#                             build/expected/<name>.txt (stdout) and
#                             build/expected/<name>.exit (exit status)
#   make tests-random-src     regenerate tests/random/*.S from the generator
#
# The expected files come from QEMU only, never from M7Sim; the C# suite
# Simulator.Tests/Differential compares M7Sim against them.

TESTS_C        := arith bits dsp divide int64 libc control fp_printf
TESTS_OPTS     := O0 O2 Os
TESTS_VARIANTS := mps2 f746
TESTS_RANDOM_N := 10
TESTS_RANDOM_PER_FILE := 1000
TESTS_RANDOM_SEED := 20240611
TESTS_RANDOM_IDS := $(sort $(patsubst tests/random/seq%.S,%,$(wildcard tests/random/seq*.S)))

comma := ,
# test objects rebuild when this file changes (flags live here)
RULES_DEPS += tests/tests.mk
# -mimplicit-it=never: a conditional instruction outside an explicit IT is an
# error.  --debug-prefix-map: gcc's -ffile-prefix-map does not reach the
# assembler's DWARF for .S files, which would otherwise record the absolute
# build directory (breaks `make check` reproducibility).
TESTS_ASFLAGS := -Wa$(comma)-mimplicit-it=never -Wa$(comma)--debug-prefix-map=$(CURDIR)=.
TESTS_ELFS :=
define TESTS_C_RULE
$$(eval $$(call ELF_RULE,tests-$(1)-$(2),$(3),tests/$(1).c,-$(2)))
TESTS_ELFS += $(BUILD)/tests-$(1)-$(2).$(3).elf
endef
$(foreach p,$(TESTS_C),$(foreach o,$(TESTS_OPTS),$(foreach v,$(TESTS_VARIANTS),\
    $(eval $(call TESTS_C_RULE,$(p),$(o),$(v))))))

define TESTS_RANDOM_RULE
$$(eval $$(call ELF_RULE,tests-random-$(1),$(2),tests/random_main.c tests/random_harness.S tests/random/seq$(1).S,$$(TESTS_ASFLAGS)))
TESTS_ELFS += $(BUILD)/tests-random-$(1).$(2).elf
endef
$(foreach i,$(TESTS_RANDOM_IDS),$(foreach v,$(TESTS_VARIANTS),\
    $(eval $(call TESTS_RANDOM_RULE,$(i),$(v)))))

TESTS_MPS2_ELFS := $(filter %.mps2.elf,$(TESTS_ELFS))
TESTS_QEMU ?= qemu-system-arm
TESTS_QEMU_FLAGS := -M mps2-an500 -nographic -monitor none -serial none \
    -semihosting-config enable=on,target=native

.PHONY: tests tests-expected tests-random-src
tests: $(TESTS_ELFS)

# QEMU exits with the program's exit status (SYS_EXIT_EXTENDED); a non-zero
# status is recorded, not treated as a failure.
tests-expected: $(TESTS_MPS2_ELFS)
	@mkdir -p $(BUILD)/expected
	@set -e; for f in $(TESTS_MPS2_ELFS); do \
	  n=$$(basename $$f .mps2.elf); \
	  rc=0; timeout 120 $(TESTS_QEMU) $(TESTS_QEMU_FLAGS) -kernel $$f > $(BUILD)/expected/$$n.txt || rc=$$?; \
	  if [ $$rc -eq 124 ]; then echo "$$n: QEMU timed out"; exit 1; fi; \
	  echo $$rc > $(BUILD)/expected/$$n.exit; \
	  echo "$$n: exit $$rc, $$(wc -l < $(BUILD)/expected/$$n.txt) lines"; \
	done

tests-random-src:
	$(PYTHON) ../tools/gen_random_seq.py --seed $(TESTS_RANDOM_SEED) \
	    --files $(TESTS_RANDOM_N) --per-file $(TESTS_RANDOM_PER_FILE) --out tests/random
