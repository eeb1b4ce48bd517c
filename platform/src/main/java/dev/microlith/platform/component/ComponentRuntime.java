package dev.microlith.platform.component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.util.FileSystemUtils;

import dev.microlith.platform.cache.CacheDefinition;
import dev.microlith.platform.cache.CacheService;
import dev.microlith.platform.security.TableOperation;
import dev.microlith.platform.storage.TableService;
import dev.microlith.sdk.Component;
import dev.microlith.sdk.table.TableException;

/**
 * Deploys, redeploys and undeploys components, and tracks their states.
 * <p>
 * Deploy operations run one at a time under a lock. A redeploy starts the new version
 * beside the old one and switches the routes once the new one is {@code ACTIVE}; the old
 * version then drains its in-flight requests and stops in the background. If the new
 * version fails, the old one keeps serving and the failure is kept as the component's
 * last error. Component code runs on the runtime's own threads with the component's name
 * in the MDC, and every exception or linkage error it throws is contained.
 */
public class ComponentRuntime implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ComponentRuntime.class);

	private final ComponentProperties properties;

	private final NodeServices services;

	private final ComponentDescriptorReader reader;

	private final ComponentRSocketRouter rsocketRouter;

	private final List<ComponentStateListener> listeners = new CopyOnWriteArrayList<>();

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	private final ReentrantLock lock = new ReentrantLock();

	private final ExecutorService lifecycleExecutor = Executors.newCachedThreadPool(daemonThreads("component-lifecycle"));

	private final ExecutorService drainExecutor = Executors.newCachedThreadPool(daemonThreads("component-drain"));

	public ComponentRuntime(ComponentProperties properties, NodeServices services, ComponentDescriptorReader reader) {
		this.properties = properties;
		this.services = services;
		this.reader = reader;
		this.rsocketRouter = new ComponentRSocketRouter(services.rsocket());
		cleanLeftovers();
	}

	/** Adds a listener of every state change. */
	public void addListener(ComponentStateListener listener) {
		this.listeners.add(listener);
	}

	/** Returns the directory watched for component jars. */
	public Path componentsDirectory() {
		return this.properties.getDir().toAbsolutePath().normalize();
	}

	/** Returns every component deployed or tried, sorted by name. */
	public List<ComponentInfo> components() {
		return this.entries.values().stream().map(Entry::info).sorted(Comparator.comparing(ComponentInfo::name)).toList();
	}

	/** Returns the component named {@code name}. */
	public Optional<ComponentInfo> component(String name) {
		return Optional.ofNullable(this.entries.get(name)).map(Entry::info);
	}

	/**
	 * Returns the operations on {@code table} that its owning component opens to every
	 * caller, as its active deployment's descriptor declares them.
	 */
	public Set<TableOperation> publicOperations(String table) {
		for (Entry entry : this.entries.values()) {
			Deployment active = entry.active;
			if (active == null) {
				continue;
			}
			for (TableDeclaration declaration : active.descriptor().tables()) {
				if (declaration.name().equals(table)) {
					return declaration.publicOperations();
				}
			}
		}
		return Set.of();
	}

	/** Returns the active deployment of {@code name}, or {@code null}. */
	public Deployment activeDeployment(String name) {
		Entry entry = this.entries.get(name);
		return (entry != null) ? entry.active : null;
	}

	/** Returns the jar files of the components directory the runtime has deployed or tried to. */
	Map<Path, JarFingerprint> sources() {
		Map<Path, JarFingerprint> sources = new LinkedHashMap<>();
		for (Entry entry : this.entries.values()) {
			if (entry.source != null) {
				sources.put(entry.source, entry.fingerprint);
			}
		}
		return sources;
	}

	/**
	 * Checks a jar without deploying it.
	 * @param label how to name the jar in errors
	 * @throws InvalidComponentException when the jar is not a valid component
	 */
	public ComponentJar inspect(Path jar, String label) {
		return ComponentJar.inspect(jar, label, this.reader);
	}

	/**
	 * Deploys or redeploys the components of jars found in the components directory, in
	 * the order their requirements give. A failure of one is logged and recorded as its
	 * last error, and does not stop the others.
	 */
	void deployFromDirectory(List<ComponentJar> jars, Map<Path, JarFingerprint> fingerprints) {
		for (ComponentJar jar : RequirementOrder.sort(jars)) {
			try {
				deployFromDirectory(jar, fingerprints.get(jar.source()));
			}
			catch (RuntimeException ex) {
				logger.error("Failed to deploy component '{}' from '{}': {}", jar.descriptor().name(),
						jar.source().getFileName(), ex.getMessage());
			}
		}
	}

	/**
	 * Deploys a jar of the components directory, or redeploys the component it contains.
	 * @throws ComponentConflictException when another jar of the directory has a component
	 * of the same name, or the component claims a table or route of another component
	 * @throws ComponentStartException when the component fails to start
	 */
	public ComponentInfo deployFromDirectory(ComponentJar jar, JarFingerprint fingerprint) {
		String name = jar.descriptor().name();
		this.lock.lock();
		try {
			Entry entry = this.entries.get(name);
			if (entry != null && entry.source != null && !entry.source.equals(jar.source())
					&& Files.exists(entry.source)) {
				throw new ComponentConflictException("Component name '" + name + "' in '" + jar.source().getFileName()
						+ "' is already used by '" + entry.source.getFileName()
						+ "'; remove one of the jars or rename one component");
			}
			Entry target = (entry != null) ? entry : new Entry(name);
			target.source = jar.source();
			target.fingerprint = fingerprint;
			this.entries.putIfAbsent(name, target);
			return deploy(jar, target);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Deploys an uploaded jar, or redeploys the component it contains, and once it is
	 * {@code ACTIVE} moves the jar into the components directory as {@code <name>.jar}.
	 * The uploaded file is deleted in every case.
	 * @param upload the uploaded jar, in {@link #uploadDirectory()}
	 */
	public ComponentInfo deployUpload(Path upload) {
		this.lock.lock();
		try {
			ComponentJar jar = inspect(upload, "uploaded jar");
			String name = jar.descriptor().name();
			Entry existing = this.entries.get(name);
			Entry entry = (existing != null) ? existing : new Entry(name);
			ComponentInfo info = deploy(jar, entry);
			Path installed = install(upload, name);
			if (entry.source != null && !entry.source.equals(installed)) {
				Files.deleteIfExists(entry.source);
			}
			entry.source = installed;
			entry.fingerprint = JarFingerprint.of(installed);
			this.entries.putIfAbsent(name, entry);
			return info;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to move the uploaded jar into " + componentsDirectory(), ex);
		}
		finally {
			deleteUpload(upload);
			this.lock.unlock();
		}
	}

	/** Returns the directory where uploaded jars wait for their deploy. */
	public Path uploadDirectory() throws IOException {
		return Files.createDirectories(this.services.uploadDirectory());
	}

	/**
	 * Undeploys a component: removes its routes, drains and stops it, releases its class
	 * loader and files. Its tables and their data stay.
	 * @param deleteSource whether to delete its jar from the components directory too
	 * @throws ComponentNotFoundException when no component has that name
	 */
	public void undeploy(String name, boolean deleteSource) {
		this.lock.lock();
		try {
			Entry entry = this.entries.remove(name);
			if (entry == null) {
				throw new ComponentNotFoundException("No component named '" + name + "' is deployed; GET /ops/components lists them");
			}
			warnDependants(name);
			Deployment active = entry.active;
			if (active != null) {
				this.services.httpRoutes().remove(name);
				this.rsocketRouter.remove(name);
				stop(active);
			}
			if (deleteSource && entry.source != null) {
				Files.deleteIfExists(entry.source);
			}
			logger.info("Undeployed component '{}'", name);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Undeployed component '" + name + "' but failed to delete its jar", ex);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Undeploys the component deployed from {@code source}, if any, keeping the file.
	 * Checked under the deploy lock, so a jar that a concurrent upload replaced is left alone.
	 */
	void undeploySource(Path source) {
		this.lock.lock();
		try {
			for (Entry entry : List.copyOf(this.entries.values())) {
				if (source.equals(entry.source)) {
					logger.info("Jar '{}' was removed; undeploying component '{}'", source.getFileName(), entry.name);
					undeploy(entry.name, false);
				}
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Undeploys every component, dependants first, keeping their jars. */
	@Override
	public void close() {
		List<String> names = new ArrayList<>(RequirementOrder.sortNames(this.entries.values().stream()
			.map(entry -> entry.descriptor)
			.filter(descriptor -> descriptor != null)
			.toList()));
		java.util.Collections.reverse(names);
		for (String name : names) {
			try {
				undeploy(name, false);
			}
			catch (RuntimeException ex) {
				logger.error("Failed to undeploy component '{}' at shutdown", name, ex);
			}
		}
		this.drainExecutor.shutdown();
		this.lifecycleExecutor.shutdown();
	}

	private ComponentInfo deploy(ComponentJar jar, Entry entry) {
		try {
			Deployment deployment = startNew(jar);
			Deployment previous = entry.active;
			entry.active = deployment;
			entry.descriptor = deployment.descriptor();
			entry.lastError = null;
			entry.updated = Instant.now();
			if (previous != null) {
				this.drainExecutor.execute(() -> stopQuietly(previous));
			}
			return entry.info();
		}
		catch (RuntimeException ex) {
			entry.lastError = ex.getMessage();
			entry.updated = Instant.now();
			if (entry.active == null) {
				entry.descriptor = jar.descriptor();
			}
			else {
				logger.warn("Redeploy of component '{}' failed; version {} keeps serving", entry.name,
						entry.active.version());
				takeBackCaches(entry.active);
			}
			throw ex;
		}
	}

	private Deployment startNew(ComponentJar jar) {
		checkRequirements(jar.descriptor());
		Deployment deployment = new Deployment(jar,
				DeploymentFiles.create(jar, this.services.componentDirectory(jar.descriptor().name())));
		changeState(deployment, ComponentState.INSTALLED, null);
		try {
			Class<? extends Component> entryClass = load(deployment);
			declareTables(deployment);
			start(deployment, entryClass);
			activate(deployment);
			changeState(deployment, ComponentState.ACTIVE, null);
			return deployment;
		}
		catch (RuntimeException ex) {
			changeState(deployment, ComponentState.FAILED, ex.getMessage());
			release(deployment);
			throw ex;
		}
	}

	private void checkRequirements(ComponentDescriptor descriptor) {
		for (String required : descriptor.requires()) {
			Entry entry = this.entries.get(required);
			if (entry == null) {
				throw new ComponentStartException("Component '" + descriptor.name() + "' requires component '"
						+ required + "', which is not deployed; deploy '" + required + "' first");
			}
			if (entry.active == null) {
				throw new ComponentStartException("Component '" + descriptor.name() + "' requires component '"
						+ required + "', which is FAILED: " + entry.lastError);
			}
		}
	}

	private Class<? extends Component> load(Deployment deployment) {
		ComponentDescriptor descriptor = deployment.descriptor();
		ComponentClassLoader loader;
		try {
			loader = new ComponentClassLoader(descriptor.name(), deployment.files().jars(),
					ComponentRuntime.class.getClassLoader());
		}
		catch (UncheckedIOException ex) {
			throw new ComponentStartException(ex.getMessage(), ex);
		}
		deployment.loaded(loader, null, null);
		Class<?> type;
		try {
			type = Class.forName(descriptor.entryClass(), false, loader);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new InvalidComponentException("Entry class '" + descriptor.entryClass() + "' of component '"
					+ descriptor.name() + "' cannot be loaded: " + ex, ex);
		}
		if (!Component.class.isAssignableFrom(type)) {
			throw new InvalidComponentException("Entry class '" + descriptor.entryClass() + "' of component '"
					+ descriptor.name() + "' does not implement " + Component.class.getName()
					+ "; implement it, or correct 'entryClass' in the descriptor");
		}
		return type.asSubclass(Component.class);
	}

	private void declareTables(Deployment deployment) {
		ComponentDescriptor descriptor = deployment.descriptor();
		if (descriptor.tables().isEmpty()) {
			return;
		}
		TableService tables = this.services.tables().get();
		if (tables == null) {
			throw new ComponentStartException("Component '" + descriptor.name() + "' declares tables "
					+ descriptor.tables().stream().map(TableDeclaration::name).toList()
					+ ", but this node has no storage (tables) capability installed");
		}
		for (TableDeclaration table : descriptor.tables()) {
			try {
				tables.declare(table.toDefinition(descriptor.name()));
			}
			catch (TableException ex) {
				throw new ComponentConflictException("Component '" + descriptor.name() + "' cannot declare table '"
						+ table.name() + "': " + ex.getMessage(), ex);
			}
		}
	}

	private void start(Deployment deployment, Class<? extends Component> entryClass) {
		changeState(deployment, ComponentState.STARTING, null);
		createCaches(deployment);
		DefaultComponentContext context = new DefaultComponentContext(deployment, this.services);
		Future<?> started = this.lifecycleExecutor.submit(() -> {
			Component component = entryClass.getDeclaredConstructor().newInstance();
			deployment.loaded((ComponentClassLoader) deployment.classLoader(), component, context);
			runAsComponent(deployment, () -> component.start(context));
			return null;
		});
		Duration timeout = this.properties.getStartTimeout();
		String name = deployment.name();
		try {
			started.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			started.cancel(true);
			throw new ComponentStartException("Component '" + name + "' did not start within " + timeout
					+ " (microlith.components.start-timeout); its start was interrupted", ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			throw new ComponentStartException("Component '" + name + "' failed to start: " + cause, cause);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			started.cancel(true);
			throw new ComponentStartException("Start of component '" + name + "' was interrupted", ex);
		}
		finally {
			if (deployment.context() == null) {
				closeQuietly(context);
			}
		}
	}

	private void activate(Deployment deployment) {
		String name = deployment.name();
		this.services.httpRoutes().checkConflicts(name, deployment.httpRoutes());
		this.rsocketRouter.activate(deployment);
		this.services.httpRoutes().replace(name, List.copyOf(deployment.httpRoutes()));
	}

	private void stopQuietly(Deployment deployment) {
		try {
			stop(deployment);
		}
		catch (RuntimeException ex) {
			logger.error("Failed to stop version {} of component '{}'", deployment.version(), deployment.name(), ex);
		}
	}

	/** Drains a deployment whose routes are no longer served, stops it and releases it. */
	private void stop(Deployment deployment) {
		changeState(deployment, ComponentState.STOPPING, null);
		Duration timeout = this.properties.getDrainTimeout();
		try {
			if (!deployment.drain(timeout)) {
				logger.warn("Component '{}' version {} still had {} requests in flight after {}; stopping it anyway",
						deployment.name(), deployment.version(), deployment.inFlight(), timeout);
			}
			Component component = deployment.component();
			if (component != null) {
				Future<?> stopped = this.lifecycleExecutor.submit(() -> {
					runAsComponent(deployment, component::stop);
					return null;
				});
				stopped.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (ExecutionException ex) {
			logger.error("Component '{}' version {} failed in stop()", deployment.name(), deployment.version(),
					ex.getCause());
		}
		catch (TimeoutException ex) {
			logger.error("Component '{}' version {} did not stop within {}; releasing it anyway", deployment.name(),
					deployment.version(), timeout);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		release(deployment);
		changeState(deployment, ComponentState.STOPPED, null);
	}

	/**
	 * Creates the caches the component declares before it starts. Caches belong to the
	 * component's name, so a new version takes them over from the running one. The running
	 * version's handles then bypass the caches (store nothing, call loaders directly) until
	 * it stops, so that its requests keep succeeding while the new version starts and it drains.
	 */
	private void createCaches(Deployment deployment) {
		ComponentDescriptor descriptor = deployment.descriptor();
		if (descriptor.caches().isEmpty()) {
			return;
		}
		CacheService caches = this.services.caches().get();
		if (caches == null) {
			throw new ComponentStartException("Component '" + descriptor.name() + "' declares caches "
					+ descriptor.caches().stream().map(CacheDeclaration::name).toList()
					+ ", but this node has no cache capability installed");
		}
		Entry entry = this.entries.get(descriptor.name());
		Deployment previous = (entry != null) ? entry.active : null;
		if (previous != null && previous != deployment && previous.takeCaches()) {
			caches.handOver(descriptor.name());
		}
		List<CacheDefinition> definitions = descriptor.caches().stream().map(CacheDeclaration::toDefinition).toList();
		deployment.ownCaches(caches.createAll(descriptor.name(), definitions, deployment.classLoader()));
	}

	/**
	 * Gives the running version back the caches it handed over to a new version that then
	 * failed to start. If that fails too, its handles keep bypassing the caches.
	 */
	private void takeBackCaches(Deployment running) {
		CacheService caches = this.services.caches().get();
		if (caches == null || running.ownsCaches() || running.caches().isEmpty()) {
			return;
		}
		try {
			caches.takeBack(running.name(), running.caches().values(), running.classLoader());
			running.ownCaches(running.caches());
		}
		catch (RuntimeException ex) {
			logger.error("Component '{}' version {} could not take its caches back; it keeps serving without them "
					+ "until the next deploy", running.name(), running.version(), ex);
		}
	}

	private void release(Deployment deployment) {
		DefaultComponentContext context = deployment.context();
		if (context != null) {
			closeQuietly(context);
		}
		CacheService caches = this.services.caches().get();
		if (caches != null) {
			if (deployment.takeCaches()) {
				caches.release(deployment.name());
			}
			caches.retire(deployment.caches().values());
		}
		try {
			deployment.release();
			deployment.files().delete();
		}
		catch (IOException | UncheckedIOException ex) {
			logger.error("Failed to release the files of component '{}' version {}", deployment.name(),
					deployment.version(), ex);
		}
	}

	private void closeQuietly(DefaultComponentContext context) {
		try {
			if (!context.shutdown(1000)) {
				logger.warn("Executor threads of component '{}' did not end within 1s of stop", context.name());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void changeState(Deployment deployment, ComponentState state, String cause) {
		deployment.state(state);
		Entry entry = this.entries.get(deployment.name());
		if (entry != null) {
			entry.updated = Instant.now();
		}
		if (state == ComponentState.FAILED) {
			logger.error("Component '{}' version {} FAILED: {}", deployment.name(), deployment.version(), cause);
		}
		else {
			logger.info("Component '{}' version {} is {}", deployment.name(), deployment.version(), state);
		}
		ComponentStateEvent event = new ComponentStateEvent(deployment.name(), deployment.version(), state, cause,
				Instant.now());
		for (ComponentStateListener listener : this.listeners) {
			try {
				listener.onStateChange(event);
			}
			catch (RuntimeException ex) {
				logger.error("Component state listener {} failed on {}", listener, event, ex);
			}
		}
	}

	private void warnDependants(String name) {
		for (Entry entry : this.entries.values()) {
			if (entry.descriptor != null && entry.descriptor.requires().contains(name)) {
				logger.warn("Undeploying component '{}', which component '{}' requires", name, entry.name);
			}
		}
	}

	private Path install(Path upload, String name) throws IOException {
		Path directory = Files.createDirectories(componentsDirectory());
		Path temporary = directory.resolve("." + name + ".jar.tmp");
		Files.copy(upload, temporary, StandardCopyOption.REPLACE_EXISTING);
		return Files.move(temporary, directory.resolve(name + ".jar"), StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE);
	}

	private void deleteUpload(Path upload) {
		try {
			Files.deleteIfExists(upload);
		}
		catch (IOException ex) {
			logger.warn("Failed to delete uploaded jar {}", upload, ex);
		}
	}

	/** Removes deployment folders and uploads that a previous run left when it was killed. */
	private void cleanLeftovers() {
		Path root = this.services.dataDirectory().resolve("components");
		if (!Files.isDirectory(root)) {
			return;
		}
		try (var components = Files.list(root)) {
			for (Path component : components.toList()) {
				FileSystemUtils.deleteRecursively(component.getFileName().toString().equals(".uploads") ? component
						: component.resolve("deployments"));
			}
		}
		catch (IOException ex) {
			logger.warn("Failed to remove leftover component files under {}", root, ex);
		}
	}

	private static void runAsComponent(Deployment deployment, ComponentCall call) throws Exception {
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(deployment.classLoader());
		MDC.put(DefaultComponentContext.MDC_KEY, deployment.name());
		try {
			call.run();
		}
		finally {
			MDC.remove(DefaultComponentContext.MDC_KEY);
			thread.setContextClassLoader(previous);
		}
	}

	private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return task -> {
			Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	@FunctionalInterface
	private interface ComponentCall {

		void run() throws Exception;

	}

	/** The runtime's record of one component name. Written under the deploy lock. */
	private static final class Entry {

		private final String name;

		private volatile Deployment active;

		private volatile ComponentDescriptor descriptor;

		private volatile String lastError;

		private volatile Path source;

		private volatile JarFingerprint fingerprint;

		private volatile Instant updated = Instant.now();

		Entry(String name) {
			this.name = name;
		}

		ComponentInfo info() {
			Deployment deployment = this.active;
			ComponentState state = (deployment != null) ? deployment.state() : ComponentState.FAILED;
			ComponentDescriptor shown = (deployment != null) ? deployment.descriptor() : this.descriptor;
			String version = (shown != null) ? shown.version() : null;
			String sourceName = (this.source != null) ? this.source.getFileName().toString() : null;
			return new ComponentInfo(this.name, version, state, this.lastError, sourceName, this.updated, shown);
		}

	}

}
