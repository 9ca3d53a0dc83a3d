#!/usr/bin/env bash
# Viewer benchmark: 4 panes of 12-megapixel JPEG-based DICOM instances (4000x3000, grain so that each
# JPEG is a few MB like a real photo) opened ROUNDS times in headless Chromium (default 5), each in a
# fresh browser context: time to first image and to full resolution from the viewer's performance marks,
# beside the bare fetch + decode of the same files in the same page; then the frame rate while panning
# with synchronized panes, beside one pane alone, from requestAnimationFrame and long-animation-frame
# entries. Prints medians and ratios. Never asserted.
# usage: tests/TeleDerm.Benchmarks/viewer/run.sh [ROUNDS]     needs: .NET 10 SDK, chromium
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
WORK="$(mktemp -d -t teleDerm-viewer-bench-XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
dotnet build -c Release -v q -nologo -o "$WORK/bin" "$REPO/tests/TeleDerm.Benchmarks/TeleDerm.Benchmarks.Viewer" >/dev/null
# The app's content root (wwwroot, static web assets) is the source folder, not the build output.
export ASPNETCORE_TEST_CONTENTROOT_TELEDERM_WEB="$REPO/src/TeleDerm.Web"
cd "$REPO" && "$WORK/bin/TeleDerm.Benchmarks.Viewer" "${1:-5}"
