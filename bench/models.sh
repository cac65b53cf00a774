#!/usr/bin/env bash
# Whole-model figures of docs/benchmarks.md, side by side: for yolo11n and yolo11s at 640 (2 threads) the eval
# forward of (a) the generated model, (b) the same fused, (c) its modules run the parse_model way, (d) fused and
# channels-last (what predict and val run); then each one's
# peak memory; then the yolo11n training step at batch 8 × 320². Every variant runs in its own process, and the
# variants alternate for ROUNDS rounds (default 3) so that a change in the machine's load hits them alike; the
# table shows the median of the rounds' medians, and each round's median. Load averages are printed before and after.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-3}
threads=${THREADS:-2}
yologen=src/YoloGen.Cli/bin/Release/net10.0/yologen
dotnet build src/YoloGen.Cli -c Release -nologo -v:q >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load before: $(cut -d' ' -f1-3 /proc/loadavg)"

field() { sed -E "s/.*\"$1\":([0-9.]+).*/\1/"; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }

declare -A speed memory
variants=("generated:" "fused:--fuse" "indexed:--layout indexed" "fused-cl:--fuse --channels-last")
for model in yolo11n yolo11s; do
  for ((r = 0; r < rounds; r++)); do
    for v in "${variants[@]}"; do
      name=${v%%:*}; opts=${v#*:}
      ms=$($yologen bench --model $model --imgsz 640 --threads "$threads" $opts --json | field median_ms)
      speed[$model.$name]+="$ms "
    done
  done
  for v in "${variants[@]}"; do
    name=${v%%:*}; opts=${v#*:}
    mb=$($yologen bench --model $model --imgsz 640 --threads "$threads" $opts --runs 3 --warmup 1 --memory --json | field peak_mb)
    memory[$model.$name]=$mb
  done
done
train=()
for ((r = 0; r < rounds; r++)); do
  train+=("$($yologen bench --model yolo11n --train --batch 8 --imgsz 320 --threads "$threads" --json | field median_ms)")
done

echo
echo "| model | variant | eval forward 1×3×640×640, median ms | rounds | peak memory MB |"
echo "|---|---|---:|---|---:|"
for model in yolo11n yolo11s; do
  for v in "${variants[@]}"; do
    name=${v%%:*}
    read -ra values <<< "${speed[$model.$name]}"
    echo "| $model | $name | $(median "${values[@]}") | ${values[*]} | ${memory[$model.$name]} |"
  done
done
t=$(median "${train[@]}")
echo
echo "yolo11n training step, batch 8 × 320²: median $t ms (rounds: ${train[*]}), $(awk -v t="$t" 'BEGIN {printf "%.1f", 8000 / t}') images/s"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
