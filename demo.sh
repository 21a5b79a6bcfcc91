#!/usr/bin/env bash
# Builds the gateway demo (if needed) and starts it: HTTPS on https://localhost:8443 with the
# demo PKI, registry and scripts in ./data. Extra arguments go to the demo (--port, --data, ...).
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -DskipTests -pl gateway-demo -am package
# A small heap keeps the demo well under 250 MiB resident; JAVA_OPTS overrides it.
exec java ${JAVA_OPTS:--Xms32m -Xmx160m} -jar gateway-demo/target/gateway-demo.jar "$@"
