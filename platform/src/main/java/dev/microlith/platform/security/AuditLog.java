package dev.microlith.platform.security;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.microlith.platform.storage.TableService;
import dev.microlith.sdk.table.Query;
import dev.microlith.sdk.table.Sort;

/**
 * Records authentication failures and administrative actions: one line on the logger
 * {@code microlith.audit}, and one record in the system table {@value SecurityStore#AUDIT},
 * kept for {@code microlith.security.audit-retention}. Thread-safe.
 */
public class AuditLog {

	private static final Logger logger = LoggerFactory.getLogger("microlith.audit");

	private final TableService tables;

	private final AtomicLong lastId = new AtomicLong();

	public AuditLog(TableService tables) {
		this.tables = tables;
	}

	/**
	 * Records an event. The write is not awaited: a failure to store it is logged.
	 * @param event what happened, such as {@code login-failed} or {@code component-deployed}
	 * @param user who did it, or {@code null} when unknown
	 * @param address the client address, or {@code null}
	 * @param detail what was acted on, or why it failed
	 */
	public void record(String event, String user, String address, String detail) {
		Instant now = Instant.now();
		long id = this.lastId.updateAndGet((last) -> Math.max(last + 1, now.toEpochMilli() * 1000));
		logger.info("event={} user={} address={} detail={}", event, user, address, detail);
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("id", id);
		document.put("time", now.toString());
		document.put("event", event);
		document.put("user", user);
		document.put("address", address);
		document.put("detail", detail);
		this.tables.tables()
			.documents(SecurityStore.AUDIT)
			.put(id, document)
			.subscribe(null, (ex) -> logger.error("Failed to store audit event {} of user {}: {}", event, user, ex.toString()));
	}

	/** Returns the latest events, newest first. */
	public Mono<List<Map<String, Object>>> latest(int limit) {
		return this.tables.tables()
			.documents(SecurityStore.AUDIT)
			.find(Query.all().sort(Sort.descending("id")).limit(limit))
			.map((row) -> row.value())
			.collectList();
	}

}
