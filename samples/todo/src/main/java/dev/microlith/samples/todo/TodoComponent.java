package dev.microlith.samples.todo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.microlith.sdk.Access;
import dev.microlith.sdk.Component;
import dev.microlith.sdk.ComponentContext;
import dev.microlith.sdk.http.HttpRequest;
import dev.microlith.sdk.http.HttpResponse;
import dev.microlith.sdk.http.HttpStatusException;
import dev.microlith.sdk.table.Condition;
import dev.microlith.sdk.table.Query;
import dev.microlith.sdk.table.Row;
import dev.microlith.sdk.table.Table;

/**
 * The todo sample. Tasks are created, changed and deleted through the node's REST API on
 * {@code /api/todo}; the component adds the page at {@code /todo/} and one action that the
 * REST API cannot express in one request: {@code POST /todo/lists/{owner}/clear-done}.
 */
public class TodoComponent implements Component {

	private static final int MAX_TITLE_LENGTH = 500;

	private Table<UUID, Todo> todos;

	private byte[] page;

	@Override
	public void start(ComponentContext context) {
		this.todos = context.table("todo", UUID.class, Todo.class);
		this.page = readPage();
		context.http()
			.get("/todo", Access.PUBLIC, request -> Mono.just(redirectToPage()))
			.get("/todo/", Access.PUBLIC, request -> Mono.just(HttpResponse.ok(this.page).header("Content-Type", "text/html; charset=utf-8")))
			.post("/todo/lists/{owner}/tasks", Access.PUBLIC, this::addTask)
			.post("/todo/lists/{owner}/clear-done", Access.PUBLIC, this::clearDone);
	}

	/** Adds a task from {@code {"title": "…"}}, checking the title, and returns its key. */
	private Mono<HttpResponse> addTask(HttpRequest request) {
		String owner = owner(request);
		return request.bodyAs(Map.class).flatMap(body -> {
			Object title = body.get("title");
			if (!(title instanceof String text) || text.isBlank() || text.length() > MAX_TITLE_LENGTH) {
				return Mono.error(new HttpStatusException(400, "Invalid title '" + title
						+ "': expected a non-blank string of at most " + MAX_TITLE_LENGTH + " characters"));
			}
			Todo todo = new Todo(owner, text.strip(), false, System.currentTimeMillis());
			return this.todos.insert(todo)
				.map(row -> HttpResponse.created("/api/todo/" + row.key(), Map.of("key", row.key(), "record", row.value())));
		});
	}

	/** Deletes the owner's done tasks and returns how many were deleted. */
	private Mono<HttpResponse> clearDone(HttpRequest request) {
		String owner = owner(request);
		Query done = Query.where(Condition.eq("owner", owner).and(Condition.eq("done", true)));
		return this.todos.find(done)
			.map(Row::key)
			.collectList()
			.flatMapMany(keys -> Flux.fromIterable(keys).concatMap(this.todos::delete))
			.filter(Boolean::booleanValue)
			.count()
			.map(deleted -> HttpResponse.ok(Map.of("deleted", deleted)));
	}

	private static String owner(HttpRequest request) {
		String owner = request.pathVariable("owner").orElseThrow().strip();
		if (owner.isEmpty() || owner.length() > 64) {
			throw new HttpStatusException(400, "Invalid owner '" + owner + "': expected 1 to 64 characters");
		}
		return owner;
	}

	private static HttpResponse redirectToPage() {
		return HttpResponse.status(308, null).header("Location", "/todo/");
	}

	private static byte[] readPage() {
		try (InputStream in = TodoComponent.class.getResourceAsStream("/static/index.html")) {
			if (in == null) {
				throw new IllegalStateException("The component jar lacks static/index.html");
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to read static/index.html", ex);
		}
	}

}
