#!/usr/bin/env bash
# Load: N worklists open (default 200) on PostgreSQL under a steady intake (default 1 request/s for 10 minutes):
# live-update latency in every worklist, memory per idle circuit and over time, errors.
# Worklists are circuit clients (the server side of open pages, no rendering), or Chromium pages with "browser".
# usage: tests/TeleDerm.Benchmarks/load/run.sh [N] [MINUTES] [PER_SECOND] [browser]     needs: .NET 10 SDK, postgresql (chromium for browser)
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$REPO"
dotnet build -c Release -v q -nologo -clp:ErrorsOnly tests/TeleDerm.Benchmarks/TeleDerm.Benchmarks.Load
dotnet tests/TeleDerm.Benchmarks/TeleDerm.Benchmarks.Load/bin/Release/net10.0/TeleDerm.Benchmarks.Load.dll "$@"
