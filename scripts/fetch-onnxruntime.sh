#!/usr/bin/env bash
# Fetches the official ONNX Runtime native library from the npm package onnxruntime-node
# (NuGet's Microsoft.ML.OnnxRuntime is not available here; see docs/dependencies.md).
# Idempotent: does nothing when the library is already in place.
# Uses `npm pack` so that no install script runs (the postinstall downloads GPU extras).
set -euo pipefail

ORT_VERSION="1.30.0"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST_DIR="$REPO_ROOT/native/onnxruntime/linux-x64"
DEST="$DEST_DIR/libonnxruntime.so.1"
STAMP="$DEST_DIR/VERSION"
# Path inside the npm tarball (checked against onnxruntime-node@1.30.0).
ENTRY="package/bin/napi-v6/linux/x64/libonnxruntime.so.1"

if [[ -f "$DEST" && -f "$STAMP" && "$(cat "$STAMP")" == "$ORT_VERSION" ]]; then
  echo "$DEST"
  exit 0
fi

command -v npm >/dev/null || { echo "npm is required (Debian package: npm)" >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

(cd "$WORK" && npm pack "onnxruntime-node@$ORT_VERSION" --silent >/dev/null)
TARBALL="$(ls "$WORK"/onnxruntime-node-*.tgz)"
tar -xzf "$TARBALL" -C "$WORK" "$ENTRY"

mkdir -p "$DEST_DIR"
# Write to a temporary name and rename so a concurrent reader never sees a partial file.
install -m 0644 "$WORK/$ENTRY" "$DEST.tmp"
mv -f "$DEST.tmp" "$DEST"
echo "$ORT_VERSION" > "$STAMP"
echo "$DEST"
