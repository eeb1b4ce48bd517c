package dev.microlith.platform.hub;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the stream hub and the node's RSocket endpoints, under {@code microlith.hub.}.
 */
@ConfigurationProperties("microlith.hub")
public class HubProperties {

	/**
	 * Maximum size of the data of one RSocket request, channel element or HTTP publish
	 * body. Larger requests are rejected with an error that names the size. At most 16MB.
	 */
	private DataSize maxPayloadSize = DataSize.ofMegabytes(1);

	/**
	 * Number of recent messages kept per topic, in memory, so that a subscriber that
	 * reconnects with the last sequence it saw (SSE Last-Event-ID, RSocket afterSequence)
	 * gets what it missed. 0 disables resuming.
	 */
	private int historySize = DefaultHub.DEFAULT_HISTORY_SIZE;

	/**
	 * Number of topics whose history is kept; the history of the least recently published
	 * topic is dropped first.
	 */
	private int historyTopics = DefaultHub.DEFAULT_HISTORY_TOPICS;

	/** Number of threads that deliver messages to subscribers. */
	private int deliveryThreads = Runtime.getRuntime().availableProcessors();

	/** Interval of the comment lines sent on idle Server-Sent Event streams. */
	private Duration sseHeartbeat = Duration.ofSeconds(15);

	public DataSize getMaxPayloadSize() {
		return this.maxPayloadSize;
	}

	public void setMaxPayloadSize(DataSize maxPayloadSize) {
		if (maxPayloadSize.toBytes() < 1 || maxPayloadSize.toBytes() > DataSize.ofMegabytes(16).toBytes()) {
			throw new IllegalArgumentException("Invalid microlith.hub.max-payload-size '" + maxPayloadSize
					+ "': expected between 1B and 16MB");
		}
		this.maxPayloadSize = maxPayloadSize;
	}

	public int getHistorySize() {
		return this.historySize;
	}

	public void setHistorySize(int historySize) {
		if (historySize < 0) {
			throw new IllegalArgumentException("Invalid microlith.hub.history-size " + historySize + ": expected 0 or more");
		}
		this.historySize = historySize;
	}

	public int getHistoryTopics() {
		return this.historyTopics;
	}

	public void setHistoryTopics(int historyTopics) {
		if (historyTopics < 1) {
			throw new IllegalArgumentException("Invalid microlith.hub.history-topics " + historyTopics + ": expected 1 or more");
		}
		this.historyTopics = historyTopics;
	}

	public int getDeliveryThreads() {
		return this.deliveryThreads;
	}

	public void setDeliveryThreads(int deliveryThreads) {
		if (deliveryThreads < 1) {
			throw new IllegalArgumentException("Invalid microlith.hub.delivery-threads " + deliveryThreads + ": expected 1 or more");
		}
		this.deliveryThreads = deliveryThreads;
	}

	public Duration getSseHeartbeat() {
		return this.sseHeartbeat;
	}

	public void setSseHeartbeat(Duration sseHeartbeat) {
		if (sseHeartbeat.isNegative() || sseHeartbeat.isZero()) {
			throw new IllegalArgumentException("Invalid microlith.hub.sse-heartbeat '" + sseHeartbeat + "': expected more than 0");
		}
		this.sseHeartbeat = sseHeartbeat;
	}

	/** Returns the maximum payload size in bytes. */
	int maxPayloadBytes() {
		return Math.toIntExact(this.maxPayloadSize.toBytes());
	}

}
