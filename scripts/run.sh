#!/usr/bin/env bash
# Runs TeleDerm on http://127.0.0.1:5080 with the embedded defaults: SQLite and keys under ./data,
# demo accounts and a demo department (cases from samples/) created on first start; the accounts' one-time
# passwords and TOTP secrets are printed once.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
scripts/install-dependencies.sh run
scripts/publish-app.sh artifacts/app
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
export TeleDerm__DataDirectory="${TeleDerm__DataDirectory:-$repo/data}"
export TeleDerm__Demo__Enabled="${TeleDerm__Demo__Enabled:-true}"
export TeleDerm__Demo__SamplesDirectory="${TeleDerm__Demo__SamplesDirectory:-$repo/samples}"
# A demonstration on this machine: the key ring may lie in clear (Production otherwise refuses to start; docs/security.md).
export TeleDerm__Security__AllowUnprotectedKeys="${TeleDerm__Security__AllowUnprotectedKeys:-true}"
# Plain HTTP on loopback: cookies without the __Host-/Secure requirements (Production otherwise assumes TLS in front).
export TeleDerm__Security__HttpsOnly="${TeleDerm__Security__HttpsOnly:-false}"
cd artifacts/app
exec dotnet TeleDerm.Web.dll --urls "${TELEDERM_URLS:-http://127.0.0.1:5080}"
