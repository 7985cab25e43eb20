@ kernels-elf/tests-fpx/vfprand_harness.S -- entry and exit of the random
@ straight-line VFP sequences (tests-fpx/random/vseqNN.S, made by
@ tools/gen_random_vfp.py).
@
@ A sequence vseq_<i>(uint32_t io[42]) is:
@     push  {r4-r11, lr}
@     vpush {d8-d15}
@     push  {r0, r1}          @ io pointer at [sp], pad at [sp, #4]
@     bl    vseq_enter
@     <12-30 random VFP instructions on d0-d15/s0-s31, r0-r7, APSR, FPSCR>
@     b     vseq_exit
@ io layout (words): [0..31] S0-S31 (D0-D15 little-endian pairs), [32] FPSCR,
@ [33..40] r0-r7, [41] APSR (N Z C V Q in bits 31..27, GE in 19..16).

    .syntax unified
    .thumb
    .fpu fpv5-d16
    .section .text.vseq_harness, "ax", %progbits

@ r0 = io.  Load FPSCR, APSR, D0-D15, then r0-r7, and return into the sequence.
    .align 1
    .global vseq_enter
    .thumb_func
vseq_enter:
    push    {lr}
    ldr     r1, [r0, #128]
    vmsr    fpscr, r1
    vldm    r0, {d0-d15}
    ldr     r1, [r0, #164]
    msr     APSR_nzcvqg, r1
    addw    r0, r0, #132        @ ADDW: no flags
    ldm     r0, {r0-r7}         @ no writeback: the base is in the list
    pop     {pc}

@ Store D0-D15, FPSCR, r0-r7 and APSR to io and return to the sequence's caller.
    .align 1
    .global vseq_exit
    .thumb_func
vseq_exit:
    push    {r0-r7}             @ 8 words; io pointer now at [sp, #32]
    mrs     r1, apsr            @ before anything can touch the flags
    ldr     r0, [sp, #32]
    str     r1, [r0, #164]
    vstm    r0, {d0-d15}
    vmrs    r1, fpscr
    str     r1, [r0, #128]
    addw    r0, r0, #132
    pop     {r1-r4}
    stm     r0!, {r1-r4}
    pop     {r1-r4}
    stm     r0!, {r1-r4}
    add     sp, sp, #8          @ {r0, r1} of the sequence's prologue
    vpop    {d8-d15}
    pop     {r4-r11, pc}
