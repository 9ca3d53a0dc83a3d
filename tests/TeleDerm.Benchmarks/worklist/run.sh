#!/usr/bin/env bash
# Worklist benchmark: CASES submitted cases (default 100 000) in a real PostgreSQL started from Debian's
# binaries, then the first page of one department's worklist timed RUNS times (default 200) through
# TeleDerm's query and as the bare SQL it sends, in the same run. Prints p50/p95 and ratios. Never asserted.
# usage: tests/TeleDerm.Benchmarks/worklist/run.sh [CASES] [RUNS]     needs: .NET 10 SDK, postgresql
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
WORK="$(mktemp -d -t teleDerm-worklist-bench-XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
dotnet build -c Release -v q -nologo -o "$WORK/bin" "$REPO/tests/TeleDerm.Benchmarks/TeleDerm.Benchmarks.Worklist" >/dev/null
"$WORK/bin/TeleDerm.Benchmarks.Worklist" "${1:-100000}" "${2:-200}"
