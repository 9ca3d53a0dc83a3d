#!/usr/bin/env bash
# Idle circuit memory: managed heap per idle worklist circuit (N Chromium pages, default 20, left open on 25 cases).
# usage: tests/TeleDerm.Benchmarks/circuits/run.sh [N]     needs: .NET 10 SDK, chromium
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$REPO"
dotnet build -c Release -v q -nologo -clp:ErrorsOnly tests/TeleDerm.Benchmarks/TeleDerm.Benchmarks.Circuits
dotnet tests/TeleDerm.Benchmarks/TeleDerm.Benchmarks.Circuits/bin/Release/net10.0/TeleDerm.Benchmarks.Circuits.dll "$@"
