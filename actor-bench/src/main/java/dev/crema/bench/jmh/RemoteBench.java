package dev.crema.bench.jmh;

import dev.crema.bench.Workload;
import dev.crema.bench.amqp.RemoteWorkloads;
import java.util.concurrent.TimeUnit;
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
 * Remote tell throughput ({@value #TELLS} messages per invocation) and remote ask round trips
 * ({@value #ASKS} per invocation, one at a time) through the broker at {@code CREMA_AMQP_URI} (default
 * the local one), Crema against the raw RabbitMQ client doing the same work (see {@link RemoteWorkloads}).
 * Not part of the quick {@code Suite}: it needs a broker. Run:
 * {@code java -cp actor-bench/target/benchmarks.jar org.openjdk.jmh.Main RemoteBench -f 3 -wi 3 -i 5 -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RemoteBench {

    /** Messages per tell invocation. */
    public static final int TELLS = 10_000;
    /** Round trips per ask invocation. */
    public static final int ASKS = 500;

    @Param({"crema", "raw"})
    public String client;

    /** Unconfirmed publishes at most, for both. */
    @Param({"512"})
    public int window;

    /** Unacknowledged deliveries at most, for both. */
    @Param({"256"})
    public int prefetch;

    private Workload tell;
    private Workload ask;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        boolean crema = client.equals("crema");
        tell = crema ? new RemoteWorkloads.CremaTell(TELLS, window, prefetch) : new RemoteWorkloads.RawTell(TELLS, window, prefetch);
        ask = crema ? new RemoteWorkloads.CremaAsk(ASKS, window, prefetch) : new RemoteWorkloads.RawAsk(ASKS, window, prefetch);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        tell.close();
        ask.close();
    }

    @Benchmark
    @OperationsPerInvocation(TELLS)
    public long remoteTell() throws Exception {
        return tell.runChecked();
    }

    @Benchmark
    @OperationsPerInvocation(ASKS)
    public long remoteAsk() throws Exception {
        return ask.runChecked();
    }
}
