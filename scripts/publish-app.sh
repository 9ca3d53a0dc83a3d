#!/usr/bin/env bash
# Publishes the web host into OUT (default artifacts/app) as scripts/run.sh and the start-up benchmark run it: Release,
# for this machine's runtime (framework-dependent), so that TeleDerm's assemblies are precompiled (ReadyToRun).
# usage: scripts/publish-app.sh [OUT]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$repo/artifacts/app}"
dotnet publish "$repo/src/TeleDerm.Web/TeleDerm.Web.csproj" -c Release --use-current-runtime --self-contained false \
  -o "$out" --nologo -v quiet -clp:ErrorsOnly
