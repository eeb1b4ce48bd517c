package dev.microlith.platform.cache;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import dev.microlith.sdk.cache.Cache;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node killed with SIGKILL while a surviving cache has a disk tier: the next start
 * opens the cache directory without error, and the cache starts empty, as documented.
 */
class CacheCrashIntegrationTests {

	private static final String READY = "ready";

	@TempDir
	Path directory;

	@Test
	void diskTierStartsEmptyAfterKill() throws Exception {
		Process child = new ProcessBuilder(javaCommand(), "-cp", System.getProperty("java.class.path"),
				CrashingNode.class.getName(), this.directory.toString())
			.redirectErrorStream(true)
			.start();
		try {
			assertThat(awaitReady(child)).as("child node output before it is killed").endsWith(READY);
		}
		finally {
			child.destroyForcibly();
			assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}

		try (CacheService service = new CacheService(this.directory, new SimpleMeterRegistry(), 1,
				Clock.systemUTC())) {
			Cache<Object, Object> cache = service.create("shop", CrashingNode.definition(),
					getClass().getClassLoader());

			assertThat(cache.get("item-1")).isEmpty();
			cache.put("item-1", "after restart");
			assertThat(cache.get("item-1")).contains("after restart");
		}
	}

	private static String awaitReady(Process child) throws IOException {
		BufferedReader output = new BufferedReader(
				new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
		StringBuilder seen = new StringBuilder();
		String line;
		while ((line = output.readLine()) != null) {
			seen.append(line).append('\n');
			if (line.equals(READY)) {
				return READY;
			}
		}
		return seen.toString();
	}

	private static String javaCommand() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/** The child process: fills a surviving disk-backed cache, reports ready and waits to be killed. */
	static final class CrashingNode {

		static CacheDefinition definition() {
			return new CacheDefinition("prices", "java.lang.String", "java.lang.String", 10, null,
					DataSize.ofMegabytes(8), null, null, null, true, null);
		}

		public static void main(String[] args) throws InterruptedException {
			CacheService service = new CacheService(Path.of(args[0]), new SimpleMeterRegistry(), 1,
					Clock.systemUTC());
			Cache<Object, Object> cache = service.create("shop", definition(), CrashingNode.class.getClassLoader());
			for (int i = 0; i < 100; i++) {
				cache.put("item-" + i, "price-" + i);
			}
			// Standard output is the channel to the test, which kills this process once it reads the line.
			System.out.println(READY);
			System.out.flush();
			Thread.sleep(TimeUnit.MINUTES.toMillis(2));
			service.close();
		}

	}

}
