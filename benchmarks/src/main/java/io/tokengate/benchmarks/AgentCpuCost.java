package io.tokengate.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Callable;

/**
 * The CPU time, not wall time, the measuring thread spends per operation of
 * {@link AgentOutboundBenchmark}: on a shared machine whose run queue is long, JMH's wall-clock
 * figures include the time the thread waited for a core; the thread's own CPU time does not. Not a
 * replacement for JMH (no forks, no blackhole): warm-up rounds, then {@code ROUNDS} measured rounds
 * of {@code N} calls each, the median printed.
 * <pre>java -cp benchmarks/target/benchmarks.jar io.tokengate.benchmarks.AgentCpuCost</pre>
 */
public final class AgentCpuCost {
    private static final int N = 500_000;
    private static final int WARMUP = 6;
    private static final int ROUNDS = 7;
    private static volatile Object sink;

    private AgentCpuCost() {
    }

    public static void main(String[] args) throws Exception {
        AgentOutboundBenchmark b = new AgentOutboundBenchmark();
        b.setUp();
        try {
            report("cachedToken", b::cachedToken);
            report("authorize", b::authorize);
            report("plainSend", b::plainSend);
            report("agentSend", b::agentSend);
            report("apachePlain", b::apachePlain);
            report("apacheHandler", b::apacheHandler);
        } finally {
            b.tearDown();
        }
    }

    private static void report(String name, Callable<Object> op) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] cpu = new double[ROUNDS];
        double[] wall = new double[ROUNDS];
        for (int round = -WARMUP; round < ROUNDS; round++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            for (int i = 0; i < N; i++) {
                sink = op.call();
            }
            if (round >= 0) {
                cpu[round] = (threads.getCurrentThreadCpuTime() - c0) / (double) N;
                wall[round] = (System.nanoTime() - w0) / (double) N;
            }
        }
        java.util.Arrays.sort(cpu);
        java.util.Arrays.sort(wall);
        System.out.printf("%-14s cpu %8.0f ns/op (min %6.0f, max %6.0f)   wall %8.0f ns/op%n", name, cpu[ROUNDS / 2], cpu[0],
                cpu[ROUNDS - 1], wall[ROUNDS / 2]);
    }
}
