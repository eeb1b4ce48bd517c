package dev.microlith.platform.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.microlith.sdk.table.Change;
import dev.microlith.sdk.table.ChangeFeed;
import dev.microlith.sdk.table.ChangeFeedGapException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Streams the changes of an exported table, or of one of its records, as Server-Sent Events.
 * <p>
 * Each event's id is the change's commit sequence and its data the change as JSON. A
 * client that reconnects with {@code Last-Event-ID} resumes after that sequence, without
 * gaps; one that has fallen behind the retained changes gets a last event named
 * {@code error} whose problem detail names the first sequence it missed, and the stream
 * ends. Without {@code Last-Event-ID} the stream starts with the next change.
 */
final class TableChangeStreams {

	static final String LAST_EVENT_ID = "Last-Event-ID";

	/** Interval of the comment lines that keep an idle stream open. */
	static final Duration HEARTBEAT = Duration.ofSeconds(15);

	/** Marks the end of the changes, which also ends the heartbeats. */
	private static final ServerSentEvent<Object> END = ServerSentEvent.builder().comment("end").build();

	private final TableApiHandler records;

	TableChangeStreams(TableApiHandler records) {
		this.records = records;
	}

	/** {@code GET /api/{table}} with {@code Accept: text/event-stream}: every change of the table. */
	Mono<ServerResponse> table(ServerRequest request) {
		TableApiHandler.ExportedTable table = this.records.exported(request);
		return stream(table.documents().changes(afterSequence(request)));
	}

	/** {@code GET /api/{table}/{key}} with {@code Accept: text/event-stream}: the changes of one record. */
	Mono<ServerResponse> record(ServerRequest request) {
		TableApiHandler.ExportedTable table = this.records.exported(request);
		Object key = table.key(request);
		return stream(table.documents().changes(afterSequence(request)).filter((change) -> change.key().equals(key)));
	}

	/**
	 * Streams {@code changes} as events. A comment opens the stream, so that clients see
	 * the response at once rather than with the first change, and another follows every
	 * {@link #HEARTBEAT} so that idle connections stay open.
	 */
	private static Mono<ServerResponse> stream(Flux<Change<Object, Map<String, Object>>> changes) {
		Flux<ServerSentEvent<Object>> events = changes.map(TableChangeStreams::event)
			.onErrorResume(ChangeFeedGapException.class, (gap) -> Flux.just(ServerSentEvent.builder()
				.event("error")
				.data((Object) TableProblems.problem(gap))
				.build()))
			.concatWith(Mono.just(END));
		Flux<ServerSentEvent<Object>> heartbeats = Flux.interval(HEARTBEAT)
			.map((tick) -> ServerSentEvent.builder().comment("heartbeat").build());
		Flux<ServerSentEvent<Object>> stream = Flux.merge(events, heartbeats)
			.takeWhile((event) -> event != END)
			.startWith(ServerSentEvent.builder().comment("connected").build());
		return ServerResponse.ok()
			.contentType(MediaType.TEXT_EVENT_STREAM)
			.body(BodyInserters.fromServerSentEvents(stream));
	}

	private static ServerSentEvent<Object> event(Change<Object, Map<String, Object>> change) {
		return ServerSentEvent.builder()
			.id(Long.toString(change.sequence()))
			.data((Object) ChangeEntry.of(change))
			.build();
	}

	private static long afterSequence(ServerRequest request) {
		List<String> ids = request.headers().header(LAST_EVENT_ID);
		if (ids.isEmpty()) {
			return ChangeFeed.NOW;
		}
		String id = ids.get(0).trim();
		try {
			long sequence = Long.parseLong(id);
			if (sequence >= 0) {
				return sequence;
			}
		}
		catch (NumberFormatException ex) {
			throw invalidLastEventId(id, ex);
		}
		throw invalidLastEventId(id, null);
	}

	private static InvalidParameterException invalidLastEventId(String id, Throwable cause) {
		InvalidParameterException invalid = new InvalidParameterException(LAST_EVENT_ID, id, "Invalid " + LAST_EVENT_ID
				+ " '" + id + "': expected the commit sequence of a change, an integer of zero or more, as sent in the event ids");
		if (cause != null) {
			invalid.initCause(cause);
		}
		return invalid;
	}

	/**
	 * One change as the event stream sends it.
	 * @param table the table
	 * @param key the record's key
	 * @param operation {@code INSERT}, {@code UPDATE} or {@code DELETE}
	 * @param version the record's version after the write; for a delete, the deleted version
	 * @param sequence the change's commit sequence, also the event id
	 * @param timestamp the write's hybrid logical clock timestamp
	 * @param record the record after the write, or {@code null} for a delete
	 */
	record ChangeEntry(String table, Object key, Change.Operation operation, long version, long sequence,
			long timestamp, Map<String, Object> record) {

		static ChangeEntry of(Change<Object, Map<String, Object>> change) {
			return new ChangeEntry(change.table(), change.key(), change.operation(), change.version(),
					change.sequence(), change.timestamp(), change.value());
		}

	}

}
