package dev.microlith.platform.component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.microlith.platform.cache.CacheService;
import dev.microlith.platform.hub.RSocketRouteRegistry;
import dev.microlith.platform.hub.RSocketRouteRegistry.RouteHandler;
import dev.microlith.platform.storage.TableService;
import dev.microlith.sdk.Access;
import dev.microlith.sdk.ComponentConfig;
import dev.microlith.sdk.ComponentContext;
import dev.microlith.sdk.cache.Cache;
import dev.microlith.sdk.http.HttpHandler;
import dev.microlith.sdk.http.HttpRoutes;
import dev.microlith.sdk.hub.Hub;
import dev.microlith.sdk.rsocket.RSocketRequest;
import dev.microlith.sdk.rsocket.RSocketRoutes;
import dev.microlith.sdk.table.Table;
import dev.microlith.sdk.table.Tables;

/**
 * The context of one deployment. Routes registered here are collected and only served once
 * the deployment is active. {@link #close()} releases the executor and the meters.
 */
final class DefaultComponentContext implements ComponentContext, AutoCloseable {

	/** MDC key carrying the component's name. */
	static final String MDC_KEY = "component";

	private final Deployment deployment;

	private final NodeServices services;

	private final ComponentConfig config;

	private final Logger logger;

	private final CompositeMeterRegistry meters;

	private final Path workDirectory;

	private final Object executorLock = new Object();

	private ScheduledThreadPoolExecutor executor;

	DefaultComponentContext(Deployment deployment, NodeServices services) {
		this.deployment = deployment;
		this.services = services;
		this.config = new DefaultComponentConfig(services.config().apply(deployment.name()));
		this.logger = LoggerFactory.getLogger("microlith.component." + deployment.name());
		this.meters = new CompositeMeterRegistry();
		this.meters.config().commonTags("component", deployment.name());
		this.meters.add(services.meters());
		this.workDirectory = services.componentDirectory(deployment.name()).resolve("work");
	}

	@Override
	public String name() {
		return this.deployment.name();
	}

	@Override
	public String version() {
		return this.deployment.version();
	}

	@Override
	public <K, V> Table<K, V> table(String name, Class<K> keyType, Class<V> recordType) {
		return tableService("table '" + name + "'").table(name, keyType, recordType);
	}

	@Override
	public Tables tables() {
		return tableService("tables").tables();
	}

	@Override
	public <K, V> Cache<K, V> cache(String name, Class<K> keyType, Class<V> valueType) {
		if (this.deployment.descriptor().cache(name) == null) {
			throw new IllegalArgumentException("Component '" + name() + "' declares no cache '" + name
					+ "'; declare it under 'caches' in its descriptor");
		}
		CacheService caches = require(this.services.caches(), "caches", "cache('" + name + "', …)");
		Cache<Object, Object> handle = this.deployment.caches().get(name);
		return (handle != null) ? CacheService.typed(handle, keyType, valueType)
				: caches.cache(name(), name, keyType, valueType);
	}

	@Override
	public Hub hub() {
		Hub hub = require(this.services.hub(), "the stream hub", "hub()");
		return new ComponentHub(hub, this.deployment);
	}

	@Override
	public HttpRoutes http() {
		return new CollectingHttpRoutes();
	}

	@Override
	public RSocketRoutes rsocket() {
		require(this.services.rsocket(), "RSocket routing", "rsocket()");
		return new CollectingRSocketRoutes();
	}

	@Override
	public ComponentConfig config() {
		return this.config;
	}

	@Override
	public Logger logger() {
		return this.logger;
	}

	@Override
	public MeterRegistry meters() {
		return this.meters;
	}

	@Override
	public ScheduledExecutorService executor() {
		synchronized (this.executorLock) {
			if (this.executor == null) {
				this.executor = new ScheduledThreadPoolExecutor(2, new ComponentThreadFactory());
				this.executor.setRemoveOnCancelPolicy(true);
			}
			return this.executor;
		}
	}

	@Override
	public Path workDirectory() {
		try {
			return Files.createDirectories(this.workDirectory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to create the work directory " + this.workDirectory
					+ " of component '" + name() + "'", ex);
		}
	}

