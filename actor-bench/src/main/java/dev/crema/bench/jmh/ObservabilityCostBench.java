package dev.crema.bench.jmh;

import dev.crema.actor.ActorSystem;
import dev.crema.actor.SystemConfig;
import dev.crema.bench.CremaWorkload;
import dev.crema.bench.workloads.Counting;
import dev.crema.bench.workloads.PingPong;
import java.io.IOException;
import java.text.ParseException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What watching a Crema system costs: workloads 1 and 2 (ping-pong and counting, Crema only, the code of
 * {@link PingPongBench} and {@link CountingBench}) under each way of observing it, in one JMH run, so
 * that every figure is a same-run ratio to {@code observe = off}. Ping-pong is one message per turn (a
 * turn per message: the slow-turn check's worst case); counting is a flood, up to 64 messages per turn.
 *
 * <ul>
 *   <li>{@code off}: no recording (the JFR checks are there, each answering "disabled").</li>
 *   <li>{@code jfr-default}, {@code jfr-profile}: a {@link Recording} with the JDK's {@code default} or
 *       {@code profile} settings, started in the trial set-up before the warm-up (so the JIT compiles the
 *       recording case) and kept on disk in JFR's repository, as {@code -XX:StartFlightRecording} or
 *       {@code jcmd JFR.start} would do. This is the whole cost of recording: the JDK's own events
 *       (sampling, allocation, GC, locks) and Crema's.</li>
 *   <li>{@code jfr-crema}: a recording of Crema's events only ({@code dev.crema.*} with their own defaults:
 *       slow turns past 20 ms, depth sampled every second), which isolates Crema's share.</li>
 *   <li>{@code turn-timing}: no recording, {@code SystemConfig.withTurnTiming(true)} (two {@code nanoTime}
 *       calls per turn).</li>
 *   <li>{@code inspect-100ms}, {@code inspect-10ms}: no recording, a background platform thread takes
 *       {@code system.inspect()} every 100 ms or 10 ms while the workload runs (the system has the
 *       workload's 2 or 1 actors: the cost of a snapshot of a large system is {@link InspectBench}).</li>
 * </ul>
 *
 * <p>JMH forks a JVM per parameter value, so the recording or the thread lives in its own JVM and the JIT
 * of {@code off} never sees it. Run settings: 2 forks, 4 x 1 s warm-up, 5 x 1 s measurement (the README's
 * command); score: messages per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ObservabilityCostBench {

    /** Crema's event names, for the {@code jfr-crema} recording. */
    static final List<String> CREMA_EVENTS = List.of("dev.crema.ActorFailed", "dev.crema.ActorRestarted",
            "dev.crema.ActorStopped", "dev.crema.DeadLetter", "dev.crema.MailboxFull", "dev.crema.SlowTurn",
            "dev.crema.Starvation", "dev.crema.Shutdown", "dev.crema.MailboxDepth");

    /** One workload under one way of observing it; a subclass builds the workload. */
    @State(Scope.Benchmark)
    public abstract static class Observed {

        @Param({"off", "jfr-default", "jfr-profile", "jfr-crema", "turn-timing", "inspect-100ms", "inspect-10ms"})
        public String observe;

        CremaWorkload workload;
        private Recording recording;
        private Inspecting inspecting;

        @Setup(Level.Trial)
        public void setUp() throws IOException, ParseException {
            recording = startRecording(observe);
            SystemConfig config = CremaWorkload.config().withTurnTiming(observe.equals("turn-timing"));
            workload = create(config);
            long every = switch (observe) {
                case "inspect-100ms" -> 100;
                case "inspect-10ms" -> 10;
                default -> 0;
            };
            if (every > 0) {
                inspecting = new Inspecting(workload.system(), every);
                inspecting.start();
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            if (inspecting != null) {
                long taken = inspecting.finish();
                if (taken == 0) {
                    throw new IllegalStateException("the inspecting thread took no snapshot");
                }
            }
            workload.close();
            if (recording != null) {
                recording.close(); // stops it and drops its data: only the cost of recording was wanted
            }
        }

        abstract CremaWorkload create(SystemConfig config);
    }

    /** Workload 2 under observation. */
    public static class CountingState extends Observed {
        @Override
        CremaWorkload create(SystemConfig config) {
            return Counting.crema(CountingBench.MESSAGES, config);
        }
    }

    /** Workload 1 under observation. */
    public static class PingPongState extends Observed {
        @Override
        CremaWorkload create(SystemConfig config) {
            return PingPong.crema(PingPongBench.ROUND_TRIPS, config);
        }
    }

    @Benchmark
    @OperationsPerInvocation(CountingBench.MESSAGES)
    public long counting(CountingState s) throws Exception {
        return s.workload.runChecked();
    }

    @Benchmark
    @OperationsPerInvocation(2 * PingPongBench.ROUND_TRIPS)
    public long pingPong(PingPongState s) throws Exception {
        return s.workload.runChecked();
    }

    /**
     * @param observe the parameter
     * @return the started recording it asks for, or null
     */
    static Recording startRecording(String observe) throws IOException, ParseException {
        Recording r;
        switch (observe) {
            case "jfr-default", "jfr-profile" -> r = new Recording(Configuration.getConfiguration(observe.substring(4)));
            case "jfr-crema" -> {
                r = new Recording();
                CREMA_EVENTS.forEach(r::enable); // each with its annotations' threshold and period
            }
            default -> {
                return null;
            }
        }
        r.setName("observability-cost-" + observe);
        r.setToDisk(true);
        r.start();
        return r;
    }

    /** The background thread of the {@code inspect-*} cases: one snapshot every period until told to stop. */
    static final class Inspecting extends Thread {
        private final ActorSystem system;
        private final long periodMillis;
        private volatile boolean stop;
        private volatile long taken;
        private volatile long actorsSeen; // consumed, so no snapshot is optimised away

        Inspecting(ActorSystem system, long periodMillis) {
            super("inspect-every-" + periodMillis + "ms");
            this.system = system;
            this.periodMillis = periodMillis;
            setDaemon(true);
        }

        @Override
        public void run() {
            do { // at least one snapshot, however soon the trial ends
                actorsSeen += system.inspect().liveActors();
                taken++;
                try {
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    return;
                }
            } while (!stop);
        }

        /** @return snapshots taken */
        long finish() throws InterruptedException {
            stop = true;
            interrupt();
            join(TimeUnit.SECONDS.toMillis(10));
            return taken;
        }
    }
}
