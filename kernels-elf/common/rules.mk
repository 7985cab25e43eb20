# kernels-elf/common/rules.mk -- shared build rules for every M7Sim target program.
#
# ---------------------------------------------------------------------------
# CONTRACT (other makefiles, e.g. tests/tests.mk, rely on this -- keep it stable)
# ---------------------------------------------------------------------------
# Include this file once (the top-level kernels-elf/Makefile does), then declare
# each program with
#
#     $(eval $(call ELF_RULE,<name>,<variant>,<sources>,<extra_cflags>))
#
#   <name>          program name, [A-Za-z0-9_-]; becomes part of the file name.
#   <variant>       board variant: f746 | f746-itcm | f746-sram | mps2
#                   (one linker script common/ld/<variant>.ld each; see VARIANTS).
#   <sources>       .c / .S files, paths relative to kernels-elf/ (the make
#                   working directory).  common/startup.c and common/m7sim_io.c
#                   are added automatically -- do not list them.
#   <extra_cflags>  optional; appended AFTER $(COMMON_CFLAGS), so e.g. -O3 or
#                   -Os overrides the default -O2, -DFOO=1 adds a define.
#                   Use -Ipath for extra include directories.
#
# Result: $(BUILD)/<name>.<variant>.elf   (BUILD defaults to "build")
#   * objects go to $(BUILD)/obj/<name>.<variant>/ (per program, never shared,
#     so per-program flags are safe); a map file goes next to them.
#   * the ELF path is appended to ALL_ELFS (the default `all` target builds it)
#     and <name>.<variant> to ALL_PROGRAMS.
#   * $(BUILD)/obj/<name>.<variant>/program.info records variant, flags and
#     the full source+header list (from gcc -MMD) for tools/mkmanifest.py.
#
# Every compile gets: $(ARCH_FLAGS) $(COMMON_CFLAGS) $(VARIANT_CFLAGS_<variant>)
#   -Icommon -Icmsis-nn/Include <extra_cflags>
# and a board define: -DM7SIM_BOARD_F746=1 (f746* variants) or
# -DM7SIM_BOARD_MPS2=1 (mps2), plus -DM7SIM_VARIANT=\"<variant>\".
#
# Link: $(LDFLAGS) with -T common/ld/<variant>.ld; newlib + librdimon
# (semihosting: printf, exit, command line).  Entry symbol: Reset_Handler.
#
# Programs are C with a normal `int main(int argc, char **argv)`; argv comes
# from the semihosting command line (SYS_GET_CMDLINE), the return value goes to
# exit() -> SYS_EXIT_EXTENDED (QEMU exits with that status).
#
# Reproducibility: sources are compiled by relative path from kernels-elf/ and
# -ffile-prefix-map maps the absolute working directory to ".", so the same
# sources give byte-identical ELFs in any clone directory (`make check`).
# ---------------------------------------------------------------------------

CC      := arm-none-eabi-gcc
SIZE    := arm-none-eabi-size
OBJDUMP := arm-none-eabi-objdump
PYTHON  ?= python3

BUILD   ?= build

VARIANTS := f746 f746-itcm f746-sram mps2

# Cortex-M7 with the double-precision FPv5 FPU (STM32F746 has single precision
# only in silicon, fpv5-sp-d16; we follow the project brief and QEMU's AN500,
# which is FPv5-D16; the kernels are integer-only so this only affects libc).
ARCH_FLAGS := -mcpu=cortex-m7 -mthumb -mfpu=fpv5-d16 -mfloat-abi=hard

# Optimisation level: -O2 by default (what the manifest and README report).
# Override for the whole build with `make OPT=-O3`, or per target through the
# <extra_cflags> argument of ELF_RULE.
OPT ?= -O2

COMMON_CFLAGS := $(OPT) -g -std=gnu11 -Wall -Wextra -Wno-unused-parameter \
    -ffunction-sections -fdata-sections -fno-common \
    -ffile-prefix-map=$(CURDIR)=.

COMMON_INCLUDES := -Icommon -Icmsis-nn/Include

VARIANT_CFLAGS_f746      := -DM7SIM_BOARD_F746=1
VARIANT_CFLAGS_f746-itcm := -DM7SIM_BOARD_F746=1 -DM7SIM_CODE_ITCM=1
VARIANT_CFLAGS_f746-sram := -DM7SIM_BOARD_F746=1 -DM7SIM_DATA_SRAM1=1
VARIANT_CFLAGS_mps2      := -DM7SIM_BOARD_MPS2=1

LDFLAGS := --specs=rdimon.specs -Wl,--gc-sections -Wl,--build-id=none \
    -Wl,--no-warn-rwx-segments -Lcommon/ld

LDLIBS := -lm

STARTUP_SOURCES := common/startup.c common/m7sim_io.c

# Objects rebuild when the build rules themselves change.
RULES_DEPS := Makefile common/rules.mk

ALL_ELFS :=
ALL_PROGRAMS :=

# $(call ELF_RULE,name,variant,sources,extra_cflags)
define ELF_RULE
$(if $(filter $(2),$(VARIANTS)),,$(error ELF_RULE $(1): unknown variant '$(2)' (expected one of $(VARIANTS))))
ALL_ELFS += $(BUILD)/$(1).$(2).elf
ALL_PROGRAMS += $(1).$(2)
$(1).$(2)_SRCS := $(STARTUP_SOURCES) $(3)
$(1).$(2)_OBJDIR := $(BUILD)/obj/$(1).$(2)
$(1).$(2)_OBJS := $$(patsubst %.S,$$($(1).$(2)_OBJDIR)/%.o,$$(patsubst %.c,$$($(1).$(2)_OBJDIR)/%.o,$$($(1).$(2)_SRCS)))
$(1).$(2)_CFLAGS := $(ARCH_FLAGS) $(COMMON_CFLAGS) $(VARIANT_CFLAGS_$(2)) \
    -DM7SIM_VARIANT=\"$(2)\" -DM7SIM_PROGRAM=\"$(1)\" $(COMMON_INCLUDES) $(4)

$$($(1).$(2)_OBJDIR)/%.o: %.c $(RULES_DEPS)
	@mkdir -p $$(@D)
	$$(CC) $$($(1).$(2)_CFLAGS) -MMD -MP -c $$< -o $$@

$$($(1).$(2)_OBJDIR)/%.o: %.S $(RULES_DEPS)
	@mkdir -p $$(@D)
	$$(CC) $$($(1).$(2)_CFLAGS) -MMD -MP -c $$< -o $$@

-include $$($(1).$(2)_OBJS:.o=.d)

$(BUILD)/$(1).$(2).elf: $$($(1).$(2)_OBJS) common/ld/$(2).ld common/ld/sections.ld
	@mkdir -p $$(@D)
	$$(CC) $(ARCH_FLAGS) $(LDFLAGS) -T common/ld/$(2).ld \
	    -Wl,-Map,$$($(1).$(2)_OBJDIR)/program.map \
	    $$($(1).$(2)_OBJS) $(LDLIBS) -o $$@
	@{ echo "name=$(1)"; echo "variant=$(2)"; \
	   echo "cflags=$$(strip $$($(1).$(2)_CFLAGS))"; \
	   echo "ldflags=$$(strip $(ARCH_FLAGS) $(LDFLAGS) -T common/ld/$(2).ld $(LDLIBS))"; \
	   echo "sources=$$(strip $$($(1).$(2)_SRCS))"; \
	   echo "depfiles=$$(strip $$($(1).$(2)_OBJS:.o=.d))"; \
	 } > $$($(1).$(2)_OBJDIR)/program.info
endef
