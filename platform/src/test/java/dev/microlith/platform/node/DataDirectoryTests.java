package dev.microlith.platform.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DataDirectoryTests {

	@TempDir
	Path temp;

	@Test
	void openCreatesMissingDirectoryAndRecordsOwner() throws IOException {
		Path dir = this.temp.resolve("a/b/data");

		try (DataDirectory data = DataDirectory.open(dir)) {
			assertThat(data.path()).isEqualTo(dir.toAbsolutePath());
			assertThat(Files.readString(dir.resolve(DataDirectory.LOCK_FILE), StandardCharsets.US_ASCII).trim())
				.isEqualTo(Long.toString(ProcessHandle.current().pid()));
		}
	}

	@Test
	void secondOpenOfLockedDirectoryFailsNamingOwner() throws IOException {
		try (DataDirectory first = DataDirectory.open(this.temp)) {
			assertThatExceptionOfType(DataDirectoryException.class).isThrownBy(() -> DataDirectory.open(this.temp))
				.withMessageContaining("in use by another running node")
				.withMessageContaining("process " + ProcessHandle.current().pid())
				.satisfies(ex -> assertThat(ex.action()).contains("microlith.data-dir"));
		}
	}

	@Test
	void openAfterCloseSucceeds() throws IOException {
		DataDirectory.open(this.temp).close();

		try (DataDirectory again = DataDirectory.open(this.temp)) {
			assertThat(again.path()).isEqualTo(this.temp.toAbsolutePath());
		}
	}

	@Test
	void regularFileIsRejected() throws IOException {
		Path file = Files.writeString(this.temp.resolve("not-a-directory"), "x");

		assertThatExceptionOfType(DataDirectoryException.class).isThrownBy(() -> DataDirectory.open(file))
			.withMessageContaining("'" + file.toAbsolutePath() + "'");
		assertThat(Files.readString(file)).isEqualTo("x");
	}

}
