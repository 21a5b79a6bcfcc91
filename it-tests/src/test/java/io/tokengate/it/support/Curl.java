package io.tokengate.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code /usr/bin/curl} (or a script that calls it) as a child process with a
 * timeout and parses what {@code curl -i} printed. Output goes to files, not pipes, so a chatty
 * process can never block on a full pipe.
 */
public final class Curl {
    public static final String CURL = "/usr/bin/curl";
    private static final long TIMEOUT_SECONDS = 30;

    private Curl() {
    }

    /** {@code curl -i -sS --max-time 20} with {@code arguments}, run in {@code directory}. */
    public static HttpAnswer request(Path directory, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(CURL, "-i", "-sS", "--max-time", "20"));
        command.addAll(arguments);
        return HttpAnswer.parseCurlOutput(run(directory, command));
    }

    /** A command line as a shell would run it ({@code sh -c}), in {@code directory}; it must print {@code curl -i} output. */
    public static HttpAnswer shell(Path directory, String commandLine) {
        return HttpAnswer.parseCurlOutput(run(directory, List.of("/bin/sh", "-c", commandLine)));
    }

    /** An executable script; it must print {@code curl -i} output. */
    public static HttpAnswer script(Path script) {
        return HttpAnswer.parseCurlOutput(run(script.getParent(), List.of(script.toString())));
    }

    /**
     * Runs {@code command} to completion and returns its standard output.
     *
     * @throws AssertionError when it exits non-zero or outlives the timeout, with its standard error
     */
    public static String run(Path directory, List<String> command) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("curl-out", ".txt");
            err = Files.createTempFile("curl-err", ".txt");
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError(command + " exited with " + process.exitValue() + ": "
                        + Files.readString(err, StandardCharsets.UTF_8) + stdout);
            }
            return stdout;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temp file left behind does not change the result
            }
        }
    }
}
