#!/usr/bin/env bash
# Runs the whole test suite: installs what it needs (Debian packages, ONNX Runtime from npm), builds
# once, then runs every test project. Tests that need a server start it themselves on 127.0.0.1.
# Prints a closing line "N passed, N failed" and exits non-zero when anything failed.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
scripts/install-dependencies.sh test
dotnet build TeleDerm.sln -c Release --nologo -v quiet -clp:ErrorsOnly
mkdir -p artifacts
log="artifacts/test-output.log"
status=0
# The tests' temporary files (and their servers' folders) go to a folder of this run, checked and removed at the end.
run_tmp="$(mktemp -d -t teleDerm-tests-XXXXXX)"
chmod 755 "$run_tmp" # PostgreSQL runs as the "postgres" user when the tests run as root
TMPDIR="$run_tmp" dotnet test TeleDerm.sln -c Release --no-build --nologo "$@" 2>&1 | tee "$log" || status=$?
scripts/check-test-servers.sh "$run_tmp" 2>&1 | tee -a "$log" || status=1
# Sum the per-assembly summaries ("Passed!  - Failed: 0, Passed: 51, Skipped: 0, ...").
read -r passed failed skipped < <(grep -E '^(Passed|Failed)!' "$log" | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\2 \1 \3/' |
  awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [[ $status -ne 0 || $failed -ne 0 || $passed -eq 0 ]]; then
  exit 1
fi
