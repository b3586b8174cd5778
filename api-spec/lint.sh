#!/usr/bin/env bash
# Lints the OpenAPI document with Spectral (house rules in .spectral.yaml) and renders its static
# HTML reference into target/. Run by `mvn verify`; needs Node.js and npm (tools pinned in
# package-lock.json, installed from the npm registry by `npm ci`).
set -euo pipefail
cd "$(dirname "$0")"
# no phoning home from the build
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
spec=src/main/resources/openapi/coc-multicloud.yaml

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "api-spec: Node.js and npm are needed to lint the OpenAPI document (Debian: apt-get install nodejs npm)." >&2
  echo "api-spec: the build stops here rather than skip the lint." >&2
  exit 1
fi
if [ ! -x node_modules/.bin/spectral ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

echo "api-spec: Spectral lint of $spec (fails on any error or warning)"
node_modules/.bin/spectral lint --fail-severity=warn --ruleset .spectral.yaml "$spec"

# A rule that no longer fires is a rule that silently stopped guarding: each house rule must
# report the document that breaks them all.
fixture=src/test/lint/violations.yaml
report=$(node_modules/.bin/spectral lint --ruleset .spectral.yaml "$fixture" 2>&1 || true)
for rule in $(sed -n '/^rules:/,$p' .spectral.yaml | grep -E '^  [a-z0-9-]+:$' | tr -d ' :'); do
  if ! grep -q " $rule " <<<"$report"; then
    echo "api-spec: house rule '$rule' did not report $fixture:" >&2
    echo "$report" >&2
    exit 1
  fi
done

mkdir -p target
node_modules/.bin/redocly build-docs "$spec" --output target/api-reference.html >/dev/null
echo "api-spec: static reference written to api-spec/target/api-reference.html"
