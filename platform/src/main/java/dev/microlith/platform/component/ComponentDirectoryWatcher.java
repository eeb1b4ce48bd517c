package dev.microlith.platform.component;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Deploys every jar of the components directory when the node starts, then scans the
 * directory: a new jar is deployed, a replaced jar is redeployed, a removed jar is
 * undeployed.
 * <p>
 * A changed jar is acted on once its size and modification time are unchanged between two
 * scans, so a jar still being copied is not read; copying to a name starting with
 * {@code .} and renaming it avoids even that wait. A jar that fails is not retried until
 * it changes again.
 */
public class ComponentDirectoryWatcher implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ComponentDirectoryWatcher.class);

	private final ComponentRuntime runtime;

	private final ComponentProperties properties;

	/** Jars seen changed in the last scan, with the fingerprint they had then. */
	private final Map<Path, JarFingerprint> pending = new HashMap<>();

	/** Jars rejected before their component's name was known, so they are not retried. */
	private final Map<Path, JarFingerprint> rejected = new HashMap<>();

	private ScheduledExecutorService scanner;

	/** Message of the failure of the previous scan, or {@code null} when it succeeded. */
	private volatile String lastFailure;

	public ComponentDirectoryWatcher(ComponentRuntime runtime, ComponentProperties properties) {
		this.runtime = runtime;
		this.properties = properties;
	}

	@Override
	public synchronized void start() {
		Path directory = this.runtime.componentsDirectory();
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot create the components directory '" + directory
					+ "'; create it or set microlith.components.dir to another directory", ex);
		}
		scan(true);
		this.scanner = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "component-directory-watcher");
			thread.setDaemon(true);
			return thread;
		});
		long interval = this.properties.getScanInterval().toMillis();
		this.scanner.scheduleWithFixedDelay(this::scanSafely, interval, interval, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (this.scanner != null) {
			this.scanner.shutdownNow();
			this.scanner = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scanner != null;
	}

	/** Runs before the web server starts and stops after it, so components are ready first. */
	@Override
	public int getPhase() {
		return 0;
	}

	private void scanSafely() {
		try {
			scan(false);
			this.lastFailure = null;
		}
		catch (RuntimeException ex) {
			// Logged once per distinct failure, so a missing directory does not flood the log.
			if (!ex.getMessage().equals(this.lastFailure)) {
				logger.error("Scan of components directory '{}' failed", this.runtime.componentsDirectory(), ex);
			}
			this.lastFailure = ex.getMessage();
		}
	}

	/**
	 * Compares the directory with what is deployed and acts on the differences.
	 * @param initial whether this is the scan at start-up, which trusts every jar to be
	 * complete and deploys it at once
	 */
	synchronized void scan(boolean initial) {
		Map<Path, JarFingerprint> present = listJars();
		Map<Path, JarFingerprint> known = this.runtime.sources();
		undeployRemoved(present, known);
		this.rejected.keySet().retainAll(present.keySet());
		this.pending.keySet().retainAll(present.keySet());
		Map<Path, JarFingerprint> ready = new LinkedHashMap<>();
		for (Map.Entry<Path, JarFingerprint> jar : present.entrySet()) {
			JarFingerprint fingerprint = jar.getValue();
			if (fingerprint.equals(known.get(jar.getKey())) || fingerprint.equals(this.rejected.get(jar.getKey()))) {
				continue;
			}
			if (initial || fingerprint.equals(this.pending.get(jar.getKey()))) {
				ready.put(jar.getKey(), fingerprint);
				this.pending.remove(jar.getKey());
			}
			else {
				this.pending.put(jar.getKey(), fingerprint);
			}
		}
		if (!ready.isEmpty()) {
			deploy(ready);
		}
	}

	private void deploy(Map<Path, JarFingerprint> ready) {
		List<ComponentJar> jars = new ArrayList<>();
		for (Map.Entry<Path, JarFingerprint> jar : ready.entrySet()) {
			try {
				jars.add(this.runtime.inspect(jar.getKey(), jar.getKey().getFileName().toString()));
			}
			catch (InvalidComponentException ex) {
				logger.error("Rejected component jar '{}': {}", jar.getKey().getFileName(), ex.getMessage());
				this.rejected.put(jar.getKey(), jar.getValue());
			}
		}
		this.runtime.deployFromDirectory(jars, ready);
	}

	private void undeployRemoved(Map<Path, JarFingerprint> present, Map<Path, JarFingerprint> known) {
		for (Path source : known.keySet()) {
			if (!present.containsKey(source)) {
				this.runtime.undeploySource(source);
			}
		}
	}

	private Map<Path, JarFingerprint> listJars() {
		Map<Path, JarFingerprint> jars = new LinkedHashMap<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(this.runtime.componentsDirectory(), "*.jar")) {
			for (Path path : stream) {
				if (!path.getFileName().toString().startsWith(".") && Files.isRegularFile(path)) {
					addFingerprint(jars, path);
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Failed to list components directory '"
					+ this.runtime.componentsDirectory() + "': " + ex.getMessage(), ex);
		}
		return jars;
	}

	private static void addFingerprint(Map<Path, JarFingerprint> jars, Path path) throws IOException {
		try {
			jars.put(path.toAbsolutePath().normalize(), JarFingerprint.of(path));
		}
		catch (NoSuchFileException ex) {
			// Removed between listing and reading; the next scan sees it gone.
		}
	}

}
