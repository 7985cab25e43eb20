#!/usr/bin/env bash
# Times M7Sim (Cortex-M7 model, and functional) and QEMU (mps2-an500) on the same long program,
# side by side in one run: whole-process wall time for identical work, and the ratio.
#   tools/bench-vs-qemu.sh [REPEAT]      (default 10 inferences of cifar10_cnn)
set -euo pipefail
cd "$(dirname "$0")/.."
repeat=${1:-10}
elf=kernels-elf/build/bench_long.mps2.elf
dotnet build -c Release tools/M7Sim.Cli >/dev/null
m7sim=tools/M7Sim.Cli/bin/Release/net10.0/m7sim

now() { date +%s.%N; }
t0=$(now); qemu-system-arm -M mps2-an500 -nographic -semihosting -monitor none -serial none -kernel "$elf" -append "--repeat=$repeat" >/tmp/bench-qemu.out; t1=$(now)
"$m7sim" run --board mps2-an500 --timing cortex-m7 "$elf" -- "--repeat=$repeat" >/tmp/bench-m7.out 2>/tmp/bench-m7.err; t2=$(now)
"$m7sim" run --board mps2-an500 --timing none "$elf" -- "--repeat=$repeat" >/tmp/bench-fn.out 2>/tmp/bench-fn.err; t3=$(now)

cmp -s /tmp/bench-qemu.out /tmp/bench-m7.out || { echo "outputs differ between QEMU and M7Sim"; exit 1; }
instr=$(grep -o 'after [0-9,]* instructions' /tmp/bench-m7.err | tr -dc 0-9)
awk -v q="$(echo "$t1 - $t0" | bc)" -v m="$(echo "$t2 - $t1" | bc)" -v f="$(echo "$t3 - $t2" | bc)" -v n="$instr" 'BEGIN {
  printf "workload: cifar10_cnn x %s = %.0f instructions (outputs identical)\n", "'"$repeat"'", n;
  printf "qemu-system-arm (mps2-an500, TCG):   %7.2f s wall  %7.1f MIPS\n", q, n / q / 1e6;
  printf "m7sim --timing cortex-m7:            %7.2f s wall  %7.1f MIPS  (%.2fx QEMU time)\n", m, n / m / 1e6, m / q;
  printf "m7sim --timing none:                 %7.2f s wall  %7.1f MIPS  (%.2fx QEMU time)\n", f, n / f / 1e6, f / q;
}'
