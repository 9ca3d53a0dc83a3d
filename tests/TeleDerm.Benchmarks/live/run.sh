#!/usr/bin/env bash
# Live update benchmark: N submissions (default 100) through the intake API, each timed until its row appears
# in a dermatologist's worklist open in headless Chromium; reference: the POST's own round trip, same run.
# usage: tests/TeleDerm.Benchmarks/live/run.sh [N] [PHOTO.jpg]     needs: .NET 10 SDK, chromium
#        tests/TeleDerm.Benchmarks/live/run.sh signing [N]   signing → the report on the GP's open case page (two 12 MP photos)
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$REPO"
dotnet build -c Release -v q -nologo -clp:ErrorsOnly tests/TeleDerm.Benchmarks/TeleDerm.Benchmarks.Live
dotnet tests/TeleDerm.Benchmarks/TeleDerm.Benchmarks.Live/bin/Release/net10.0/TeleDerm.Benchmarks.Live.dll "$@"
