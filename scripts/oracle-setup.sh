#!/usr/bin/env bash
# Installs what the oracle test (test/oracle/) compares against: Debian's docker-compose 1.29 (the
# Python one; `config` needs no Docker daemon, so Docker itself is not installed). Idempotent, quiet
# and instant when the package is already there. Needs apt, and root or sudo. See docs/oracle.md.
set -euo pipefail

installed() {
  [ "$(dpkg-query -W -f='${Status}' docker-compose 2>/dev/null || true)" = "install ok installed" ]
}

if installed; then
  echo "oracle-setup: docker-compose $(dpkg-query -W -f='${Version}' docker-compose) already installed"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "oracle-setup: apt-get not found; install Debian's docker-compose 1.29 package by hand" >&2
  exit 1
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "oracle-setup: run as root (or install sudo) to install docker-compose with apt-get" >&2
    exit 1
  fi
  SUDO=(sudo)
fi

export DEBIAN_FRONTEND=noninteractive
echo "oracle-setup: installing docker-compose with apt-get"
# A fresh machine may have no package lists yet: only then is `apt-get update` needed.
if ! "${SUDO[@]}" apt-get install -y -qq --no-install-recommends docker-compose >/dev/null 2>&1; then
  "${SUDO[@]}" apt-get update -qq >/dev/null
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
fi
installed || { echo "oracle-setup: docker-compose did not install" >&2; exit 1; }
echo "oracle-setup: docker-compose $(dpkg-query -W -f='${Version}' docker-compose) installed"
