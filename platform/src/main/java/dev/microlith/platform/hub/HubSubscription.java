package dev.microlith.platform.hub;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.microlith.sdk.hub.Message;
import dev.microlith.sdk.hub.SubscribeOptions;
import dev.microlith.sdk.hub.SubscriberOverflowException;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;

/**
 * One subscriber's queue: the messages replayed on subscribe, then a bounded buffer of
 * live messages drained on a hub worker as the subscriber requests them.
 * <p>
 * The publisher only appends to the buffer and, when the drain is idle, schedules it, so a
 * subscriber that requests slowly never holds up the publisher or other subscribers. When
 * the buffer is full, the subscription's overflow policy drops the oldest or the newest
 * message, or ends the subscription with {@link SubscriberOverflowException}. A drain
 * delivers at most {@value #DRAIN_BATCH} messages before yielding its worker. Accepts one
 * subscriber only.
 */
final class HubSubscription implements Publisher<Message>, Subscription {

	static final int DRAIN_BATCH = 256;

	private static final Logger logger = LoggerFactory.getLogger(HubSubscription.class);

	private final TopicFilter filter;

	private final SubscribeOptions options;

	private final ArrayDeque<HubMessage> replay;

	private final ArrayDeque<HubMessage> buffer;

	private final Scheduler.Worker worker;

	private final HubMeters meters;

	private final Consumer<HubSubscription> onEnd;

	private final AtomicInteger wip = new AtomicInteger();

	// Guarded by this.
	private long requested;

	private boolean cancelled;

	private SubscriberOverflowException overflow;

	private boolean completed;

	private boolean ended;

	private volatile Subscriber<? super Message> subscriber;

	HubSubscription(TopicFilter filter, SubscribeOptions options, List<HubMessage> replay, Scheduler.Worker worker,
			HubMeters meters, Consumer<HubSubscription> onEnd) {
		this.filter = filter;
		this.options = options;
		this.replay = new ArrayDeque<>(replay);
		this.buffer = new ArrayDeque<>(Math.min(options.bufferSize(), 64));
		this.worker = worker;
		this.meters = meters;
		this.onEnd = onEnd;
	}

	TopicFilter filter() {
		return this.filter;
	}

	@Override
	public void subscribe(Subscriber<? super Message> subscriber) {
		if (this.subscriber != null) {
			throw new IllegalStateException("A hub subscription accepts one subscriber; subscribe to the hub again");
		}
		this.subscriber = subscriber;
		subscriber.onSubscribe(this);
	}

	/** Appends a live message, applying the overflow policy when the buffer is full. */
	void offer(HubMessage message) {
		HubMessage dropped = null;
		synchronized (this) {
			if (this.cancelled || this.overflow != null) {
				return;
			}
			if (this.buffer.size() < this.options.bufferSize()) {
				this.buffer.add(message);
			}
			else {
				dropped = overflow(message);
			}
		}
		if (dropped != null) {
			dropped.meters().dropped().increment();
		}
		schedule();
	}

	private HubMessage overflow(HubMessage message) {
		switch (this.options.overflow()) {
			case DROP_OLDEST -> {
				HubMessage oldest = this.buffer.poll();
				this.buffer.add(message);
				return oldest;
			}
			case DROP_NEWEST -> {
				return message;
			}
			default -> {
				this.overflow = new SubscriberOverflowException("Subscriber to '" + this.filter
						+ "' fell behind: its buffer of " + this.options.bufferSize()
						+ " messages is full; request faster, use a larger bufferSize or a DROP_* overflow policy");
				this.buffer.clear();
				return message;
			}
		}
	}

	@Override
	public void request(long n) {
		if (n <= 0) {
			cancel();
			this.subscriber.onError(new IllegalArgumentException("Invalid request of " + n + ": expected more than 0"));
			return;
		}
		synchronized (this) {
			this.requested = Operators.addCap(this.requested, n);
		}
		schedule();
	}

	@Override
	public void cancel() {
		synchronized (this) {
			if (this.cancelled) {
				return;
			}
			this.cancelled = true;
			this.replay.clear();
			this.buffer.clear();
		}
		end();
	}

	private void schedule() {
		if (this.wip.getAndIncrement() == 0) {
			submitDrain();
		}
	}

	private void submitDrain() {
		try {
			this.worker.schedule(this::drain);
		}
		catch (RejectedExecutionException ex) {
			// Expected once the subscription has ended and its worker is disposed.
			if (!isEnded()) {
				throw ex;
			}
		}
	}

	private synchronized boolean isEnded() {
		return this.ended;
	}

	private void drain() {
		int missed = 1;
		int emitted = 0;
		while (true) {
			HubMessage next = poll();
			if (next != null) {
				this.subscriber.onNext(next);
				next.meters().delivered().increment();
				if (++emitted == DRAIN_BATCH) {
					submitDrain();
					return;
				}
				continue;
			}
			if (signalEnd()) {
				return;
			}
			missed = this.wip.addAndGet(-missed);
			if (missed == 0) {
				return;
			}
		}
	}

	private synchronized HubMessage poll() {
		if (this.cancelled || this.requested == 0) {
			return null;
		}
		HubMessage next = this.replay.isEmpty() ? this.buffer.poll() : this.replay.poll();
		if (next != null && this.requested != Long.MAX_VALUE) {
			this.requested--;
		}
		return next;
	}

	/** Completes the subscription once the messages already queued are delivered. */
	void complete() {
		synchronized (this) {
			this.completed = true;
		}
		schedule();
	}

	private boolean signalEnd() {
		SubscriberOverflowException error;
		synchronized (this) {
			boolean drained = this.replay.isEmpty() && this.buffer.isEmpty();
			if (this.cancelled || (this.overflow == null && !(this.completed && drained))) {
				return false;
			}
			error = this.overflow;
			this.cancelled = true;
		}
		end();
		if (error != null) {
			logger.debug("Ended subscription to '{}': {}", this.filter, error.getMessage());
			this.subscriber.onError(error);
		}
		else {
			this.subscriber.onComplete();
		}
		return true;
	}

	private void end() {
		synchronized (this) {
			if (this.ended) {
				return;
			}
			this.ended = true;
		}
		this.onEnd.accept(this);
		this.worker.dispose();
	}

}
