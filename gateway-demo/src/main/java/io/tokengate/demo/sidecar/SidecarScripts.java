package io.tokengate.demo.sidecar;

import io.tokengate.demo.DemoIdentities;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Writes {@value #WALKTHROUGH} into the demo's data directory on every gateway start: it starts
 * application B, B's ingress sidecar, A's egress sidecar and application A against the running
 * gateway (ports {@code BASE}…{@code BASE+3}, default 8480), shows alice reaching B from A, a
 * call to the ingress without a token and a forged identity header, then stops them.
 */
public final class SidecarScripts {
    public static final String WALKTHROUGH = "sidecar-walkthrough.sh";

    private SidecarScripts() {
    }

    public static Path write(Path directory, String issuer) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
        String route = "/app-b=https://localhost:$ingress,audience=" + SidecarOptions.APP_B_AUDIENCE + ",scope="
                + SidecarOptions.APP_B_SCOPE;
        String script = """
                #!/bin/sh
                # Written by the Tokengate demo on every start.
                # usage: sidecar-walkthrough.sh [BASE_PORT]   (needs the gateway running at %1$s)
                # Starts application B (BASE), B's ingress sidecar (BASE+1), A's egress sidecar (BASE+2) and
                # application A (BASE+3), calls B from A as alice, then stops them. Logs: sidecar-*.log
                cd "$(dirname "$0")" || exit 1
                base=${1:-8480}
                b=$base; ingress=$((base + 1)); egress=$((base + 2)); a=$((base + 3))
                run() { name=$1; shift; '%2$s' ${SIDECAR_JAVA_OPTS:--Xmx64m} -cp '%3$s' io.tokengate.demo.GatewayDemo "$@" \\
                    > "sidecar-$name.log" 2>&1 & pids="$pids $!"; }
                pids=""
                trap 'kill $pids 2>/dev/null' EXIT INT TERM
                run app-b app-b --port "$b"
                run ingress ingress --data . --port "$ingress" --issuer '%1$s' --upstream "http://127.0.0.1:$b"
                run egress egress --data . --port "$egress" --issuer '%1$s' --route "%4$s"
                run app-a app-a --data . --port "$a" --egress "http://127.0.0.1:$egress/app-b/hello"
                for log in app-b ingress egress app-a; do
                  i=0
                  until grep -q 'Stop with Ctrl-C' "sidecar-$log.log" 2>/dev/null; do
                    i=$((i + 1)); [ "$i" -gt 120 ] && { echo "$log did not start:"; cat "sidecar-$log.log"; exit 1; }
                    sleep 0.5
                  done
                done
                echo "1. alice, signed in at application A, calls B through the sidecars:"
                echo "   curl --cacert cacert.crt -u alice:… https://localhost:$a/hello-b"
                curl -s --cacert cacert.crt -u "%5$s:$(cat %6$s)" "https://localhost:$a/hello-b"; echo; echo
                echo "2. B's ingress sidecar without a token:"
                curl -s -i --cacert cacert.crt "https://localhost:$ingress/hello" | grep -i -E '^HTTP|^www-authenticate'; echo
                echo "3. A call to the egress sidecar with a forged Tokengate-Client-Id: B sees the client of the token,"
                echo "   never the forged header:"
                curl -s -H 'Tokengate-Subject: alice' -H 'Tokengate-Client-Id: evil-app' "http://127.0.0.1:$egress/app-b/hello"
                echo
                """.formatted(issuer, java, classpath, route, DemoIdentities.USER, DemoIdentities.USER_PASSWORD_FILE);
        Path file = directory.resolve(WALKTHROUGH);
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
