package dev.microlith.platform.web;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.reactive.handler.AbstractHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;

import dev.microlith.platform.component.Deployment;
import dev.microlith.platform.component.HttpRouteTable;
import dev.microlith.sdk.http.HttpResponse;
import dev.microlith.sdk.http.HttpStatusException;

/**
 * Routes requests to components' HTTP handlers. It runs after the node's own handler
 * mappings, and never matches the node's reserved paths.
 * <p>
 * A handler's exception or error signal becomes a 500 problem response whose
 * {@code errorId} is logged with the component's name; an {@link HttpStatusException}
 * becomes a problem response with its status.
 */
public class ComponentRouter extends AbstractHandlerMapping {

	private static final Logger logger = LoggerFactory.getLogger(ComponentRouter.class);

	private static final String MDC_KEY = "component";

	private final HttpRouteTable routes;

	private final int maxBodyBytes;

	public ComponentRouter(HttpRouteTable routes, int maxBodyBytes) {
		this.routes = routes;
		this.maxBodyBytes = maxBodyBytes;
		setOrder(Ordered.LOWEST_PRECEDENCE - 10);
	}

	@Override
	protected Mono<?> getHandlerInternal(ServerWebExchange exchange) {
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		if (isReserved(path)) {
			return Mono.empty();
		}
		String method = exchange.getRequest().getMethod().name();
		return Mono.justOrEmpty(this.routes.lookup(method, path)).map(match -> (WebHandler) ex -> handle(ex, match));
	}

	private static boolean isReserved(String path) {
		for (String prefix : HttpRouteTable.RESERVED_PREFIXES) {
			if (path.equals(prefix) || path.startsWith(prefix + "/")) {
				return true;
			}
		}
		return false;
	}

	private Mono<Void> handle(ServerWebExchange exchange, HttpRouteTable.Match first) {
		HttpRouteTable.Match match = enter(exchange, first);
		if (match == null) {
			return ProblemResponses.write(exchange.getResponse(), 503,
					"Component '" + first.route().component() + "' is being replaced or stopped; retry", Map.of());
		}
		Deployment deployment = match.route().deployment();
		ComponentHttpRequest request = new ComponentHttpRequest(exchange.getRequest(), match.variables(),
				deployment.json(), this.maxBodyBytes);
		return invoke(match.route(), request)
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("the handler completed without a response")))
			.flatMap(response -> ComponentResponses.write(exchange, response, deployment))
			.onErrorResume(ex -> writeError(exchange, deployment.name(), ex))
			.doFinally(signal -> deployment.exit());
	}

	/** Counts the request into the matched deployment; if it was just replaced, looks up again once. */
	private HttpRouteTable.Match enter(ServerWebExchange exchange, HttpRouteTable.Match match) {
		if (match.route().deployment().tryEnter()) {
			return match;
		}
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		Optional<HttpRouteTable.Match> again = this.routes.lookup(exchange.getRequest().getMethod().name(), path);
		return again.filter(found -> found.route().deployment().tryEnter()).orElse(null);
	}

	private static Mono<HttpResponse> invoke(HttpRouteTable.Route route, ComponentHttpRequest request) {
		MDC.put(MDC_KEY, route.component());
		try {
			Mono<HttpResponse> response = route.handler().handle(request);
			return (response != null) ? response
					: Mono.error(new IllegalStateException("the handler returned null instead of a Mono"));
		}
		catch (Exception | LinkageError ex) {
			return Mono.error(ex);
		}
		finally {
			MDC.remove(MDC_KEY);
		}
	}

	private static Mono<Void> writeError(ServerWebExchange exchange, String component, Throwable error) {
		if (error instanceof HttpStatusException status) {
			int code = (status.status() >= 400 && status.status() <= 599) ? status.status() : 500;
			return ProblemResponses.write(exchange.getResponse(), code, status.getMessage(), Map.of());
		}
		String errorId = UUID.randomUUID().toString();
		MDC.put(MDC_KEY, component);
		try {
			logger.error("Handler of component '{}' failed on {} {}, error id '{}'", component,
					exchange.getRequest().getMethod(), exchange.getRequest().getPath(), errorId, error);
		}
		finally {
			MDC.remove(MDC_KEY);
		}
		return ProblemResponses.write(exchange.getResponse(), 500,
				"Component '" + component + "' failed to handle the request; quote error id " + errorId
						+ " when reporting it",
				Map.of("errorId", errorId, "component", component));
	}

}
