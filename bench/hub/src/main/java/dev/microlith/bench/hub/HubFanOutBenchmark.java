package dev.microlith.bench.hub;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.microlith.platform.hub.DefaultHub;
import dev.microlith.sdk.hub.Message;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import reactor.core.publisher.BaseSubscriber;

/**
 * In-process fan-out: one publisher, {@code subscribers} subscribers of the same topic.
 * One operation is one message delivered to one subscriber, so the score is deliveries
 * per second. Each invocation publishes {@value #BATCH} messages and waits until every
 * subscriber has received them, so the score counts completed deliveries, not only
 * publishes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HubFanOutBenchmark {

	static final int BATCH = 100;

	@Param("1000")
	int subscribers;

	private DefaultHub hub;

	private CountingSubscriber[] counters;

	private long expected;

	private final Map<String, Object> payload = Map.of("sensor", "t-1", "value", 21.5);

	@Setup(Level.Trial)
	public void start() {
		this.hub = new DefaultHub(new SimpleMeterRegistry());
		this.counters = new CountingSubscriber[this.subscribers];
		for (int i = 0; i < this.subscribers; i++) {
			this.counters[i] = new CountingSubscriber();
			this.hub.subscribe("sensors/t-1").subscribe(this.counters[i]);
		}
	}

	@TearDown(Level.Trial)
	public void stop() {
		for (CountingSubscriber counter : this.counters) {
			counter.dispose();
		}
		this.hub.close();
	}

	@Benchmark
	@OperationsPerInvocation(BATCH * 1000)
	public void publishAndDeliver() {
		for (int i = 0; i < BATCH; i++) {
			this.hub.publish("sensors/t-1", this.payload);
		}
		this.expected += BATCH;
		for (CountingSubscriber counter : this.counters) {
			// Parks instead of spinning, so the waiting thread leaves the cores to the delivery.
			while (counter.received < this.expected) {
				LockSupport.parkNanos(10_000);
			}
		}
	}

	static final class CountingSubscriber extends BaseSubscriber<Message> {

		volatile long received;

		@Override
		protected void hookOnNext(Message message) {
			this.received++;
		}

	}

}
