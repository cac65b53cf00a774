#!/usr/bin/env bash
# Packs YoloGen (library + generator) and YoloGen.Tool into a local folder feed, then, from that feed only:
#   1. builds samples/QuickStart (a PackageReference, not a project reference), checks its build log lists the
#      generated networks and runs it (its YAML uses the project's own [YoloModule] class ECA);
#   2. builds a copy of the sample with a broken model YAML added and expects the build to fail with the YG error;
#   3. installs the tool into a temporary folder and runs `yologen info yolo11n`.
# A version unique to this run keeps a package cached by an earlier run from standing in for the one just packed.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
version="0.1.0-ci.$(date +%Y%m%d%H%M%S).$$"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
feed="$work/feed"
nugetorg=https://api.nuget.org/v3/index.json

echo "== pack $version into $feed"
dotnet pack src/YoloGen.Runtime -c Release -p:Version="$version" -o "$feed" -v:q -nologo
dotnet pack src/YoloGen.Cli -c Release -p:Version="$version" -o "$feed" -v:q -nologo
ls -l "$feed"

echo "== samples/QuickStart from the feed"
log="$work/quickstart-build.log"
dotnet build samples/QuickStart -c Release -p:YoloGenVersion="$version" --source "$feed" --source "$nugetorg" -nologo | tee "$log"
for class in ShapesN ShapesS YoloModels; do
  grep -q "QuickStart: generated $class.g.cs" "$log" || { echo "FAIL: the build log does not list $class.g.cs"; exit 1; }
done
grep -q "YoloGen/$version" samples/QuickStart/obj/project.assets.json \
  || { echo "FAIL: the sample did not restore YoloGen $version"; exit 1; }
dotnet samples/QuickStart/bin/Release/net10.0/QuickStart.dll | tee "$work/quickstart-run.txt"
grep -qE "^ +8 ECA +\[128, 3\]$" "$work/quickstart-run.txt" \
  || { echo "FAIL: layer 8 of shapes-n is not the project's ECA module"; exit 1; }

echo "== a broken model YAML fails the sample's build"
broken="$work/QuickStart"
mkdir -p "$broken"
cp -r samples/QuickStart/models samples/QuickStart/*.cs samples/QuickStart/QuickStart.csproj "$broken/"
cp samples/Directory.Build.props samples/Directory.Build.targets samples/Directory.Packages.props "$work/"
cat > "$broken/models/broken.yaml" <<'YAML'
nc: 2
backbone:
  - [-1, 1, Conv, [16, 3, 2]]
  - [-1, 1, NoSuchModule, [32]]
head:
  - [[1], 1, Detect, [nc]]
YAML
blog="$work/broken-build.log"
if dotnet build "$broken" -c Release -p:YoloGenVersion="$version" --source "$feed" --source "$nugetorg" -nologo > "$blog" 2>&1; then
  cat "$blog"; echo "FAIL: the build with a broken YAML succeeded"; exit 1
fi
grep -E "broken\.yaml\([0-9]+,[0-9]+\): error YG[0-9]{4}" "$blog" | sort -u
grep -qE "broken\.yaml\(4,[0-9]+\): error YG0006: .*NoSuchModule" "$blog" \
  || { cat "$blog"; echo "FAIL: no YG0006 error at broken.yaml line 4"; exit 1; }

echo "== dotnet tool install from the feed"
# Own packages folder: the tool package bundles libtorch (~300 MB) and should not pile up in the user's cache.
NUGET_PACKAGES="$work/tool-packages" dotnet tool install --tool-path "$work/tool" --add-source "$feed" \
  --version "$version" YoloGen.Tool
"$work/tool/yologen" info yolo11n | tee "$work/info.txt"
grep -q "yolo11n summary: 24 YAML layers, 2,624,080 parameters" "$work/info.txt" \
  || { echo "FAIL: unexpected 'yologen info yolo11n' output"; exit 1; }
echo "pack-sample: OK ($version)"
