package io.tokengate.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * CPU time read from Linux {@code /proc}: another process's user + system time
 * ({@code /proc/PID/stat} fields 14 and 15, in clock ticks), this JVM's own CPU time, the whole
 * machine's busy and total ticks ({@code /proc/stat}), and a process's resident memory.
 */
final class ProcessCpu {
    /** Clock ticks per second ({@code getconf CLK_TCK}); 100 on every common Linux. */
    static final long TICKS_PER_SECOND = ticksPerSecond();

    private ProcessCpu() {
    }

    /** User + system CPU time of {@code pid} so far, in milliseconds. */
    static long processMillis(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // after "pid (comm) ", field 3 (state) is fields[0]; utime is field 14, stime field 15
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1000 / TICKS_PER_SECOND;
    }

    /** This JVM's CPU time so far, in milliseconds. */
    static long selfMillis() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1_000_000;
        }
        return processMillis(ProcessHandle.current().pid());
    }

    /** The machine's {busy, total} ticks over all CPUs, from the first line of {@code /proc/stat}. */
    static long[] machineTicks() {
        String[] f = read(Path.of("/proc/stat")).lines().findFirst().orElseThrow().trim().split("\\s+");
        long total = 0;
        long idle = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
            long v = Long.parseLong(f[i]);
            total += v;
            if (i == 4 || i == 5) { // idle, iowait
                idle += v;
            }
        }
        return new long[] {total - idle, total};
    }

    /** {@code VmRSS} and {@code VmHWM} (peak) of {@code pid}, as /proc reports them, if readable. */
    static Optional<String> residentMemory(long pid) {
        try {
            String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
            String rss = status.lines().filter(l -> l.startsWith("VmRSS:")).findFirst().orElse("VmRSS: ?");
            String hwm = status.lines().filter(l -> l.startsWith("VmHWM:")).findFirst().orElse("VmHWM: ?");
            return Optional.of(rss.replaceAll("\\s+", " ") + ", " + hwm.replaceAll("\\s+", " "));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static long ticksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
