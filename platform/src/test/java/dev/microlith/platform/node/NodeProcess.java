package dev.microlith.platform.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A node started from the built executable jar as a child process, for tests that need a
 * real process: exit codes, signals and start-up output.
 */
final class NodeProcess implements AutoCloseable {

	static final Path JAR = Path.of("target", "microlith.jar");

	private final Process process;

	private final Path output;

	private NodeProcess(Process process, Path output) {
		this.process = process;
		this.output = output;
	}

	/** Starts the node in {@code workDir} with {@code args}, its output going to a file there. */
	static NodeProcess start(Path workDir, Map<String, String> environment, String... args) throws IOException {
		if (!Files.isRegularFile(JAR)) {
			throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the tests through 'mvnw verify'");
		}
		List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar",
				JAR.toAbsolutePath().toString()));
		command.addAll(List.of(args));
		Path output = Files.createTempFile(workDir, "node", ".log");
		ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile());
		builder.environment().putAll(environment);
		return new NodeProcess(builder.start(), output);
	}

	/** Returns a TCP port that was free a moment ago. */
	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** Waits for the process to exit and returns its exit code. */
	int awaitExit(Duration timeout) throws InterruptedException {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("Node did not exit within " + timeout + "; output:\n" + output());
		}
		return this.process.exitValue();
	}

	/** Waits until the output contains {@code text}. */
	void awaitOutput(String text, Duration timeout) throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (!output().contains(text)) {
			if (!this.process.isAlive() || Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("Node output lacks '" + text + "'; output:\n" + output());
			}
			Thread.sleep(100);
		}
	}

	/** Sends SIGTERM, as a service manager stops a node. */
	void terminate() {
		this.process.destroy();
	}

	String output() {
		try {
			return Files.readString(this.output, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Returns the output lines logged at ERROR level. */
	List<String> errorLines() {
		return output().lines().filter(line -> line.contains(" ERROR ")).toList();
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(10, TimeUnit.SECONDS);
	}

	private static String javaBinary() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
