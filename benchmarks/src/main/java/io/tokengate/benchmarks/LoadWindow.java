package io.tokengate.benchmarks;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.LongStream;

/**
 * One stretch of closed-loop load: N virtual clients (platform threads, one request at a time
 * each) send the same request on a shared {@link HttpClient} for a warm-up, then for a measured
 * window, at whose edges the CPU time of the server ({@code /proc/PID/stat}), of this JVM and of the
 * whole machine ({@code /proc/stat}) are read. Only answers the given predicate accepts count; any
 * other answer or I/O error ends the stretch with {@link IllegalStateException}. Not thread-safe:
 * one stretch at a time.
 */
final class LoadWindow {
    private final HttpClient http;
    private final Optional<Long> serverPid;
    private final AtomicReference<String> failure = new AtomicReference<>();

    private volatile boolean running;
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;

    LoadWindow(HttpClient http, Optional<Long> serverPid) {
        this.http = http;
        this.serverPid = serverPid;
    }

    /**
     * What one or more measured windows gave.
     *
     * @param latencies    of the requests completed inside the window(s), sorted, in nanoseconds
     * @param seconds      length of the window(s)
     * @param serverMillis CPU time of the server in the window(s), -1 when not measured
     * @param selfMillis   CPU time of this load generator in the window(s)
     * @param busyTicks    busy clock ticks of the whole machine (all CPUs)
     * @param totalTicks   all clock ticks of the whole machine (all CPUs)
     */
    record Result(long[] latencies, double seconds, long serverMillis, long selfMillis, long busyTicks, long totalTicks) {
        int requests() {
            return latencies.length;
        }

        double perSecond() {
            return requests() / seconds;
        }

        /** The latency below which {@code p} of the requests completed, in milliseconds. */
        double percentileMillis(double p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p * latencies.length) - 1;
            return latencies[Math.max(0, Math.min(index, latencies.length - 1))] / 1e6;
        }

        /** Server CPU per request in milliseconds, or NaN. */
        double serverMillisPerRequest() {
            return serverMillis < 0 || requests() == 0 ? Double.NaN : (double) serverMillis / requests();
        }

        double selfMillisPerRequest() {
            return requests() == 0 ? Double.NaN : (double) selfMillis / requests();
        }

        double machineBusyPercent() {
            return 100.0 * busyTicks / Math.max(1, totalTicks);
        }

        /** Share of the machine neither the server nor this load generator used (other processes, the kernel's own work); NaN without a server pid. */
        double othersPercent() {
            if (serverMillis < 0) {
                return Double.NaN;
            }
            double totalMillis = totalTicks * 1000.0 / ProcessCpu.TICKS_PER_SECOND;
            double othersMillis = busyTicks * 1000.0 / ProcessCpu.TICKS_PER_SECOND - serverMillis - selfMillis;
            return Math.max(0, 100.0 * othersMillis / Math.max(1, totalMillis));
        }

        /** Both windows as one: latencies together, times and ticks summed. */
        Result plus(Result other) {
            long[] all = LongStream.concat(Arrays.stream(latencies), Arrays.stream(other.latencies)).sorted().toArray();
            return new Result(all, seconds + other.seconds,
                    serverMillis < 0 || other.serverMillis < 0 ? -1 : serverMillis + other.serverMillis,
                    selfMillis + other.selfMillis, busyTicks + other.busyTicks, totalTicks + other.totalTicks);
        }
    }

    /**
     * @param accepted   which answers count as successes
     * @param expected   what an accepted answer looks like, for the failure message
     * @throws IllegalStateException naming the client and the answer, when one was not accepted
     */
    Result run(int clients, HttpRequest request, Predicate<HttpResponse<String>> accepted, String expected,
            Duration warmup, Duration duration) throws InterruptedException {
        return run(clients, Requests.fixed(request), accepted, expected, warmup, duration);
    }

    /**
     * What one virtual client sends: the next request, and each accepted answer, so that a client
     * can carry state from one request to the next (a refresh token to rotate). One instance per
     * client thread.
     */
    interface Requests {
        HttpRequest next();

        default void answered(HttpResponse<String> response) {
        }

        /** Every client sends {@code request} again and again. */
        static Supplier<Requests> fixed(HttpRequest request) {
            return () -> () -> request;
        }
    }

    /** As {@link #run(int, HttpRequest, Predicate, String, Duration, Duration)}, each client with its own {@code Requests}. */
    Result run(int clients, Supplier<Requests> perClient, Predicate<HttpResponse<String>> accepted, String expected,
            Duration warmup, Duration duration) throws InterruptedException {
        running = true;
        windowStart = Long.MAX_VALUE;
        windowEnd = Long.MAX_VALUE;
        List<Client> workers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Client c = new Client("load-client-" + i, perClient.get(), accepted, expected);
            workers.add(c);
            c.start();
        }
        sleep(warmup);
        long serverBefore = serverPid.map(ProcessCpu::processMillis).orElse(-1L);
        long selfBefore = ProcessCpu.selfMillis();
        long[] machineBefore = ProcessCpu.machineTicks();
        windowStart = System.nanoTime();
        sleep(duration);
        windowEnd = System.nanoTime();
        long serverAfter = serverPid.map(ProcessCpu::processMillis).orElse(-1L);
        long selfAfter = ProcessCpu.selfMillis();
        long[] machineAfter = ProcessCpu.machineTicks();
        running = false;
        for (Client c : workers) {
            c.join(15_000);
        }
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
        long[] latencies = workers.stream().map(Client::latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(latencies, (windowEnd - windowStart) / 1e9,
                serverPid.isPresent() ? serverAfter - serverBefore : -1, selfAfter - selfBefore,
                machineAfter[0] - machineBefore[0], machineAfter[1] - machineBefore[1]);
    }

    private void sleep(Duration d) throws InterruptedException {
        long end = System.nanoTime() + d.toNanos();
        while (failure.get() == null) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Thread.sleep(Math.min(100, Math.max(1, left / 1_000_000)));
        }
    }

    /** One virtual client: a request at a time until the stretch ends; keeps the latencies of requests completed in the window. */
    private final class Client extends Thread {
        private final Requests requests;
        private final Predicate<HttpResponse<String>> accepted;
        private final String expected;
        private long[] latencies = new long[4096];
        private int count;

        Client(String name, Requests requests, Predicate<HttpResponse<String>> accepted, String expected) {
            super(name);
            this.requests = requests;
            this.accepted = accepted;
            this.expected = expected;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running && failure.get() == null) {
                long start = System.nanoTime();
                HttpRequest request = requests.next();
                HttpResponse<String> response;
                try {
                    response = http.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    failure.compareAndSet(null, getName() + ": " + request.uri() + ": " + e);
                    return;
                } catch (InterruptedException e) {
                    return;
                }
                long end = System.nanoTime();
                if (!accepted.test(response)) {
                    String body = response.body();
                    failure.compareAndSet(null, getName() + ": " + request.uri() + " answered HTTP " + response.statusCode()
                            + " " + body.substring(0, Math.min(300, body.length())) + "; expected " + expected);
                    return;
                }
                requests.answered(response);
                if (end > windowStart && end <= windowEnd) {
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = end - start;
                }
            }
        }

        long[] latencies() {
            return Arrays.copyOf(latencies, count);
        }
    }
}
