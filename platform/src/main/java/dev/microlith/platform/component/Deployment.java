package dev.microlith.platform.component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.json.JsonMapper;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import dev.microlith.platform.hub.RSocketRouteRegistry.RouteHandler;
import dev.microlith.sdk.Access;
import dev.microlith.sdk.Component;
import dev.microlith.sdk.cache.Cache;

/**
 * One deployed version of a component: its files, class loader, instance, context,
 * routes and state.
 * <p>
 * Request handlers call {@link #tryEnter()} before and {@link #exit()} after running
 * component code, so that a version being replaced can wait for its in-flight requests.
 */
public final class Deployment {

	private final ComponentJar jar;

	private final DeploymentFiles files;

	private final JsonMapper json;

	private final AtomicLong inFlight = new AtomicLong();

	private final AtomicBoolean ownsCaches = new AtomicBoolean();

	private volatile Map<String, Cache<Object, Object>> caches = Map.of();

	private final Sinks.Empty<Void> stopped = Sinks.empty();

	private final List<HttpRouteTable.Route> httpRoutes = new ArrayList<>();

	private final Map<String, RouteHandler> rsocketRoutes = new LinkedHashMap<>();

	private final Map<String, Access> rsocketAccess = new LinkedHashMap<>();

	private volatile ComponentClassLoader classLoader;

	private volatile Component component;

	private volatile DefaultComponentContext context;

	private volatile ComponentState state = ComponentState.INSTALLED;

	private volatile boolean closing;

	Deployment(ComponentJar jar, DeploymentFiles files) {
		this.jar = jar;
		this.files = files;
		this.json = JsonMapper.builder().build();
	}

	/** Returns the component's name. */
	public String name() {
		return this.jar.descriptor().name();
	}

	/** Returns the version of this deployment. */
	public String version() {
		return this.jar.descriptor().version();
	}

	/** Returns the descriptor of this deployment. */
	public ComponentDescriptor descriptor() {
		return this.jar.descriptor();
	}

	/** Returns the state of this deployment. */
	public ComponentState state() {
		return this.state;
	}

	/**
	 * Returns the JSON mapper for this deployment's types. Each deployment has its own, so
	 * that the mapper's caches do not keep an undeployed class loader reachable.
	 */
	public JsonMapper json() {
		return this.json;
	}

	/** Returns the deployment's class loader, or {@code null} before it is loaded. */
	public ClassLoader classLoader() {
		return this.classLoader;
	}

	/**
	 * Counts a request in, unless this deployment is draining.
	 * @return {@code true} when the caller may run component code and must call
	 * {@link #exit()} afterwards; {@code false} when the deployment is being stopped
	 */
	public boolean tryEnter() {
		this.inFlight.incrementAndGet();
		if (this.closing) {
			exit();
			return false;
		}
		return true;
	}

	/** Counts a request out. */
	public void exit() {
		this.inFlight.decrementAndGet();
	}

	/** Returns a {@code Mono} that completes when the deployment stops, to end its streams. */
	public Mono<Void> whenStopped() {
		return this.stopped.asMono();
	}

	ComponentJar jar() {
		return this.jar;
	}

	DeploymentFiles files() {
		return this.files;
	}

	List<HttpRouteTable.Route> httpRoutes() {
		return this.httpRoutes;
	}

	Map<String, RouteHandler> rsocketRoutes() {
		return this.rsocketRoutes;
	}

	/** Returns the access rule of each RSocket route, by route pattern. */
	Map<String, Access> rsocketAccess() {
		return this.rsocketAccess;
	}

	Component component() {
		return this.component;
	}

	DefaultComponentContext context() {
		return this.context;
	}

	void loaded(ComponentClassLoader loader, Component instance, DefaultComponentContext context) {
		this.classLoader = loader;
		this.component = instance;
		this.context = context;
	}

	void state(ComponentState state) {
		this.state = state;
	}

	/**
	 * Stops counting new requests in and waits for those in flight.
	 * @return whether every in-flight request finished within {@code timeout}
	 */
	boolean drain(Duration timeout) throws InterruptedException {
		this.closing = true;
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.inFlight.get() > 0) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			Thread.sleep(10);
		}
		return true;
	}

	/** Records the caches this deployment created in the cache capability, by name. */
	void ownCaches(Map<String, Cache<Object, Object>> caches) {
		this.caches = Map.copyOf(caches);
		this.ownsCaches.set(true);
	}

	/** Returns whether this deployment's caches are the live ones of its component. */
	boolean ownsCaches() {
		return this.ownsCaches.get();
	}

	/**
	 * Returns the handles of this deployment's caches by name. They keep working after a
	 * new version took the caches over, until this deployment is released.
	 */
	Map<String, Cache<Object, Object>> caches() {
		return this.caches;
	}

	/** Returns whether this deployment owned caches, and gives them up. */
	boolean takeCaches() {
		return this.ownsCaches.getAndSet(false);
	}

	long inFlight() {
		return this.inFlight.get();
	}

	/** Ends the deployment's streams and drops the references that pin its class loader. */
	void release() {
		this.closing = true;
		this.stopped.tryEmitEmpty();
		this.httpRoutes.clear();
		this.rsocketRoutes.clear();
		this.rsocketAccess.clear();
		this.component = null;
		this.context = null;
		ComponentClassLoader loader = this.classLoader;
		this.classLoader = null;
		if (loader != null) {
			loader.close();
		}
	}

}
