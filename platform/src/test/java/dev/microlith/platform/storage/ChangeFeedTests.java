package dev.microlith.platform.storage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import dev.microlith.platform.storage.TestRecords.City;
import dev.microlith.sdk.table.Change;
import dev.microlith.sdk.table.Change.Operation;
import dev.microlith.sdk.table.ChangeFeed;
import dev.microlith.sdk.table.ChangeFeedGapException;
import dev.microlith.sdk.table.Table;

import static dev.microlith.platform.storage.TestRecords.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ChangeFeedTests {

	@TempDir
	Path directory;

	private StorageEngine engine;

	@AfterEach
	void closeEngine() {
		if (this.engine != null) {
			this.engine.close();
		}
	}

	@Test
	void replaysRetainedChangesInOrder() {
		this.engine = open(TestRecords.properties());
		Table<String, City> cities = declare();
		cities.put("a", new City("A", "FR", 1)).block();
		cities.put("a", new City("A", "FR", 2)).block();
		cities.delete("a").block();

		List<Change<String, City>> changes = cities.changes(0).take(3).collectList().block(Duration.ofSeconds(5));

		assertThat(changes).extracting(Change::operation)
			.containsExactly(Operation.INSERT, Operation.UPDATE, Operation.DELETE);
		assertThat(changes).extracting(Change::sequence).containsExactly(1L, 2L, 3L);
		assertThat(changes).extracting(Change::version).containsExactly(1L, 2L, 2L);
		assertThat(changes.get(1).value()).isEqualTo(new City("A", "FR", 2));
		assertThat(changes.get(2).value()).isNull();
	}

	@Test
	void resumesAfterSequenceAndContinuesLive() {
		this.engine = open(TestRecords.properties());
		Table<String, City> cities = declare();
		cities.put("a", new City("A", "FR", 1)).block();
		cities.put("b", new City("B", "FR", 1)).block();

		StepVerifier.create(cities.changes(1).map(Change::key).take(3))
			.expectNext("b")
			.then(() -> cities.put("c", new City("C", "FR", 1)).block())
			.expectNext("c")
			.then(() -> cities.put("d", new City("D", "FR", 1)).block())
			.expectNext("d")
			.expectComplete()
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void changeLogSurvivesReopen() {
		this.engine = open(TestRecords.properties());
		declare().put("a", new City("A", "FR", 1)).block();
		this.engine.close();

		this.engine = open(TestRecords.properties());
		Table<String, City> cities = declare();
		cities.put("b", new City("B", "FR", 1)).block();

		assertThat(cities.changes(0).take(2).map(Change::key).collectList().block(Duration.ofSeconds(5)))
			.containsExactly("a", "b");
	}

	@Test
	void liveOnlySkipsHistory() {
		this.engine = open(TestRecords.properties());
		Table<String, City> cities = declare();
		cities.put("old", new City("A", "FR", 1)).block();

		StepVerifier.create(cities.changes(ChangeFeed.NOW).map(Change::key).take(1))
			.then(() -> cities.put("new", new City("B", "FR", 1)).block())
			.expectNext("new")
			.expectComplete()
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void tableFeedLeavesOutOtherTables() {
		this.engine = open(TestRecords.properties());
		Table<String, City> cities = declare();
		this.engine.declare(table("other", KeyType.STRING));
		this.engine.tables().documents("other").put("x", Map.of("a", 1)).block();
		cities.put("a", new City("A", "FR", 1)).block();

		Change<String, City> first = cities.changes(0).blockFirst(Duration.ofSeconds(5));
		Change<Object, Map<String, Object>> nodeFirst = this.engine.changes(0).blockFirst(Duration.ofSeconds(5));

		assertThat(first.key()).isEqualTo("a");
		assertThat(first.sequence()).isEqualTo(2);
		assertThat(nodeFirst.table()).isEqualTo("other");
		assertThat(nodeFirst.value()).isEqualTo(Map.of("a", 1));
	}

	@Test
	void evictedSequenceGivesGapError() {
		StorageProperties properties = TestRecords.properties();
		properties.getChangeLog().setMaxChanges(5);
		this.engine = open(properties);
		Table<String, City> cities = declare();
		for (int i = 0; i < 10; i++) {
			cities.put("k" + i, new City("K", "FR", i)).block();
		}

		StepVerifier.create(cities.changes(2))
			.expectErrorSatisfies((error) -> {
				assertThat(error).isInstanceOf(ChangeFeedGapException.class).hasMessageContaining("sequence 3");
				assertThat(((ChangeFeedGapException) error).firstMissedSequence()).isEqualTo(3);
			})
			.verify(Duration.ofSeconds(5));
		assertThat(cities.changes(0).take(5).map(Change::sequence).collectList().block(Duration.ofSeconds(5)))
			.containsExactly(6L, 7L, 8L, 9L, 10L);
	}

	@Test
	void slowSubscriberGetsGapErrorNotSilentSkip() {
		StorageProperties properties = TestRecords.properties();
		properties.getChangeLog().setMaxChanges(8);
		this.engine = open(properties);
		Table<String, City> cities = declare();
		List<Long> received = new CopyOnWriteArrayList<>();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		BaseSubscriber<Change<String, City>> subscriber = new BaseSubscriber<>() {

			@Override
			protected void hookOnSubscribe(Subscription subscription) {
				subscription.request(1);
			}

			@Override
			protected void hookOnNext(Change<String, City> change) {
				received.add(change.sequence());
			}

			@Override
			protected void hookOnError(Throwable error) {
				failure.set(error);
			}

		};
		cities.changes(ChangeFeed.NOW).subscribe(subscriber);

		writeMany(cities, 20);
		await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
		subscriber.request(100);
		await().atMost(Duration.ofSeconds(5)).until(() -> failure.get() != null);

		assertThat(received).containsExactly(1L);
		assertThat(failure.get()).isInstanceOf(ChangeFeedGapException.class);
		assertThat(((ChangeFeedGapException) failure.get()).firstMissedSequence()).isEqualTo(2);
	}

	@Test
	void burstIsDeliveredCompletely() {
		this.engine = open(TestRecords.properties());
		Table<String, City> cities = declare();
		Flux<Long> sequences = cities.changes(ChangeFeed.NOW).map(Change::sequence).take(2000);

		StepVerifier.create(sequences.collectList())
			.then(() -> Flux.range(0, 2000).flatMap((i) -> cities.put("k" + (i % 50), new City("K", "FR", i)), 64)
				.blockLast())
			.assertNext((list) -> assertThat(list).isSorted().doesNotHaveDuplicates().hasSize(2000))
			.verifyComplete();
	}

	private void writeMany(Table<String, City> cities, int count) {
		for (int i = 0; i < count; i++) {
			cities.put("k" + i, new City("K", "FR", i)).block();
		}
	}

	private StorageEngine open(StorageProperties properties) {
		return StorageEngine.open(this.directory, properties);
	}

	private Table<String, City> declare() {
		this.engine.declare(table("cities", KeyType.STRING));
		return this.engine.table("cities", String.class, City.class);
	}

}
