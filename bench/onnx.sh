#!/usr/bin/env bash
# ONNX Runtime against the TorchSharp fast path, side by side (docs/benchmarks.md, "ONNX Runtime"): for yolo11n and
# yolo11s at 1×3×640×640 with 2 threads, (a) ONNX Runtime on YoloGen's export (the compiled-in model with seeded
# weights, exported in memory), (b) ONNX Runtime on the reference's export of the same network (REF_DIR/<model>-ref.onnx,
# written by tests/reference/onnx/export_reference.py; weights do not change the speed), (c) TorchSharp fused and
# channels-last (what predict ran before). Every variant runs in its own process; the variants alternate for ROUNDS
# rounds (default 3) so that a change in the machine's load hits them alike; the table shows the median of the rounds'
# medians, each round's median, and (a)/(b) and (a)/(c). Load averages are printed before and after.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-3}
threads=${THREADS:-2}
ref=${REF_DIR:?set REF_DIR to the folder holding yolo11n-ref.onnx and yolo11s-ref.onnx}
yologen=src/YoloGen.Cli/bin/Release/net10.0/yologen
dotnet build src/YoloGen.Cli -c Release -nologo -v:q >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load before: $(cut -d' ' -f1-3 /proc/loadavg)"

field() { sed -E "s/.*\"$1\":([0-9.]+).*/\1/"; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }

declare -A speed
for model in yolo11n yolo11s; do
  variants=("ours-ort:--model $model --backend onnx" "reference-ort:--onnx $ref/$model-ref.onnx" "torchsharp:--model $model --fuse --channels-last")
  for ((r = 0; r < rounds; r++)); do
    for v in "${variants[@]}"; do
      name=${v%%:*}; opts=${v#*:}
      ms=$($yologen bench $opts --imgsz 640 --threads "$threads" --json | field median_ms)
      speed[$model.$name]+="$ms "
    done
  done
done

echo
echo "| model | variant | 1×3×640×640, median ms | rounds |"
echo "|---|---|---:|---|"
for model in yolo11n yolo11s; do
  for name in ours-ort reference-ort torchsharp; do
    read -ra values <<< "${speed[$model.$name]}"
    echo "| $model | $name | $(median "${values[@]}") | ${values[*]} |"
  done
  read -ra a <<< "${speed[$model.ours-ort]}"; read -ra b <<< "${speed[$model.reference-ort]}"; read -ra c <<< "${speed[$model.torchsharp]}"
  ma=$(median "${a[@]}"); mb=$(median "${b[@]}"); mc=$(median "${c[@]}")
  echo "| $model | ratios | ours/reference $(awk -v a="$ma" -v b="$mb" 'BEGIN {printf "%.2f", a / b}'), ours/TorchSharp $(awk -v a="$ma" -v c="$mc" 'BEGIN {printf "%.2f", a / c}') | |"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
