package dev.microlith.platform.component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

import dev.microlith.sdk.Access;
import dev.microlith.sdk.http.HttpHandler;

/**
 * The HTTP routes of every active component. Lookups read an immutable snapshot, and a
 * component's routes are replaced in one step, so a request sees either all of the old
 * version's routes or all of the new version's.
 * <p>
 * Lookup is a linear scan over every route, which is fine for the tens of routes a node
 * usually serves.
 */
public class HttpRouteTable {

	/** Path prefixes that belong to the node. */
	public static final Set<String> RESERVED_PREFIXES = Set.of("/api", "/ops", "/hub", "/actuator", "/admin", "/auth",
			"/rsocket");

	private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

	private static final Comparator<Route> MOST_SPECIFIC_FIRST = Comparator.comparing(Route::pattern,
			PathPattern.SPECIFICITY_COMPARATOR);

	private volatile List<Route> routes = List.of();

	/**
	 * Parses and checks a route a component asks for.
	 * @throws IllegalArgumentException when the method or pattern is invalid or reserved
	 */
	public static Route parse(Deployment deployment, String method, String pattern, Access access,
			HttpHandler handler) {
		String upperMethod = (method != null) ? method.toUpperCase(Locale.ROOT) : "";
		if (!METHODS.contains(upperMethod)) {
			throw new IllegalArgumentException("Invalid HTTP method '" + method + "' for route '" + pattern
					+ "': expected one of " + METHODS.stream().sorted().toList());
		}
		if (pattern == null || !pattern.startsWith("/")) {
			throw new IllegalArgumentException("Invalid path pattern '" + pattern + "': expected a path starting with '/'");
		}
		for (String reserved : RESERVED_PREFIXES) {
			if (pattern.equals(reserved) || pattern.startsWith(reserved + "/")) {
				throw new IllegalArgumentException("Path pattern '" + pattern + "' is under '" + reserved
						+ "', which belongs to the node; choose a path outside " + RESERVED_PREFIXES.stream().sorted().toList());
			}
		}
		try {
			PathPattern parsed = PathPatternParser.defaultInstance.parse(pattern);
			return new Route(deployment, upperMethod, parsed, java.util.Objects.requireNonNull(access, "'access' must not be null"), handler);
		}
		catch (PatternParseException ex) {
			throw new IllegalArgumentException("Invalid path pattern '" + pattern + "': " + ex.getMessage()
					+ "; use literal segments, {name} variables and a final **", ex);
		}
	}

	/**
	 * Checks that none of {@code candidates} is served by another component.
	 * @throws ComponentConflictException naming the route and both components
	 */
	public void checkConflicts(String component, List<Route> candidates) {
		for (Route candidate : candidates) {
			for (Route existing : this.routes) {
				if (!existing.component().equals(component) && existing.sameAs(candidate)) {
					throw new ComponentConflictException("Route " + candidate.method() + " "
							+ candidate.pattern().getPatternString() + " of component '" + component
							+ "' is already served by component '" + existing.component()
							+ "'; change the path of one of them");
				}
			}
		}
	}

	/**
	 * Replaces every route of {@code component} with {@code replacement} in one step.
	 * @throws ComponentConflictException when a route is served by another component
	 */
	public synchronized void replace(String component, List<Route> replacement) {
		checkConflicts(component, replacement);
		List<Route> next = new ArrayList<>();
		for (Route route : this.routes) {
			if (!route.component().equals(component)) {
				next.add(route);
			}
		}
		next.addAll(replacement);
		next.sort(MOST_SPECIFIC_FIRST);
		this.routes = List.copyOf(next);
	}

	/** Removes every route of {@code component}. */
	public void remove(String component) {
		replace(component, List.of());
	}

	/** Returns the most specific route matching the request, with its path variables. */
	public Optional<Match> lookup(String method, String path) {
		PathContainer container = PathContainer.parsePath(path);
		for (Route route : this.routes) {
			if (route.method().equals(method) || ("HEAD".equals(method) && "GET".equals(route.method()))) {
				PathPattern.PathMatchInfo info = route.pattern().matchAndExtract(container);
				if (info != null) {
					return Optional.of(new Match(route, info.getUriVariables()));
				}
			}
		}
		return Optional.empty();
	}

	/** Returns the routes currently served, most specific first. */
	public List<Route> routes() {
		return this.routes;
	}

	/**
	 * A component's route.
	 * @param deployment the deployed version that serves the route
	 * @param method the HTTP method in upper case
	 * @param pattern the parsed path pattern
	 * @param handler the component's handler
	 */
	public record Route(Deployment deployment, String method, PathPattern pattern, Access access, HttpHandler handler) {

		/** Returns the name of the component serving the route. */
		public String component() {
			return this.deployment.name();
		}

		boolean sameAs(Route other) {
			return this.method.equals(other.method) && shape(this.pattern).equals(shape(other.pattern));
		}

		private static String shape(PathPattern pattern) {
			return pattern.getPatternString().replaceAll("\\{[^}]*}", "{}");
		}

	}

	/**
	 * A route matching a request.
	 * @param route the route
	 * @param variables the values of the pattern's variables
	 */
	public record Match(Route route, Map<String, String> variables) {

	}

}
