package dev.microlith.samples.chat;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.microlith.sdk.Access;
import dev.microlith.sdk.Component;
import dev.microlith.sdk.ComponentContext;
import dev.microlith.sdk.http.HttpRequest;
import dev.microlith.sdk.http.HttpResponse;
import dev.microlith.sdk.http.HttpStatusException;
import dev.microlith.sdk.rsocket.RSocketRequest;
import dev.microlith.sdk.table.Change;
import dev.microlith.sdk.table.ChangeFeedGapException;
import dev.microlith.sdk.table.Condition;
import dev.microlith.sdk.table.Query;
import dev.microlith.sdk.table.Row;
import dev.microlith.sdk.table.Sort;
import dev.microlith.sdk.table.Table;

/**
 * The chat sample.
 * <p>
 * RSocket request-channel {@code chat.rooms.{room}}: the first payload joins the room,
 * {@code {"author": "ann"}} for the last {@value #HISTORY} messages then live ones, or
 * {@code {"author": "ann", "after": 1234}} to resume after the sequence of the last
 * message received. Each later payload {@code {"text": "…"}} posts a message. The node
 * sends {@link Delivery} objects, at the pace the client requests: a client that lags by
 * more than {@value #BUFFER} messages is disconnected with an error, and resumes with
 * {@code after}. {@code GET /chat/rooms/{room}/messages?limit=} returns recent history
 * over HTTP.
 */
public class ChatComponent implements Component {

	static final int HISTORY = 50;

	static final int BUFFER = 256;

	private static final int MAX_TEXT_LENGTH = 2_000;

	private Table<Long, ChatMessage> messages;

	@Override
	public void start(ComponentContext context) {
		this.messages = context.table("message", Long.class, ChatMessage.class);
		context.rsocket().requestChannel("chat.rooms.{room}", Access.PUBLIC, this::join);
		context.http().get("/chat/rooms/{room}/messages", Access.PUBLIC, this::history);
	}

	private Flux<Delivery> join(RSocketRequest first, Flux<RSocketRequest> rest) {
		String room = room(first.routeVariable("room").orElseThrow());
		Map<?, ?> hello = first.data(Map.class);
		String author = text(hello.get("author"), "author", 64);
		Optional<Long> after = Optional.ofNullable(hello.get("after")).map(value -> sequence(value));
		Mono<Void> posts = rest.concatMap(post -> this.messages.insert(new ChatMessage(room, author,
				text(post.data(Map.class).get("text"), "text", MAX_TEXT_LENGTH), System.currentTimeMillis())))
			.then();
		Flux<Delivery> deliveries = after.map(sequence -> live(room, sequence)).orElseGet(() -> recentThenLive(room))
			.onBackpressureBuffer(BUFFER, BufferOverflowStrategy.ERROR);
		return deliveries.mergeWith(posts.then(Mono.empty()));
	}

	/** Returns the room's recent messages, then every later one. */
	private Flux<Delivery> recentThenLive(String room) {
		return recent(room, HISTORY).flatMapMany(recent -> {
			long last = recent.stream().mapToLong(Row::sequence).max().orElse(0);
			Flux<Delivery> history = Flux.fromIterable(recent)
				.map(row -> new Delivery(row.key(), row.sequence(), row.value()));
			return history.concatWith(live(room, last));
		});
	}

	/**
	 * Returns the room's messages committed after {@code sequence}, then live ones. When
	 * the node no longer retains that part of the change feed, the client is told so and
	 * should join again without {@code after}.
	 */
	private Flux<Delivery> live(String room, long sequence) {
		return this.messages.changes(sequence)
			.filter(change -> change.operation() == Change.Operation.INSERT && room.equals(change.value().room()))
			.map(change -> new Delivery(change.key(), change.sequence(), change.value()))
			.onErrorMap(ChangeFeedGapException.class, ex -> new IllegalStateException("Messages after sequence "
					+ sequence + " are no longer retained; join again without 'after' to get the recent history", ex));
	}

	private Mono<HttpResponse> history(HttpRequest request) {
		String room;
		try {
			room = room(request.pathVariable("room").orElseThrow());
		}
		catch (IllegalArgumentException ex) {
			throw new HttpStatusException(400, ex.getMessage(), ex);
		}
		int limit = request.queryParam("limit").map(ChatComponent::limit).orElse(HISTORY);
		return recent(room, limit).map(rows -> HttpResponse
			.ok(rows.stream().map(row -> new Delivery(row.key(), row.sequence(), row.value())).toList()));
	}

	/** Returns the room's last {@code limit} messages, oldest first. */
	private Mono<List<Row<Long, ChatMessage>>> recent(String room, int limit) {
		Query query = Query.where(Condition.eq("room", room)).sort(Sort.descending("sentAt")).limit(limit);
		return this.messages.find(query).collectSortedList(Comparator.comparingLong(Row::sequence));
	}

	private static String room(String room) {
		if (!room.matches("[A-Za-z0-9_-]{1,64}")) {
			throw new IllegalArgumentException(
					"Invalid room '" + room + "': expected 1 to 64 letters, digits, '_' or '-'");
		}
		return room;
	}

	private static String text(Object value, String field, int maxLength) {
		if (!(value instanceof String text) || text.isBlank() || text.length() > maxLength) {
			throw new IllegalArgumentException("Invalid " + field + " '" + value
					+ "': expected a non-blank string of at most " + maxLength + " characters");
		}
		return text.strip();
	}

	private static long sequence(Object value) {
		if (value instanceof Number number && number.longValue() >= 0) {
			return number.longValue();
		}
		throw new IllegalArgumentException("Invalid after '" + value + "': expected the sequence of a received message");
	}

	private static int limit(String text) {
		try {
			int limit = Integer.parseInt(text);
			if (limit >= 1 && limit <= 500) {
				return limit;
			}
		}
		catch (NumberFormatException ex) {
			// reported below with the accepted range
		}
		throw new HttpStatusException(400, "Invalid limit '" + text + "': expected an integer from 1 to 500");
	}

}
