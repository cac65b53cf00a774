#!/usr/bin/env bash
# Packs YoloGen (library + generator), YoloGen.Testing and YoloGen.Tool into a local folder feed, then, from that feed
# and the machine's configured package sources (no other source is named here):
#   1. builds samples/QuickStart (a PackageReference, not a project reference), checks its build log lists the
#      generated networks and runs it (its YAML uses the project's own [YoloModule] class ECA);
#   2. runs the sample's snapshot tests (samples/QuickStart/Tests, YoloGen.Testing) twice: green both times;
#   3. in a copy, changes one YAML line and expects the snapshot test to fail with the received file and a diff
#      naming the changed layer; accepts (YOLOGEN_ACCEPT_SNAPSHOTS=1) and expects the next run to pass; renames a
#      scale and expects a stale snapshot and a new class to fail it;
#   4. builds a copy of the sample with a broken model YAML added and expects the build to fail with the YG error;
#   5. installs the tool into a temporary folder and runs `yologen info yolo11n`.
# A version unique to this run keeps a package cached by an earlier run from standing in for the one just packed.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
version="0.1.0-ci.$(date +%Y%m%d%H%M%S).$$"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
feed="$work/feed"
# The feed is added to the configured sources (RestoreAdditionalProjectSources), never replaces them.
from_feed=(-p:YoloGenVersion="$version" -p:RestoreAdditionalProjectSources="$feed")
# samples/QuickStart/nuget.config names the folder `dotnet pack` writes to by default; it must exist to restore.
mkdir -p artifacts/packages

echo "== pack $version into $feed"
dotnet pack src/YoloGen.Runtime -c Release -p:Version="$version" -o "$feed" -v:q -nologo
dotnet pack src/YoloGen.Testing -c Release -p:Version="$version" -o "$feed" -v:q -nologo
dotnet pack src/YoloGen.Cli -c Release -p:Version="$version" -o "$feed" -v:q -nologo
ls -l "$feed"

echo "== samples/QuickStart from the feed"
log="$work/quickstart-build.log"
dotnet build samples/QuickStart -c Release "${from_feed[@]}" -nologo | tee "$log"
for class in ShapesN ShapesS YoloModels; do
  grep -q "QuickStart: generated $class.g.cs" "$log" || { echo "FAIL: the build log does not list $class.g.cs"; exit 1; }
done
grep -q "YoloGen/$version" samples/QuickStart/obj/project.assets.json \
  || { echo "FAIL: the sample did not restore YoloGen $version"; exit 1; }
dotnet samples/QuickStart/bin/Release/net10.0/QuickStart.dll | tee "$work/quickstart-run.txt"
grep -qE "^ +8 ECA +\[128, 3\]$" "$work/quickstart-run.txt" \
  || { echo "FAIL: layer 8 of shapes-n is not the project's ECA module"; exit 1; }

# Runs the snapshot tests of the sample in folder $1, output to log $2; the exit code is the test run's.
snapshot_tests() {
  set +e
  dotnet test "$1/Tests" -c Release "${from_feed[@]}" -nologo > "$2" 2>&1
  local code=$?
  set -e
  return $code
}
expect_green() {
  snapshot_tests "$1" "$2" || { cat "$2"; echo "FAIL: $3"; exit 1; }
  grep -qE "Passed!  - Failed: +0, Passed: +1," "$2" || { cat "$2"; echo "FAIL: $3 (not exactly one test passed)"; exit 1; }
  grep -E "Passed!" "$2"
}

echo "== the sample's snapshot tests (YoloGen.Testing from the feed), twice"
expect_green samples/QuickStart "$work/snapshots-1.log" "the sample's snapshot tests failed"
grep -q "yologen.testing/$version" samples/QuickStart/Tests/obj/project.assets.json \
  || { echo "FAIL: the sample's tests did not restore YoloGen.Testing $version"; exit 1; }
