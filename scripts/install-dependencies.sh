#!/usr/bin/env bash
# Installs what TeleDerm needs on Debian 12, given the .NET 10 SDK, Node.js and npm.
#   scripts/install-dependencies.sh run   what the app needs at run time
#   scripts/install-dependencies.sh test  that, plus the real servers and tools the tests start
# Idempotent and quick when everything is present: apt-get runs only for missing packages.
set -euo pipefail
what="${1:-test}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Native libraries the app loads (image decoding) and fonts for reports.
run_packages=(libturbojpeg0 libspng0 libheif1 fonts-dejavu-core)
# Servers and reference tools the tests start or compare against (docs/testing.md).
test_packages=(postgresql chromium dcmtk dicom3tools libjpeg-turbo-progs libheif-examples libonnx-testdata
               orthanc orthanc-dicomweb poppler-utils qpdf libnss3-tools openssl nginx-light python3-aiosmtpd)

packages=("${run_packages[@]}")
[[ "$what" == "test" ]] && packages+=("${test_packages[@]}")

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The Debian orthanc package starts a system service on install; the tests start their own instances.
if [[ "$what" == "test" ]] && command -v systemctl >/dev/null && systemctl is-active --quiet orthanc 2>/dev/null; then
  systemctl stop orthanc || true
fi
# Likewise nginx: the TLS proxy test starts its own on a free port.
if [[ "$what" == "test" ]] && command -v systemctl >/dev/null && systemctl is-active --quiet nginx 2>/dev/null; then
  systemctl stop nginx || true
fi

