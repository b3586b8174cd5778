#!/usr/bin/env bash
# Runs one Node.js step of the TypeScript client's build; `mvn verify` calls it in order:
#   build  compile the generated client and the hand-written auth into target/package, and write
#          the package's manifest from the spec;
#   pack   npm pack target/package into target/;
#   test   type-check the tests, then run them (vitest) against impl's server jar.
# Needs Node.js and npm (tools pinned in package-lock.json, installed from the npm registry by
# `npm ci`). Maven skips every step with -Dcocsync.skipNodeChecks=true.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "generated-client-typescript: Node.js and npm are needed to build the TypeScript client (Debian: apt-get install nodejs npm)." >&2
  echo "generated-client-typescript: the build stops here; -Dcocsync.skipNodeChecks=true skips the Node.js steps." >&2
  exit 1
fi
if [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  echo "generated-client-typescript: Node.js 20 or later is needed (the client runs on its own fetch and Web Crypto); this is $(node --version)." >&2
  exit 1
fi
if [ ! -x node_modules/.bin/tsc ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

case "${1:-}" in
  build)
    # the hand-written sources join the generated ones, so that one compilation makes one package
    mkdir -p target/package/src
    cp -R src/main/ts/. target/package/src/
    npm run --silent build
    ;;
  pack)
    rm -f target/*.tgz
    npm run --silent pack
    ;;
  test)
    if [ "${COCSYNC_SKIP_TESTS:-false}" = true ]; then
      echo "generated-client-typescript: tests skipped (-DskipTests)"
      exit 0
    fi
    npm run --silent test
    ;;
  *)
    echo "usage: $0 build|pack|test" >&2
    exit 2
    ;;
esac
