#!/usr/bin/env bash
# After the test run: every server a test fixture started (PostgreSQL, Orthanc, nginx, app instances) must be stopped and its
# temporary folder removed, also when a test host was aborted (each fixture leaves a watchdog that cleans up once
# the test process is gone). Usage: check-test-servers.sh RUN_TMPDIR (the TMPDIR the tests ran with).
# Fails, naming what is left, after giving the watchdogs 30 s; then stops it anyway so nothing outlives the run.
# Every other temporary file of the run (apps' data folders, test databases) goes with the run's folder.
set -uo pipefail
run_tmp="$1"
pattern="${run_tmp}/teleDerm-(pg|orthanc|nginx|app)-"
left_processes() { pgrep -af -- "$pattern" | grep -v -e 'watchdog' -e 'pgrep' || true; }
left_folders() { find "$run_tmp" -mindepth 1 -maxdepth 1 -regextype egrep -regex '.*/teleDerm-(pg|orthanc|nginx|app)-[^/]*' 2>/dev/null || true; }
for _ in $(seq 1 30); do
  [[ -z "$(left_processes)" && -z "$(left_folders)" ]] && break
  sleep 1
done
processes="$(left_processes)"
folders="$(left_folders)"
status=0
if [[ -n "$processes" ]]; then
  echo "test servers still running after the tests:" >&2
  echo "$processes" >&2
  pkill -KILL -f -- "$pattern" || true
  status=1
fi
if [[ -n "$folders" ]]; then
  echo "test server folders left behind:" >&2
  echo "$folders" >&2
  status=1
fi
rm -rf -- "$run_tmp"
[[ $status -eq 0 ]] && echo "test servers: none left running, no folder left behind"
exit $status
