#!/usr/bin/env bash
# Dashboard benchmark: CASES cases (default 1 000 000) over two years and 4 departments, generated inside a
# real PostgreSQL started from Debian's binaries, then each dashboard figure of one department timed RUNS
# times (default 30) for the last 30 days and the last 365 days, beside a plain count of the department's
# cases received in the period (the reference, same run); then again without the dashboard's indexes.
# Prints p50/p95 per figure and the ratio to the reference. Never asserted.
# usage: tests/TeleDerm.Benchmarks/dashboard/run.sh [CASES] [RUNS] [explain]   needs: .NET 10 SDK, postgresql
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
WORK="$(mktemp -d -t teleDerm-dashboard-bench-XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
dotnet build -c Release -v q -nologo -o "$WORK/bin" "$REPO/tests/TeleDerm.Benchmarks/TeleDerm.Benchmarks.Dashboard" >/dev/null
"$WORK/bin/TeleDerm.Benchmarks.Dashboard" "${1:-1000000}" "${2:-30}" ${3:-}
