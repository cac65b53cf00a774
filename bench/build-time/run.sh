#!/usr/bin/env bash
# Build time of src/YoloGen.Cli with and without the model generator (docs/benchmarks.md).
# Each build recompiles the CLI only (a touched source file, --no-dependencies), alternating the two modes
# N times (default 5): "with" runs the generator as usual; "without" gives the compiler the same generated
# files as plain sources and no generator (WithoutGenerator.targets). Prints each build's wall time and the
# medians, then the generator's own time as the compiler reports it (-p:ReportAnalyzer=true).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cli=src/YoloGen.Cli
common=(-c Release --no-dependencies --no-restore -nologo -v:q)

touch $cli/Program.cs
dotnet build $cli -c Release -nologo -v:q -p:EmitCompilerGeneratedFiles=true -p:CompilerGeneratedFilesOutputPath="$work/generated" >/dev/null
echo "generated files: $(find "$work/generated" -name '*.g.cs' | wc -l)"
without=(-p:CustomAfterMicrosoftCommonTargets="$(pwd)/bench/build-time/WithoutGenerator.targets" -p:YoloGenPregenerated="$work/generated")

time_build() { # prints the wall time of one recompiling build in ms
  touch $cli/Program.cs
  local start end
  start=$(date +%s%N)
  dotnet build $cli "${common[@]}" "$@" >/dev/null
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

time_build >/dev/null; time_build "${without[@]}" >/dev/null   # warm the build server and the disk cache
with_ms=(); without_ms=()
for ((i = 0; i < runs; i++)); do
  with_ms+=("$(time_build)")
  without_ms+=("$(time_build "${without[@]}")")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }
echo "with generator:    ${with_ms[*]} ms; median $(median "${with_ms[@]}") ms"
echo "without generator: ${without_ms[*]} ms; median $(median "${without_ms[@]}") ms"

touch $cli/Program.cs
echo "compiler's report (ReportAnalyzer):"
dotnet build $cli -c Release --no-dependencies --no-restore -nologo -v:d -p:ReportAnalyzer=true \
  | grep -E "Total (analyzer|generator) execution time|[0-9] +YoloGen\.Generator\." | sed 's/^ */  /' | sort -u
touch $cli/Program.cs
dotnet build $cli -c Release --no-dependencies --no-restore -nologo -v:q >/dev/null   # leave a normal build behind
