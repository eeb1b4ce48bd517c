package dev.microlith.platform.storage;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.microlith.sdk.table.Change;
import dev.microlith.sdk.table.Change.Operation;
import dev.microlith.sdk.table.Table;

import static dev.microlith.platform.storage.TestRecords.document;
import static org.assertj.core.api.Assertions.assertThat;

class ExpiryTests {

	private final StorageEngine engine = StorageEngine.inMemory(TestRecords.properties());

	@AfterEach
	void closeEngine() {
		this.engine.close();
	}

	@Test
	void expiredRecordIsDeletedWithChange() {
		this.engine.declare(TestRecords.tableWithTimeToLive("sessions", Duration.ofMillis(200)));
		Table<Object, Map<String, Object>> sessions = this.engine.tables().documents("sessions");
		sessions.put("s1", document("user", "ada")).block();

		Change<Object, Map<String, Object>> deletion = sessions.changes(1).blockFirst(Duration.ofSeconds(5));

		assertThat(deletion.operation()).isEqualTo(Operation.DELETE);
		assertThat(deletion.key()).isEqualTo("s1");
		assertThat(sessions.get("s1")).isEmpty();
		assertThat(sessions.count()).isZero();
	}

	@Test
	void rewriteExtendsLife() throws InterruptedException {
		this.engine.declare(TestRecords.tableWithTimeToLive("sessions", Duration.ofMillis(600)));
		Table<Object, Map<String, Object>> sessions = this.engine.tables().documents("sessions");
		sessions.put("s1", document("user", "ada")).block();
		Thread.sleep(400);

		sessions.put("s1", document("user", "ada", "seen", 2)).block();
		Thread.sleep(400);

		assertThat(sessions.get("s1")).isPresent();
	}

	@Test
	void insertOverExpiredRecordLogsDeleteFirst() throws InterruptedException {
		StorageProperties properties = TestRecords.properties();
		properties.setExpirySweepInterval(Duration.ofHours(1));
		try (StorageEngine slowSweeper = StorageEngine.inMemory(properties)) {
			slowSweeper.declare(TestRecords.tableWithTimeToLive("sessions", Duration.ofMillis(50)));
			Table<Object, Map<String, Object>> sessions = slowSweeper.tables().documents("sessions");
			sessions.put("s1", document("user", "ada")).block();
			Thread.sleep(100);

			assertThat(sessions.get("s1")).isEmpty();
			sessions.insert("s1", document("user", "bob")).block();

			assertThat(sessions.changes(0).take(3).map(Change::operation).collectList().block(Duration.ofSeconds(5)))
				.containsExactly(Operation.INSERT, Operation.DELETE, Operation.INSERT);
		}
	}

}
