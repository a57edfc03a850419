#!/usr/bin/env bash
# Installs what the oracle tests (test/oracle/) compare against: Debian's docker-compose 1.29 (the
# Python one; `config` needs no Docker daemon, so Docker itself is not installed), redis-server (the
# redis oracle) and postgres (the postgresql.conf and pg_hba.conf oracle); and pre-commit, which the
# pre-commit hook's integration test runs (test/integrations/, docs/pre-commit.md). Idempotent,
# quiet and instant when the packages are already there. Needs apt, and root or sudo. See
# docs/oracle.md and docs/config-parsers.md.
set -euo pipefail

installed() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]
}

# A postgres server binary of any version counts: the oracle finds the newest one.
have_postgres() {
  compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || command -v postgres >/dev/null 2>&1
}

missing=()
installed docker-compose || missing+=(docker-compose)
installed redis-server || command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
have_postgres || missing+=(postgresql)
# nginx with its Lua module, for the nginx parser's oracle (docs/nginx-parser.md); only `nginx -t` runs.
installed nginx-core || missing+=(nginx-core)
installed libnginx-mod-http-lua || missing+=(libnginx-mod-http-lua)
# pre-commit, for test/integrations/pre-commit.test.ts (it installs the hook from the checkout).
installed pre-commit || missing+=(pre-commit)

if [ ${#missing[@]} -eq 0 ]; then
  echo "oracle-setup: docker-compose $(dpkg-query -W -f='${Version}' docker-compose), redis-server, postgres, nginx and pre-commit already installed"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "oracle-setup: apt-get not found; install Debian's ${missing[*]} package(s) by hand" >&2
  exit 1
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "oracle-setup: run as root (or install sudo) to install ${missing[*]} with apt-get" >&2
    exit 1
  fi
  SUDO=(sudo)
fi

export DEBIAN_FRONTEND=noninteractive
echo "oracle-setup: installing ${missing[*]} with apt-get"
# A fresh machine may have no package lists yet: only then is `apt-get update` needed.
if ! "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
  "${SUDO[@]}" apt-get update -qq >/dev/null
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
installed docker-compose || { echo "oracle-setup: docker-compose did not install" >&2; exit 1; }
command -v redis-server >/dev/null 2>&1 || { echo "oracle-setup: redis-server did not install" >&2; exit 1; }
have_postgres || { echo "oracle-setup: postgres did not install" >&2; exit 1; }
installed nginx-core && installed libnginx-mod-http-lua || { echo "oracle-setup: nginx-core or libnginx-mod-http-lua did not install" >&2; exit 1; }
installed pre-commit || { echo "oracle-setup: pre-commit did not install" >&2; exit 1; }
echo "oracle-setup: docker-compose $(dpkg-query -W -f='${Version}' docker-compose), redis-server, postgres, nginx and pre-commit $(dpkg-query -W -f='${Version}' pre-commit) installed"
