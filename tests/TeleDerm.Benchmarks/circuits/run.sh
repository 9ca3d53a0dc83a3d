#!/usr/bin/env bash
# Idle circuit memory: managed heap per idle worklist circuit (N Chromium pages, default 20, left open on 25 cases).
# With "clients", the worklists are circuit clients in a child process (nothing of them in the measured heap).
# usage: tests/TeleDerm.Benchmarks/circuits/run.sh [N] [clients]     needs: .NET 10 SDK, chromium (not for clients)
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$REPO"
dotnet build -c Release -v q -nologo -clp:ErrorsOnly tests/TeleDerm.Benchmarks/TeleDerm.Benchmarks.Circuits
dotnet tests/TeleDerm.Benchmarks/TeleDerm.Benchmarks.Circuits/bin/Release/net10.0/TeleDerm.Benchmarks.Circuits.dll "$@"
