#!/usr/bin/env bash
# Installs what building, running (and with --test, testing) baoan needs on Debian 12, skipping
# what is already there. Node.js 20 and npm come with the machine image.
set -euo pipefail

build_pkgs=(g++ cmake ninja-build pkg-config libboost1.74-dev nlohmann-json3-dev libsqlite3-dev libmimalloc-dev
  libpq-dev libsodium-dev libssl-dev libspdlog-dev libcli11-dev libtomlplusplus-dev libgtest-dev libgmock-dev
  libxlsxwriter-dev libexpat1-dev zlib1g-dev libcurl4-openssl-dev libjpeg62-turbo-dev
  libcairo2-dev libpango1.0-dev libqrencode-dev libpoppler-glib-dev libpoppler-glib8 fonts-noto-cjk
  sqlite3 curl ca-certificates)
# libpoppler-glib-dev (libpoppler-glib8 at run time): an application's print draws the pages of its
# uploaded PDF materials (io/pdf.h SourcePdf) onto the same cairo surface.
# libreoffice-calc-nogui: server/tests/api/libreoffice.test.mjs opens the exports in LibreOffice Calc
# (soffice --headless) and imports files it saved; about 81 MB to download, 263 MB installed.
# clang-14, libclang-rt-14-dev: the libFuzzer target of the xlsx import (server/fuzz/run.sh, ASan + UBSan).
# poppler-utils (pdftotext, pdftoppm), zbar-tools (zbarimg): the licence tests read the PDFs' text and decode their QR codes.
test_pkgs=(postgresql chromium libreoffice-calc-nogui clang-14 libclang-rt-14-dev poppler-utils zbar-tools)

pkgs=("${build_pkgs[@]}")
[[ "${1:-}" == "--test" ]] && pkgs+=("${test_pkgs[@]}")

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "error: Node.js 20 and npm are needed to build the web app" >&2
  exit 1
fi
