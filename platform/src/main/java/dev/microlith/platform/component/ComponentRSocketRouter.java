package dev.microlith.platform.component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.microlith.platform.hub.RSocketRouteRegistry;
import dev.microlith.platform.hub.RSocketRouteRegistry.RouteHandler;
import dev.microlith.sdk.Access;
import dev.microlith.sdk.rsocket.RSocketRequest;

/**
 * Registers components' RSocket routes with the node's {@link RSocketRouteRegistry}.
 * <p>
 * Each route is registered once per component with a handler that forwards to the active
 * deployment, so a redeploy switches a route to the new version by swapping one reference.
 * Calls are counted in and out of the deployment, so that a replaced version can drain.
 * Not thread-safe: the component runtime calls it under its deploy lock.
 */
final class ComponentRSocketRouter {

	private static final Logger logger = LoggerFactory.getLogger(ComponentRSocketRouter.class);

	private final Supplier<RSocketRouteRegistry> registry;

	/** The registered routes, by component name and route pattern. */
	private final Map<String, Map<String, Registered>> routes = new HashMap<>();

	ComponentRSocketRouter(Supplier<RSocketRouteRegistry> registry) {
		this.registry = registry;
	}

	/**
	 * Serves {@code deployment}'s routes in place of those of any previous version of the
	 * component, and removes the previous version's routes it no longer declares.
	 * @throws ComponentConflictException when another component owns one of the routes;
	 * the previous version's routes are then left as they were
	 */
	void activate(Deployment deployment) {
		Map<String, RouteHandler> wanted = deployment.rsocketRoutes();
		Map<String, Registered> current = this.routes.computeIfAbsent(deployment.name(), name -> new HashMap<>());
		List<Registered> added = new ArrayList<>();
		try {
			for (Map.Entry<String, RouteHandler> route : wanted.entrySet()) {
				Registered existing = current.get(route.getKey());
				if (existing == null || existing.kind() != route.getValue().getClass()) {
					added.add(register(deployment.name(), route.getKey(), route.getValue().getClass()));
				}
			}
		}
		catch (RuntimeException ex) {
			added.forEach(registered -> registered.registration().close());
			throw new ComponentConflictException("Failed to register the RSocket routes of component '"
					+ deployment.name() + "': " + ex.getMessage(), ex);
		}
		switchRoutes(deployment, current, added);
	}

	private void switchRoutes(Deployment deployment, Map<String, Registered> current, List<Registered> added) {
		Map<String, RouteHandler> wanted = deployment.rsocketRoutes();
		for (Registered registered : added) {
			Registered replaced = current.put(registered.pattern(), registered);
			if (replaced != null) {
				replaced.registration().close();
			}
		}
		for (Registered registered : List.copyOf(current.values())) {
			RouteHandler handler = wanted.get(registered.pattern());
			if (handler == null) {
				registered.registration().close();
				current.remove(registered.pattern());
			}
			else {
				registered.target().set(new Target(deployment, handler));
			}
		}
	}

	/** Removes every route of {@code component}. */
	void remove(String component) {
		Map<String, Registered> current = this.routes.remove(component);
		if (current != null) {
			current.values().forEach(registered -> registered.registration().close());
		}
	}

	private Registered register(String component, String pattern, Class<?> kind) {
		RSocketRouteRegistry routeRegistry = this.registry.get();
		if (routeRegistry == null) {
			throw new IllegalStateException("this node has no RSocket routing capability installed");
		}
		AtomicReference<Target> target = new AtomicReference<>();
		RouteHandler forwarding = forwarding(component, kind, target);
		RSocketRouteRegistry.Registration registration = routeRegistry.register(component, pattern, forwarding,
				(variables) -> {
					Target current = target.get();
					Access access = (current != null) ? current.deployment().rsocketAccess().get(pattern) : null;
					return ComponentAccess.requirement(component, (access != null) ? access : Access.AUTHENTICATED);
				});
		return new Registered(pattern, kind, target, registration);
	}

	private static RouteHandler forwarding(String component, Class<?> kind, AtomicReference<Target> target) {
		if (kind == RouteHandler.RequestResponse.class) {
			return new RouteHandler.RequestResponse(request -> Mono.from(call(component, target,
					(handler, wrap) -> ((RouteHandler.RequestResponse) handler).handler().apply(wrap.apply(request)))));
		}
		if (kind == RouteHandler.RequestStream.class) {
			return new RouteHandler.RequestStream(request -> Flux.from(call(component, target,
					(handler, wrap) -> ((RouteHandler.RequestStream) handler).handler().apply(wrap.apply(request)))));
		}
		if (kind == RouteHandler.RequestChannel.class) {
			return new RouteHandler.RequestChannel((first, rest) -> Flux.from(call(component, target,
					(handler, wrap) -> ((RouteHandler.RequestChannel) handler).handler()
						.apply(wrap.apply(first), rest.map(wrap)))));
		}
		return new RouteHandler.FireAndForget(request -> Mono.from(call(component, target,
				(handler, wrap) -> ((RouteHandler.FireAndForget) handler).handler().apply(wrap.apply(request))))
			.then());
	}

	/**
	 * Calls the active deployment's handler, containing exceptions and linkage errors it
	 * throws, and counts the call until its publisher terminates or is cancelled.
	 */
	private static Publisher<?> call(String component, AtomicReference<Target> reference,
			BiFunction<RouteHandler, Function<RSocketRequest, RSocketRequest>, Publisher<?>> invocation) {
		Target target = enter(reference);
		if (target == null) {
			return Mono.error(new IllegalStateException("Component '" + component + "' is stopping; retry"));
		}
		Publisher<?> publisher;
		MDC.put(DefaultComponentContext.MDC_KEY, component);
		try {
			Deployment deployment = target.deployment();
			publisher = invocation.apply(target.handler(), request -> DeploymentJson.request(deployment, request));
		}
		catch (RuntimeException | LinkageError ex) {
			String errorId = UUID.randomUUID().toString();
			logger.error("RSocket handler of component '{}' failed, error id '{}'", component, errorId, ex);
			target.deployment().exit();
			return Mono.error(new IllegalStateException("Component '" + component + "' failed; error id " + errorId));
		}
		finally {
			MDC.remove(DefaultComponentContext.MDC_KEY);
		}
		Flux<?> flux = (publisher != null) ? Flux.from(publisher) : Flux.empty();
		return flux.map(value -> DeploymentJson.toNodeSafe(target.deployment(), value))
			.takeUntilOther(target.deployment().whenStopped())
			.doFinally(signal -> target.deployment().exit());
	}

	/** Counts a call into the active deployment, retrying once if it was just replaced. */
	private static Target enter(AtomicReference<Target> reference) {
		for (int attempt = 0; attempt < 2; attempt++) {
			Target target = reference.get();
			if (target != null && target.deployment().tryEnter()) {
				return target;
			}
		}
		return null;
	}

	private record Target(Deployment deployment, RouteHandler handler) {
	}

	private record Registered(String pattern, Class<?> kind, AtomicReference<Target> target,
			RSocketRouteRegistry.Registration registration) {
	}

}