	/**
	 * Shuts the executor down, waiting up to {@code timeoutMillis} for its tasks, and removes
	 * the component's meters from the node's registry.
	 * @return whether the executor's threads ended in time
	 */
	boolean shutdown(long timeoutMillis) throws InterruptedException {
		boolean terminated = true;
		synchronized (this.executorLock) {
			if (this.executor != null) {
				this.executor.shutdownNow();
				terminated = this.executor.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS);
				this.executor = null;
			}
		}
		for (Meter meter : this.meters.getMeters()) {
			this.services.meters().removeByPreFilterId(meter.getId());
		}
		this.meters.clear();
		this.meters.remove(this.services.meters());
		return terminated;
	}

	@Override
	public void close() throws InterruptedException {
		shutdown(0);
	}

	private TableService tableService(String what) {
		return require(this.services.tables(), "storage (tables)", what);
	}

	private <T> T require(Supplier<T> supplier, String capability, String what) {
		T value = supplier.get();
		if (value == null) {
			throw new IllegalStateException("Component '" + name() + "' asked for " + what + ", but this node has no "
					+ capability + " capability installed");
		}
		return value;
	}

	/** Names the component's executor threads and gives them its class loader and MDC. */
	private final class ComponentThreadFactory implements ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable task) {
			String component = name();
			Runnable withMdc = () -> {
				MDC.put(MDC_KEY, component);
				task.run();
			};
			Thread thread = new Thread(withMdc, "component-" + component + "-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			thread.setContextClassLoader(DefaultComponentContext.this.deployment.classLoader());
			return thread;
		}

	}

	private final class CollectingHttpRoutes implements HttpRoutes {

		@Override
		public HttpRoutes route(String method, String pathPattern, Access access, HttpHandler handler) {
			HttpRouteTable.Route route = HttpRouteTable.parse(DefaultComponentContext.this.deployment, method,
					pathPattern, java.util.Objects.requireNonNull(access, "'access' must not be null"),
					java.util.Objects.requireNonNull(handler, "'handler' must not be null"));
			for (HttpRouteTable.Route own : DefaultComponentContext.this.deployment.httpRoutes()) {
				if (own.sameAs(route)) {
					throw new IllegalArgumentException("Route " + route.method() + " " + pathPattern
							+ " is registered twice by component '" + name() + "'");
				}
			}
			DefaultComponentContext.this.services.httpRoutes().checkConflicts(name(), java.util.List.of(route));
			DefaultComponentContext.this.deployment.httpRoutes().add(route);
			return this;
		}

	}

	private final class CollectingRSocketRoutes implements RSocketRoutes {

		@Override
		public RSocketRoutes requestResponse(String route, Access access, Function<RSocketRequest, Mono<?>> handler) {
			return add(route, access, new RouteHandler.RequestResponse(handler));
		}

		@Override
		public RSocketRoutes requestStream(String route, Access access, Function<RSocketRequest, Flux<?>> handler) {
			return add(route, access, new RouteHandler.RequestStream(handler));
		}

		@Override
		public RSocketRoutes requestChannel(String route, Access access,
				BiFunction<RSocketRequest, Flux<RSocketRequest>, Flux<?>> handler) {
			return add(route, access, new RouteHandler.RequestChannel(handler));
		}

		@Override
		public RSocketRoutes fireAndForget(String route, Access access, Function<RSocketRequest, Mono<Void>> handler) {
			return add(route, access, new RouteHandler.FireAndForget(handler));
		}

		private RSocketRoutes add(String route, Access access, RouteHandler handler) {
			if (route == null || route.isBlank()) {
				throw new IllegalArgumentException("Invalid RSocket route '" + route + "': expected a dot-separated name");
			}
			java.util.Objects.requireNonNull(access, "'access' must not be null");
			if (DefaultComponentContext.this.deployment.rsocketRoutes().putIfAbsent(route, handler) != null) {
				throw new IllegalArgumentException(
						"RSocket route '" + route + "' is registered twice by component '" + name() + "'");
			}
			DefaultComponentContext.this.deployment.rsocketAccess().put(route, access);
			return this;
		}

	}

}
