#!/usr/bin/env bash
# Viewer benchmark: two lesions of 4 12-megapixel JPEG-based DICOM instances each (4000x3000, grain so that
# each JPEG is a few MB like a real photo), their tiles made in the background as after an intake; the time
# to make one photo's tiles beside a full-size decode; then ROUNDS times (default 5) in headless Chromium, each
# in a fresh browser context: opening the viewer, going to the other lesion, zooming to the photo's own pixels
# and panning one screen, each until all 4 panes are sharp (the viewer's performance marks) beside the bare
# fetch + decode of the same tiles in the same page; then the frame rate while panning with synchronized
# panes, beside one pane alone. Prints medians and ratios. Never asserted.
# usage: tests/TeleDerm.Benchmarks/viewer/run.sh [ROUNDS]     needs: .NET 10 SDK, chromium
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
WORK="$(mktemp -d -t teleDerm-viewer-bench-XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
dotnet build -c Release -v q -nologo -o "$WORK/bin" "$REPO/tests/TeleDerm.Benchmarks/TeleDerm.Benchmarks.Viewer" >/dev/null
# The app's content root (wwwroot, static web assets) is the source folder, not the build output.
export ASPNETCORE_TEST_CONTENTROOT_TELEDERM_WEB="$REPO/src/TeleDerm.Web"
cd "$REPO" && "$WORK/bin/TeleDerm.Benchmarks.Viewer" "${1:-5}"
