#!/bin/bash
# Install the Debian 12 packages yiwang needs to build, test, fuzz and demo.
# Silent when everything is present; as root installs only what is missing;
# otherwise prints the one command to run and fails.
set -euo pipefail

# The single list of what yiwang needs from Debian.
PACKAGES=(
	postgresql-15                           # the server
	postgresql-server-dev-15                # PGXS and server headers (pulls clang-14 and llvm-14-dev for bitcode)
	postgresql-common                       # pg_virtualenv, pg_createcluster
	postgresql-15-postgis-3                 # required by the extension
	postgresql-15-pgtap                     # pgTAP functions
	libtap-parser-sourcehandler-pgtap-perl  # pg_prove
	postgresql-15-plpgsql-check             # static checks of the PL/pgSQL code
	libssl-dev                              # SM2/SM3 and Ed25519 through OpenSSL EVP
	openssl                                 # the command line the interop tests sign and verify with
	build-essential                         # make, gcc
	clang                                   # libFuzzer builds
	libclang-rt-14-dev                      # libclang_rt.fuzzer and the sanitizer runtimes (only a Recommends of clang)
	odbc-postgresql                         # psqlODBC, for the reporting-tool checks
	unixodbc                                # isql and the ODBC driver manager
)

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "ensure-packages: not a Debian system; make sure the equivalents of these are installed:" >&2
	echo "  ${PACKAGES[*]}" >&2
	exit 0
fi

missing=()
for p in "${PACKAGES[@]}"; do
	status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$status" = installed ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "yiwang needs these Debian packages: ${missing[*]}" >&2
	echo "Run, then repeat the make command:" >&2
	echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
	exit 1
fi

echo "Installing missing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
