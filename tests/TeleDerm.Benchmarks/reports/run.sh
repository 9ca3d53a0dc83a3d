#!/usr/bin/env bash
# Report benchmark: a two-page report with four 1600×1200 dermoscopic JPEGs composed unsigned and composed
# + signed (PAdES B-B), interleaved RUNS times (default 200) in one process; prints p50/p95 and the ratio.
# Never asserted. usage: tests/TeleDerm.Benchmarks/reports/run.sh [RUNS]     needs: .NET 10 SDK, fonts-dejavu-core, libturbojpeg0
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
WORK="$(mktemp -d -t teleDerm-reports-bench-XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
dotnet build -c Release -v q -nologo -o "$WORK/bin" "$REPO/tests/TeleDerm.Benchmarks/TeleDerm.Benchmarks.Reports" >/dev/null
"$WORK/bin/TeleDerm.Benchmarks.Reports" "${1:-200}" "$REPO/../shared/data/dermoscopy/images"
