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
# Three interleaved rounds; the median of each tool's wall times (the first start of a binary and a
# busy host both show up as outliers).
rounds=3
q=(); m=(); f=()
for _ in $(seq $rounds); do
  t0=$(now); qemu-system-arm -M mps2-an500 -nographic -semihosting -monitor none -serial none -kernel "$elf" -append "--repeat=$repeat" >/tmp/bench-qemu.out; t1=$(now)
  "$m7sim" run --board mps2-an500 --timing cortex-m7 "$elf" -- "--repeat=$repeat" >/tmp/bench-m7.out 2>/tmp/bench-m7.err; t2=$(now)
  "$m7sim" run --board mps2-an500 --timing none "$elf" -- "--repeat=$repeat" >/tmp/bench-fn.out 2>/tmp/bench-fn.err; t3=$(now)
  cmp -s /tmp/bench-qemu.out /tmp/bench-m7.out || { echo "outputs differ between QEMU and M7Sim"; exit 1; }
  cmp -s /tmp/bench-qemu.out /tmp/bench-fn.out || { echo "outputs differ between QEMU and M7Sim (functional)"; exit 1; }
  q+=("$(echo "$t1 - $t0" | bc)"); m+=("$(echo "$t2 - $t1" | bc)"); f+=("$(echo "$t3 - $t2" | bc)")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
instr=$(grep -o 'after [0-9,]* instructions' /tmp/bench-m7.err | tr -dc 0-9)
awk -v q="$(median "${q[@]}")" -v m="$(median "${m[@]}")" -v f="$(median "${f[@]}")" -v n="$instr" -v all="QEMU ${q[*]} | cortex-m7 ${m[*]} | none ${f[*]}" 'BEGIN {
  printf "workload: cifar10_cnn x %s = %.0f instructions (outputs identical); median of %d rounds, whole-process wall time\n", "'"$repeat"'", n, '"$rounds"';
  printf "qemu-system-arm (mps2-an500, TCG):   %7.2f s wall  %7.1f MIPS\n", q, n / q / 1e6;
  printf "m7sim --timing cortex-m7:            %7.2f s wall  %7.1f MIPS  (%.2fx QEMU time)\n", m, n / m / 1e6, m / q;
  printf "m7sim --timing none:                 %7.2f s wall  %7.1f MIPS  (%.2fx QEMU time)\n", f, n / f / 1e6, f / q;
  printf "all rounds (s): %s\n", all;
}'
