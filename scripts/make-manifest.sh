#!/usr/bin/env bash
# Prints the add-in manifest for a deployment: the development manifest with its base URL
# (https://localhost:5443) replaced. Usage: scripts/make-manifest.sh https://clauses.example.org
set -euo pipefail
base="${1:?usage: scripts/make-manifest.sh https://your-host}"
case "$base" in https://*) ;; *) echo "L'adresse doit commencer par https:// (Office l'exige)." >&2; exit 2 ;; esac
sed -e "s#https://localhost:5443#${base%/}#g" -e '/development variant/,/manifest.prod.xml -->/c\<!-- Clauses add-in for Word and Excel. -->' \
  "$(dirname "$0")/../manifest/manifest.dev.xml"
