@ kernels-elf/tests/random_harness.S -- entry and exit of the random
@ straight-line sequences (tests/random/seqNN.S, tools/gen_random_seq.py).
@
@ A sequence seq_<i>(uint32_t io[15]) is:
@     push {r4-r11, lr}
@     push {r0, r1}          @ io pointer at [sp], pad at [sp, #4]
@     bl   seq_enter
@     <10-30 random instructions: no SP, no PC, no memory>
@     b    seq_exit
@ io[0..12] = r0-r12, io[13] = r14, io[14] = APSR (N Z C V Q and GE bits).

    .syntax unified
    .thumb
    .section .text.seq_harness, "ax", %progbits

@ r0 = io.  Load APSR, r14, then r0-r12, and return into the sequence.
    .align 1
    .global seq_enter
    .thumb_func
seq_enter:
    push    {lr}
    ldr     r1, [r0, #56]
    msr     APSR_nzcvqg, r1
    ldr     lr, [r0, #52]
    ldm     r0, {r0-r12}        @ no writeback: the base may be in the list
    pop     {pc}

@ Store r0-r12, r14 and APSR to io and return to the sequence's caller.
    .align 1
    .global seq_exit
    .thumb_func
seq_exit:
    push    {r0-r12, lr}        @ 14 words; io pointer now at [sp, #56]
    mrs     r0, apsr
    ldr     r1, [sp, #56]
    str     r0, [r1, #56]
    movs    r2, #0
1:  ldr     r3, [sp, r2]
    str     r3, [r1, r2]
    adds    r2, r2, #4
    cmp     r2, #56
    bne     1b
    add     sp, sp, #64         @ the 14 registers and {r0, r1}
    pop     {r4-r11, pc}
