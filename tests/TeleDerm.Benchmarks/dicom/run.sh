#!/usr/bin/env bash
# DICOM parsing benchmark: header-only and full parse of the shared corpus (files/s, MB/s) by our codec
# (TeleDerm.Dicom), beside npm's dicom-parser (Node) and dcmtk's dcm2json, on the same files, in one run,
# with ratios against ours. Only files that all three read are timed. Never asserted anywhere.
#
# usage: tests/TeleDerm.Benchmarks/dicom/run.sh [REPEATS] [DCM2JSON_REPEATS]   (defaults 100 and 3)
# needs: .NET 10 SDK, node + npm (dicom-parser is installed into a temporary folder), dcm2json (dcmtk).
set -euo pipefail

REPEATS="${1:-100}"
DCM2JSON_REPEATS="${2:-3}"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
CORPUS="${TELEDERM_DICOM_CORPUS:-$REPO/../shared/data/dicom}"
DICOM_PARSER_VERSION=1.8.21

for tool in dotnet node npm dcm2json; do
  command -v "$tool" >/dev/null || { echo "missing tool: $tool (dcm2json: apt-get install dcmtk)" >&2; exit 1; }
done

WORK="$(mktemp -d -t teleDerm-dicom-bench-XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

# --- the three parsers ------------------------------------------------------------------------------
dotnet build -c Release -v q -nologo -o "$WORK/dotnet" "$REPO/tests/TeleDerm.Benchmarks/TeleDerm.Benchmarks.Dicom" >/dev/null
OURS=("$WORK/dotnet/TeleDerm.Benchmarks.Dicom")
(cd "$WORK" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund "dicom-parser@$DICOM_PARSER_VERSION" >/dev/null)
cat > "$WORK/bench.js" <<'JS'
// check LIST: prints the files dicom-parser reads; time LIST REPEATS: one JSON line per mode.
const fs = require('fs');
const dicomParser = require('dicom-parser');
const [mode, list, repeatsText] = process.argv.slice(2);
const files = fs.readFileSync(list, 'utf8').split('\n').filter(Boolean);
if (mode === 'check') {
  for (const f of files) {
    try { dicomParser.parseDicom(new Uint8Array(fs.readFileSync(f))); console.log(f); }
    catch (e) { console.error(`dicom-parser refuses ${f.split('/').pop()}: ${e.exception || e.message || e}`); }
  }
  process.exit(0);
}
const repeats = Number(repeatsText);
const contents = files.map(f => new Uint8Array(fs.readFileSync(f)));
const totalBytes = contents.reduce((n, c) => n + c.length, 0);
// Best of three interleaved rounds per mode, as on our side.
const modes = [['header-only', { untilTag: 'x7fe00010' }], ['full', {}]];
const best = {};
let sink = 0;
for (let round = 0; round < 3; round++) {
  for (const [name, options] of modes) {
    const start = process.hrtime.bigint();
    for (let r = 0; r < repeats; r++)
      for (const c of contents) sink += Object.keys(dicomParser.parseDicom(c, options).elements).length;
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    best[name] = Math.min(best[name] ?? Infinity, seconds);
  }
}
const parsed = contents.length * repeats;
for (const [name] of modes) {
  const seconds = best[name];
  console.log(JSON.stringify({ tool: 'dicom-parser', mode: name, files: parsed, seconds,
    filesPerSecond: +(parsed / seconds).toFixed(1), mbPerSecond: +(totalBytes * repeats / seconds / 1e6).toFixed(1), sink }));
}
JS

# --- the common set of files ---------------------------------------------------------------------------
find "$CORPUS" -maxdepth 1 -name '*.dcm' | sort > "$WORK/all.txt"
"${OURS[@]}" check "$WORK/all.txt" 2>"$WORK/refusals.txt" | sort > "$WORK/ours.txt"
node "$WORK/bench.js" check "$WORK/all.txt" 2>>"$WORK/refusals.txt" | sort > "$WORK/node.txt"
: > "$WORK/dcmtk.txt"
while read -r f; do
  status=0
  dcm2json "$f" /dev/null 2>/dev/null || status=$?
  if [ "$status" -eq 0 ]; then echo "$f" >> "$WORK/dcmtk.txt"; else echo "dcm2json refuses $(basename "$f") (exit $status)" >> "$WORK/refusals.txt"; fi
done < "$WORK/all.txt"
comm -12 "$WORK/ours.txt" "$WORK/node.txt" | comm -12 - <(sort "$WORK/dcmtk.txt") > "$WORK/common.txt"
COUNT=$(wc -l < "$WORK/common.txt")
BYTES=$(xargs -a "$WORK/common.txt" -d '\n' cat | wc -c)
echo "corpus: $(wc -l < "$WORK/all.txt") files; timed: $COUNT files read by all three, $BYTES bytes"
sed 's/^/  /' "$WORK/refusals.txt"

# --- timings -------------------------------------------------------------------------------------------
"${OURS[@]}" time "$WORK/common.txt" "$REPEATS" > "$WORK/results.jsonl"
node "$WORK/bench.js" time "$WORK/common.txt" "$REPEATS" >> "$WORK/results.jsonl"
# dcm2json is one process per file: the figure includes process start and JSON output (to /dev/null),
# so the start-up alone (--version) is measured too and reported beside it.
START=$(date +%s.%N)
for ((r = 0; r < DCM2JSON_REPEATS; r++)); do
  while read -r f; do dcm2json "$f" /dev/null 2>/dev/null; done < "$WORK/common.txt"
done
END=$(date +%s.%N)
STARTUP_START=$(date +%s.%N)
for ((r = 0; r < DCM2JSON_REPEATS * COUNT; r++)); do dcm2json --version >/dev/null; done
STARTUP_END=$(date +%s.%N)
python3 - "$WORK/results.jsonl" "$COUNT" "$BYTES" "$DCM2JSON_REPEATS" "$START" "$END" "$STARTUP_START" "$STARTUP_END" <<'PY'
import json, sys
results_path, count, size, repeats, start, end, s_start, s_end = sys.argv[1:]
count, size, repeats = int(count), int(size), int(repeats)
rows = [json.loads(line) for line in open(results_path)]
seconds = float(end) - float(start)
startup = float(s_end) - float(s_start)
parsed = count * repeats
rows.append({"tool": "dcm2json (process per file)", "mode": "full + JSON", "files": parsed, "seconds": seconds,
             "filesPerSecond": parsed / seconds, "mbPerSecond": size * repeats / seconds / 1e6})
net = seconds - startup
if net > 0:
    rows.append({"tool": "dcm2json minus start-up", "mode": "full + JSON", "files": parsed, "seconds": net,
                 "filesPerSecond": parsed / net, "mbPerSecond": size * repeats / net / 1e6})
ours = {r["mode"]: r["filesPerSecond"] for r in rows if r["tool"] == "TeleDerm.Dicom"}
print(f"\n| parser | mode | files/s | MB/s | ours / it |")
print("| --- | --- | ---: | ---: | ---: |")
for r in rows:
    ratio = ours.get(r["mode"], ours["full"]) / r["filesPerSecond"]
    print(f"| {r['tool']} | {r['mode']} | {r['filesPerSecond']:.0f} | {r['mbPerSecond']:.1f} | {ratio:.2f} |")
print(f"\ndcm2json --version alone: {startup / parsed * 1000:.2f} ms per process")
PY