expect_green samples/QuickStart "$work/snapshots-2.log" "the second run of the sample's snapshot tests failed"
if ls samples/QuickStart/Tests/*.received.cs > /dev/null 2>&1; then echo "FAIL: a green run left received files"; exit 1; fi

# A copy of the sample (sources, YAML, tests and verified files; not bin/obj or nuget.config) in $1.
copy_sample() {
  mkdir -p "$1"
  cp samples/Directory.Build.props samples/Directory.Build.targets samples/Directory.Packages.props "$1/"
  tar -C samples --exclude=bin --exclude=obj --exclude=nuget.config --exclude='*.received.cs' -cf - QuickStart | tar -C "$1" -xf -
}

echo "== one YAML line changed in a copy: the snapshot test fails with the diff"
changed="$work/changed/QuickStart"
copy_sample "$work/changed"
sed -i 's/^  - \[-1, 1, SPPF, \[1024, 5\]\] # 9$/  - [-1, 1, SPPF, [1024, 3]] # 9/' "$changed/models/shapes.yaml"
grep -q "SPPF, \[1024, 3\]" "$changed/models/shapes.yaml" || { echo "FAIL: the YAML edit did not apply"; exit 1; }
clog="$work/snapshots-changed.log"
if snapshot_tests "$changed" "$clog"; then cat "$clog"; echo "FAIL: the snapshot test passed after a YAML change"; exit 1; fi
sed -n '/Error Message:/,/Stack Trace:/p' "$clog"
grep -q "ShapesN changed: the new text is in $changed/Tests/ShapesN.received.cs" "$clog" \
  || { cat "$clog"; echo "FAIL: the failure does not name ShapesN.received.cs"; exit 1; }
grep -qE '^-    public (global::YoloGen\.Nn\.)?SPPF L9 \{ get; \} .*\[-1, 1, SPPF, \[1024, 5\]\]' "$clog" && grep -qE '^\+    public (global::YoloGen\.Nn\.)?SPPF L9 \{ get; \} .*\[-1, 1, SPPF, \[1024, 3\]\]' "$clog" \
  || { cat "$clog"; echo "FAIL: the diff does not show layer L9's line changing"; exit 1; }
test -f "$changed/Tests/ShapesN.received.cs" || { echo "FAIL: ShapesN.received.cs was not written"; exit 1; }

echo "== accept the change (YOLOGEN_ACCEPT_SNAPSHOTS=1), then the same test passes"
export YOLOGEN_ACCEPT_SNAPSHOTS=1
expect_green "$changed" "$work/snapshots-accept.log" "accepting the change failed"
unset YOLOGEN_ACCEPT_SNAPSHOTS
expect_green "$changed" "$work/snapshots-accepted.log" "the run after accepting failed"
grep -q "SPPF, \[1024, 3\]" "$changed/Tests/ShapesN.verified.cs" || { echo "FAIL: ShapesN.verified.cs does not hold the accepted text"; exit 1; }
if ls "$changed"/Tests/*.received.cs > /dev/null 2>&1; then echo "FAIL: accepting left received files"; exit 1; fi

echo "== scale s renamed to m in the copy: ShapesS.verified.cs is stale, ShapesM is new"
sed -i 's/^  s: \[0.33, 0.50, 512\]$/  m: [0.33, 0.50, 512]/' "$changed/models/shapes.yaml"
slog="$work/snapshots-scales.log"
if snapshot_tests "$changed" "$slog"; then cat "$slog"; echo "FAIL: the snapshot test passed with a scale renamed"; exit 1; fi
grep -E "ShapesS is no longer generated|ShapesM is new" "$slog"
grep -q "ShapesS is no longer generated: $changed/Tests/ShapesS.verified.cs is stale" "$slog" \
  && grep -q "ShapesM is new: no ShapesM.verified.cs yet; its text is in $changed/Tests/ShapesM.received.cs" "$slog" \
  || { cat "$slog"; echo "FAIL: the stale ShapesS snapshot or the new ShapesM class was not reported"; exit 1; }

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
if dotnet build "$broken" -c Release "${from_feed[@]}" -nologo > "$blog" 2>&1; then
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
