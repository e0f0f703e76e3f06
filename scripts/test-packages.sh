#!/usr/bin/env bash
# The Debian packages the tests drive for real – the one list of them. `make test` runs this
# first: it does nothing when all are installed, installs what is missing when it may (root,
# or sudo without a password), and otherwise names the one command to run, and fails.
#
#   scripts/test-packages.sh            check, and install what is missing
#   scripts/test-packages.sh --dry-run  only show what it would run
#
# For trying the missing-package path without touching the system, the lists can be
# overridden: TEST_PACKAGES="…" TEST_PACKAGES_WITH_RECOMMENDS="…" scripts/test-packages.sh --dry-run
set -euo pipefail

# A browser (Chromium's headless shell), a web server as hosts run it, poppler (PDF to image and text), a QR decoder.
read -r -a packages <<< "${TEST_PACKAGES-chromium-headless-shell nginx-light poppler-utils zbar-tools}"
# A real Redmine (SQLite) for the tracker tests, as Debian sets it up (with its recommends).
read -r -a packages_with_recommends <<< "${TEST_PACKAGES_WITH_RECOMMENDS-redmine redmine-sqlite}"
# Redmine's database questions, answered before its installation asks them.
redmine_preseed="redmine redmine/instances/default/dbconfig-install boolean true
redmine redmine/instances/default/database-type select sqlite3
redmine redmine/instances/default/db/basepath string /var/lib/dbconfig-common/sqlite3/redmine/instances/default"

dry_run=false
[ "${1-}" = "--dry-run" ] && dry_run=true

missing_from() {
  local package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || echo "$package"
  done
}
mapfile -t missing < <(missing_from "${packages[@]}")
# Node.js for `npm ci` (axe-core, Lighthouse): any Node ≥ 18.16 with npm will do, Debian's or not.
command -v npm >/dev/null || missing+=(nodejs npm)
mapfile -t missing_with_recommends < <(missing_from "${packages_with_recommends[@]}")
all_missing=("${missing[@]}" "${missing_with_recommends[@]}")
[ ${#all_missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  as_root=(sudo)
else
  echo "Für die Tests fehlen Debian-Pakete: ${all_missing[*]}" >&2
  echo "Einmal als root installieren:  sudo $0   (dann erneut: make test)" >&2
  exit 1
fi

run() {
  if $dry_run; then
    echo "würde ausführen: $*"
  else
    "$@"
  fi
}

echo "Installiere die Debian-Pakete für die Tests: ${all_missing[*]}"
if [[ " ${all_missing[*]} " == *" redmine "* ]]; then
  if $dry_run; then
    echo "würde an debconf-set-selections geben:"
    echo "$redmine_preseed"
  else
    echo "$redmine_preseed" | "${as_root[@]}" debconf-set-selections
  fi
fi
run "${as_root[@]}" apt-get update -qq
if [ ${#missing[@]} -gt 0 ]; then
  run "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if [ ${#missing_with_recommends[@]} -gt 0 ]; then
  run "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq "${missing_with_recommends[@]}"
fi
