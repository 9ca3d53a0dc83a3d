#!/usr/bin/env bash
# Start-up benchmark (#21): from the process's start until the sign-in page is served, on an existing data folder,
# as scripts/run.sh starts the app (published by scripts/publish-app.sh, Production, SQLite, file-system store,
# bundled model, demo department). Floor, in the same run and alternated with it: the smallest ASP.NET Core app
# (TeleDerm.Benchmarks.StartupFloor) published the same way, serving a page at the same path.
# The first start on a new data folder (schema, keys, demo department) is timed apart.
# usage: tests/TeleDerm.Benchmarks/startup/run.sh [ROUNDS=10]     needs: .NET 10 SDK, curl, python3, scripts/install-dependencies.sh run
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
rounds="${1:-10}"
out="$repo/artifacts/benchmarks/startup"
work="$(mktemp -d -t teleDerm-startup-XXXXXX)"
trap 'rm -rf "$work"' EXIT
"$repo/scripts/publish-app.sh" "$out/app"
dotnet publish "$repo/tests/TeleDerm.Benchmarks/TeleDerm.Benchmarks.StartupFloor" -c Release --use-current-runtime \
  --self-contained false -p:PublishReadyToRun=true -o "$out/floor" --nologo -v quiet -clp:ErrorsOnly
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"

# start DIR DLL LOG: prints "start_ns ready_ns" once GET /account/login answers 200, then stops the process.
start() {
  local dir="$1" dll="$2" log="$3" t0 t1 pid
  t0="$(date +%s%N)"
  (cd "$dir" && exec env "Logging__LogLevel__Microsoft.Extensions.Hosting=Debug" dotnet "$dll" --urls "http://127.0.0.1:$port") > "$log" 2>&1 &
  pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/account/login")" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || { echo "the process stopped before serving the page; its log: $log" >&2; cat "$log" >&2; exit 1; }
    sleep 0.02
  done
  t1="$(date +%s%N)"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$t0 $t1"
}

export ASPNETCORE_ENVIRONMENT=Production TeleDerm__DataDirectory="$work/data" TeleDerm__Demo__Enabled=true \
  TeleDerm__Demo__SamplesDirectory="$repo/samples" TeleDerm__Security__AllowUnprotectedKeys=true TeleDerm__Security__HttpsOnly=false
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
first="$(start "$out/app" TeleDerm.Web.dll "$work/first.log")"
echo "first start on a new data folder (schema, keys, demo department): $(( (${first#* } - ${first% *}) / 1000000 )) ms"
: > "$work/times"
for i in $(seq 1 "$rounds"); do
  app="$(start "$out/app" TeleDerm.Web.dll "$work/app.log")"
  floor="$(start "$out/floor" TeleDerm.Benchmarks.StartupFloor.dll "$work/floor.log")"
  echo "$app $floor $(python3 "$repo/tests/TeleDerm.Benchmarks/startup/phases.py" "${app% *}" "$work/app.log")" >> "$work/times"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work/times" <<'PY'
import statistics, sys
rows = [list(map(float, line.split())) for line in open(sys.argv[1])]
def show(label, values):
    print(f"| {label} | {statistics.median(values):.0f} | {min(values):.0f} | {max(values):.0f} |")
print(f"| ms after the process started ({len(rows)} rounds, alternated) | median | min | max |")
print("| --- | ---: | ---: | ---: |")
app = [(r[1] - r[0]) / 1e6 for r in rows]
floor = [(r[3] - r[2]) / 1e6 for r in rows]
show("floor: smallest ASP.NET Core app, page served", floor)
show("TeleDerm: host starting (runtime, configuration, schema check, initialization)", [r[4] for r in rows])
show("TeleDerm: listening (background services started)", [r[5] for r in rows])
show("TeleDerm: sign-in page served", app)
print(f"ratio TeleDerm / floor (medians): {statistics.median(app) / statistics.median(floor):.2f}")
PY
