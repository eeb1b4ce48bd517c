package dev.microlith.platform.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.microlith.platform.cache.CacheNotFoundException;
import dev.microlith.platform.cache.CacheService;
import dev.microlith.platform.cache.CacheStatistics;
import dev.microlith.platform.hub.DefaultHub;
import dev.microlith.platform.hub.RSocketRouter;
import dev.microlith.platform.node.DataDirectory;
import dev.microlith.platform.storage.StorageEngine;

/**
 * The operations API of caches, the hub and table backups: {@code GET /ops/caches},
 * {@code DELETE /ops/caches/{component}/{cache}}, {@code GET /ops/hub} and
 * {@code POST /ops/tables/backup}.
 */
@RestController
class CapabilityOperationsController {

	private static final DateTimeFormatter BACKUP_NAME = DateTimeFormatter.ofPattern("'tables-'yyyyMMdd'T'HHmmss'Z.backup'")
		.withZone(ZoneOffset.UTC);

	private final CacheService caches;

	private final DefaultHub hub;

	private final RSocketRouter router;

	private final StorageEngine storage;

	private final DataDirectory dataDirectory;

	CapabilityOperationsController(CacheService caches, DefaultHub hub, RSocketRouter router, StorageEngine storage,
			DataDirectory dataDirectory) {
		this.caches = caches;
		this.hub = hub;
		this.router = router;
		this.storage = storage;
		this.dataDirectory = dataDirectory;
	}

	/** Returns the statistics of every component cache. */
	@GetMapping("/ops/caches")
	List<CacheStatistics> caches() {
		return this.caches.statistics();
	}

	/** Removes every entry of one cache. */
	@DeleteMapping("/ops/caches/{component}/{cache}")
	ResponseEntity<Void> clearCache(@PathVariable String component, @PathVariable String cache) {
		this.caches.clear(component, cache);
		return ResponseEntity.noContent().build();
	}

	/** Returns the hub's subscribers, RSocket connections and last message sequence. */
	@GetMapping("/ops/hub")
	Map<String, Object> hub() {
		return Map.of("activeSubscribers", this.hub.activeSubscriberCount(), "rsocketConnections",
				this.router.connectionCount(), "lastSequence", this.hub.lastSequence());
	}

	/**
	 * Writes a backup of every table to a new file under the data directory's
	 * {@code backups} folder. Reads go on while it runs; writes wait. Restore it by starting
	 * the node with {@code microlith.storage.restore-from} set to the file.
	 */
	@PostMapping("/ops/tables/backup")
	Mono<ResponseEntity<Map<String, Object>>> backup() {
		return Mono.fromCallable(() -> {
			Path directory = Files.createDirectories(this.dataDirectory.resolve("backups"));
			Path file = directory.resolve(BACKUP_NAME.format(Instant.now()));
			this.storage.backup(file);
			return ResponseEntity.status(HttpStatus.CREATED)
				.body(Map.<String, Object>of("file", file.toString(), "bytes", Files.size(file), "sequence",
						this.storage.lastSequence()));
		}).subscribeOn(Schedulers.boundedElastic());
	}

	@ExceptionHandler(CacheNotFoundException.class)
	ProblemDetail cacheNotFound(CacheNotFoundException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

}
