package dev.microlith.platform.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.microlith.platform.component.ComponentAccess;
import dev.microlith.platform.component.HttpRouteTable;
import dev.microlith.platform.security.OperationsGroup;
import dev.microlith.platform.security.Requirement;
import dev.microlith.platform.security.TableOperation;
import dev.microlith.platform.security.TopicOperation;

/**
 * Maps each HTTP request to what it needs from its caller:
 * <ul>
 * <li>{@code /actuator/health/**}: nothing; reading the other Actuator endpoints, info
 * included: the operations group {@code monitor}; changing through them, such as clearing
 * caches: {@code deploy};</li>
 * <li>{@code /auth/**}: an authenticated caller;</li>
 * <li>{@code /ops/users}, {@code /ops/roles}, {@code /ops/tokens}, {@code /ops/audit}:
 * {@code security}; other {@code GET /ops/**}: {@code monitor}; changes to components and
 * caches: {@code deploy}; {@code POST /ops/tables/backup}: {@code data};</li>
 * <li>{@code /api/{table}...}: the table operation of the method ({@code PUT} and imports
 * need both {@code insert} and {@code update});</li>
 * <li>{@code /hub/{topic}}: {@code subscribe} for {@code GET}, {@code publish} for
 * {@code POST};</li>
 * <li>a component's route: the access rule the component declared.</li>
 * </ul>
 * Paths are matched on their decoded segments, as the routers match them.
 */
final class HttpAccessRules {

	private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

	private static final PathPattern HEALTH = PARSER.parse("/actuator/health/**");

	private static final PathPattern ACTUATOR = PARSER.parse("/actuator/**");

	private static final PathPattern AUTH = PARSER.parse("/auth/**");

	private static final List<PathPattern> SECURITY_OPS = List.of(PARSER.parse("/ops/users/**"),
			PARSER.parse("/ops/roles/**"), PARSER.parse("/ops/tokens/**"), PARSER.parse("/ops/audit/**"));

	private static final List<PathPattern> DEPLOY_OPS = List.of(PARSER.parse("/ops/components/**"),
			PARSER.parse("/ops/caches/**"));

	private static final PathPattern BACKUP = PARSER.parse("/ops/tables/backup");

	private static final PathPattern OPS = PARSER.parse("/ops/**");

	private static final PathPattern OPENAPI = PARSER.parse("/api/openapi.json");

	private static final PathPattern IMPORT = PARSER.parse("/api/{table}/import");

	private static final PathPattern RECORD = PARSER.parse("/api/{table}/{key}");

	private static final PathPattern TABLE = PARSER.parse("/api/{table}");

	private static final PathPattern TABLE_SLASH = PARSER.parse("/api/{table}/");

	private static final PathPattern API = PARSER.parse("/api/**");

	private static final PathPattern HUB = PARSER.parse("/hub/{*topic}");

	private final HttpRouteTable componentRoutes;

	HttpAccessRules(HttpRouteTable componentRoutes) {
		this.componentRoutes = componentRoutes;
	}

	/** Returns every requirement of a request; the caller must meet all of them. */
	List<Requirement> requirements(HttpMethod method, PathContainer container) {
		boolean read = method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD);
		if (method.equals(HttpMethod.OPTIONS)) {
			return List.of(Requirement.PUBLIC);
		}
		if (HEALTH.matches(container) && read) {
			return List.of(Requirement.PUBLIC);
		}
		if (ACTUATOR.matches(container)) {
			return operations(read ? OperationsGroup.MONITOR : OperationsGroup.DEPLOY);
		}
		if (AUTH.matches(container)) {
			return List.of(Requirement.AUTHENTICATED);
		}
		if (OPS.matches(container)) {
			return operations(operationsGroup(container, read));
		}
		if (OPENAPI.matches(container)) {
			return List.of(Requirement.AUTHENTICATED);
		}
		Optional<List<Requirement>> table = tableRequirements(method, container);
		if (table.isPresent()) {
			return table.get();
		}
		if (API.matches(container)) {
			return List.of(Requirement.AUTHENTICATED);
		}
		PathPattern.PathMatchInfo hub = HUB.matchAndExtract(container);
		if (hub != null) {
			String topic = hub.getUriVariables().get("topic");
			topic = topic.startsWith("/") ? topic.substring(1) : topic;
			return List.of(new Requirement.TopicAccess(topic,
					method.equals(HttpMethod.POST) ? TopicOperation.PUBLISH : TopicOperation.SUBSCRIBE));
		}
		return this.componentRoutes.lookup(method.name(), container.value())
			.map((match) -> List.of(ComponentAccess.requirement(match.route().component(), match.route().access())))
			.orElse(List.of(Requirement.PUBLIC));
	}

	private static OperationsGroup operationsGroup(PathContainer path, boolean read) {
		if (SECURITY_OPS.stream().anyMatch((pattern) -> pattern.matches(path))) {
			return OperationsGroup.SECURITY;
		}
		if (read) {
			return OperationsGroup.MONITOR;
		}
		if (DEPLOY_OPS.stream().anyMatch((pattern) -> pattern.matches(path))) {
			return OperationsGroup.DEPLOY;
		}
		if (BACKUP.matches(path)) {
			return OperationsGroup.DATA;
		}
		// A change through an operations endpoint without its own group is for administrators.
		return OperationsGroup.SECURITY;
	}

	private static Optional<List<Requirement>> tableRequirements(HttpMethod method, PathContainer path) {
		Map<String, String> variables = variables(IMPORT, path);
		if (variables != null && method.equals(HttpMethod.POST)) {
			return Optional.of(table(variables, TableOperation.INSERT, TableOperation.UPDATE));
		}
		variables = variables(RECORD, path);
		if (variables == null) {
			variables = variables(TABLE, path);
			if (variables == null) {
				variables = variables(TABLE_SLASH, path);
			}
			if (variables == null) {
				return Optional.empty();
			}
			return Optional.of(method.equals(HttpMethod.POST) ? table(variables, TableOperation.INSERT)
					: table(variables, TableOperation.READ));
		}
		if (method.equals(HttpMethod.PUT)) {
			return Optional.of(table(variables, TableOperation.INSERT, TableOperation.UPDATE));
		}
		if (method.equals(HttpMethod.PATCH)) {
			return Optional.of(table(variables, TableOperation.UPDATE));
		}
		if (method.equals(HttpMethod.DELETE)) {
			return Optional.of(table(variables, TableOperation.DELETE));
		}
		return Optional.of(table(variables, TableOperation.READ));
	}

	private static Map<String, String> variables(PathPattern pattern, PathContainer path) {
		PathPattern.PathMatchInfo info = pattern.matchAndExtract(path);
		return (info != null) ? info.getUriVariables() : null;
	}

	private static List<Requirement> table(Map<String, String> variables, TableOperation... operations) {
		String table = variables.get("table");
		return java.util.Arrays.stream(operations)
			.map((operation) -> (Requirement) new Requirement.TableAccess(table, operation))
			.toList();
	}

	private static List<Requirement> operations(OperationsGroup group) {
		return List.of(new Requirement.Operations(group));
	}

}
