package dev.microlith.platform.hub;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.microlith.platform.security.Requirement;

/**
 * The node's {@link RSocketRouteRegistry}, read by {@link RSocketRouter} on every request.
 * <p>
 * When several patterns match a route, the one with the most literal segments wins, so
 * {@code chat.rooms.lobby} is preferred to {@code chat.rooms.{room}}. Patterns starting
 * with {@code hub} or {@code tables} are reserved for the node's own routes, registered
 * through {@link #registerNodeRoute}. Thread-safe; lookups never lock.
 */
public class DefaultRSocketRouteRegistry implements RSocketRouteRegistry {

	/** The owner of the node's own routes. */
	public static final String NODE_OWNER = "node";

	private static final Set<String> RESERVED_PREFIXES = Set.of("hub", "tables");

	private static final Logger logger = LoggerFactory.getLogger(DefaultRSocketRouteRegistry.class);

	private final List<Route> routes = new CopyOnWriteArrayList<>();

	@Override
	public Registration register(String owner, String pattern, RouteHandler handler,
			Function<Map<String, String>, Requirement> access) {
		RoutePattern parsed = RoutePattern.parse(pattern);
		if (RESERVED_PREFIXES.contains(parsed.firstLiteral())) {
			throw new IllegalArgumentException("Invalid route pattern '" + pattern + "' of '" + owner
					+ "': routes starting with 'hub.' or 'tables.' are reserved for the node; choose another first segment");
		}
		return add(owner, parsed, handler, access);
	}

	/**
	 * Registers one of the node's own routes, which may use the reserved prefixes.
	 * @throws IllegalArgumentException when the pattern is invalid or already registered
	 */
	public Registration registerNodeRoute(String pattern, RouteHandler handler,
			Function<Map<String, String>, Requirement> access) {
		return add(NODE_OWNER, RoutePattern.parse(pattern), handler, access);
	}

	/**
	 * Finds the route that serves {@code route}.
	 * @return the most specific match, or {@code null} when no pattern matches
	 */
	public RouteMatch find(String route) {
		RouteMatch best = null;
		int bestLiterals = -1;
		for (Route candidate : this.routes) {
			int literals = candidate.pattern().literalCount();
			if (literals <= bestLiterals) {
				continue;
			}
			Map<String, String> variables = candidate.pattern().match(route);
			if (variables != null) {
				best = new RouteMatch(route, candidate.owner(), candidate.pattern().text(), candidate.handler(),
						variables, candidate.access());
				bestLiterals = literals;
			}
		}
		return best;
	}

	private synchronized Registration add(String owner, RoutePattern pattern, RouteHandler handler,
			Function<Map<String, String>, Requirement> access) {
		Objects.requireNonNull(owner, "'owner' must not be null");
		Objects.requireNonNull(access, "'access' must not be null");
		Objects.requireNonNull(handler, "'handler' must not be null");
		for (Route existing : this.routes) {
			if (existing.pattern().shape().equals(pattern.shape())) {
				throw new DuplicateRouteException("Route pattern '" + pattern + "' of '" + owner
						+ "' is already registered as '" + existing.pattern() + "' by '" + existing.owner()
						+ "'; choose another route or undeploy '" + existing.owner() + "' first");
			}
		}
		Route route = new Route(owner, pattern, handler, access);
		this.routes.add(route);
		logger.debug("Registered RSocket route '{}' of '{}'", pattern, owner);
		return () -> remove(route);
	}

	private void remove(Route route) {
		if (this.routes.remove(route)) {
			logger.debug("Removed RSocket route '{}' of '{}'", route.pattern(), route.owner());
		}
	}

	/**
	 * A route matched by a request: who serves it, how, the values of its variables, and
	 * what the request needs from its caller.
	 */
	public record RouteMatch(String route, String owner, String pattern, RouteHandler handler,
			Map<String, String> variables, Function<Map<String, String>, Requirement> access) {

		/** Returns what this request needs from its caller. */
		public Requirement requirement() {
			return this.access.apply(this.variables);
		}

	}

	private record Route(String owner, RoutePattern pattern, RouteHandler handler,
			Function<Map<String, String>, Requirement> access) {

		// Identity equality, so that closing a registration removes exactly that route.
		@Override
		public boolean equals(Object other) {
			return this == other;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this);
		}

	}

}
