#!/usr/bin/env bash
# What each part of the inference fast path is worth (docs/benchmarks.md): yolo11n eval forward at 640 with one
# setting changed at a time, the variants alternating for ROUNDS rounds (default 3), each in its own process.
# Prints the median of the rounds' medians and each round's median, in ms.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-3}
model=${MODEL:-yolo11n}
yologen=src/YoloGen.Cli/bin/Release/net10.0/yologen
dotnet build src/YoloGen.Cli -c Release -nologo -v:q >/dev/null
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
field() { sed -E "s/.*\"$1\":([0-9.]+).*/\1/"; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }

# name|environment|options
variants=(
  "generated, glibc malloc defaults|YOLOGEN_MALLOC_DEFAULTS=1|--threads 2"
  "indexed (c), glibc malloc defaults|YOLOGEN_MALLOC_DEFAULTS=1|--threads 2 --layout indexed"
  "generated|-|--threads 2"
  "indexed (c)|-|--threads 2 --layout indexed"
  "fused|-|--threads 2 --fuse"
  "fused, channels-last|-|--threads 2 --fuse --channels-last"
  "fused, channels-last, 1 thread|-|--threads 1 --fuse --channels-last"
)
declare -A results
for ((r = 0; r < rounds; r++)); do
  for v in "${variants[@]}"; do
    IFS='|' read -r name environment options <<< "$v"
    [[ $environment == - ]] && environment=
    ms=$(env $environment $yologen bench --model "$model" --imgsz 640 $options --json | field median_ms)
    results[$name]+="$ms "
  done
done
echo "| $model eval forward 1×3×640×640 | median ms | rounds |"
echo "|---|---:|---|"
for v in "${variants[@]}"; do
  name=${v%%|*}
  read -ra values <<< "${results[$name]}"
  echo "| $name | $(median "${values[@]}") | ${values[*]} |"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
