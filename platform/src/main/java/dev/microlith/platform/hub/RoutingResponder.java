package dev.microlith.platform.hub;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import dev.microlith.platform.hub.DefaultRSocketRouteRegistry.RouteMatch;
import dev.microlith.platform.hub.RSocketRouteRegistry.RouteHandler;
import dev.microlith.platform.security.AccessPolicy;
import dev.microlith.platform.security.Caller;
import dev.microlith.platform.security.NotPermittedException;
import dev.microlith.sdk.hub.SubscriberOverflowException;
import dev.microlith.sdk.rsocket.RSocketRequest;
import dev.microlith.sdk.table.TableException;
import io.rsocket.Payload;
import io.rsocket.RSocket;
import io.rsocket.exceptions.ApplicationErrorException;
import io.rsocket.RSocketErrorException;
import io.rsocket.util.DefaultPayload;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * The responder of one RSocket connection: reads each request's route, calls the
 * registered handler and writes its values in the connection's {@link DataFormat}.
 * <p>
 * Every failure becomes an {@code APPLICATION_ERROR} frame on that request only, so the
 * connection stays usable. Client mistakes (unknown route, bad metadata, invalid or too
 * large data, an {@link IllegalArgumentException} from a handler) are reported with
 * their own message. Any other handler failure is logged with a random error id, and
 * only that id is sent to the client.
 */
final class RoutingResponder implements RSocket {

	private static final Logger logger = LoggerFactory.getLogger(RoutingResponder.class);

	private final DefaultRSocketRouteRegistry registry;

	private final ObjectMapper mapper;

	private final DataFormat format;

	private final String metadataMimeType;

	private final String dataMimeTypeError;

	private final int maxPayloadBytes;

	private final RSocketRouter.FailureCounters failures;

	private final Caller caller;

	private final AccessPolicy policy;

	/**
	 * Creates the responder of one connection.
	 * @param format the connection's data format, or {@code null} when it is unsupported
	 * @param dataMimeTypeError the error every request gets because the connection's data
	 * MIME type is unsupported, or {@code null}
	 */
	RoutingResponder(DefaultRSocketRouteRegistry registry, ObjectMapper mapper, DataFormat format,
			String metadataMimeType, String dataMimeTypeError, int maxPayloadBytes,
			RSocketRouter.FailureCounters failures, Caller caller, AccessPolicy policy) {
		this.caller = caller;
		this.policy = policy;
		this.registry = registry;
		this.mapper = mapper;
		this.format = format;
		this.metadataMimeType = metadataMimeType;
		this.dataMimeTypeError = dataMimeTypeError;
		this.maxPayloadBytes = maxPayloadBytes;
		this.failures = failures;
	}

	/**
	 * Serves a fire-and-forget request on a fire-and-forget route, or on a request-response
	 * route whose response is then discarded. Failures can only be logged.
	 */
	@Override
	public Mono<Void> fireAndForget(Payload payload) {
		RoutedRequest request;
		try {
			request = route(InboundPayload.copyAndRelease(payload));
		}
		catch (RuntimeException ex) {
			toErrorFrame(ex, null);
			return Mono.empty();
		}
		RouteHandler handler = request.match().handler();
		Mono<?> result;
		if (handler instanceof RouteHandler.FireAndForget fireAndForget) {
			result = invoke(() -> fireAndForget.handler().apply(request), request);
		}
		else if (handler instanceof RouteHandler.RequestResponse requestResponse) {
			result = invoke(() -> requestResponse.handler().apply(request), request);
		}
		else {
			toErrorFrame(new UnsupportedInteractionException("Route '" + request.route()
					+ "' does not serve fire-and-forget: it is a " + interactionName(handler) + " route"), request);
			return Mono.empty();
		}
		return result.then().onErrorResume((ex) -> {
			toErrorFrame(ex, request);
			return Mono.empty();
		});
	}

	@Override
	public Mono<Payload> requestResponse(Payload payload) {
		try {
			RoutedRequest request = route(InboundPayload.copyAndRelease(payload));
			RouteHandler.RequestResponse handler = handler(request, RouteHandler.RequestResponse.class,
					"request-response");
			return invoke(() -> handler.handler().apply(request), request).map(this::encode)
				.onErrorMap((ex) -> toErrorFrame(ex, request));
		}
		catch (RuntimeException ex) {
			return Mono.error(toErrorFrame(ex, null));
		}
	}

	@Override
	public Flux<Payload> requestStream(Payload payload) {
		try {
			RoutedRequest request = route(InboundPayload.copyAndRelease(payload));
			RouteHandler.RequestStream handler = handler(request, RouteHandler.RequestStream.class, "request-stream");
			return invokeMany(() -> handler.handler().apply(request), request).map(this::encode)
				.onErrorMap((ex) -> toErrorFrame(ex, request));
		}
		catch (RuntimeException ex) {
			return Flux.error(toErrorFrame(ex, null));
		}
	}

	@Override
	public Flux<Payload> requestChannel(Publisher<Payload> payloads) {
		return Flux.from(payloads).map(InboundPayload::copyAndRelease).switchOnFirst((signal, all) -> {
			if (!signal.hasValue()) {
				return all.thenMany(Flux.empty());
			}
			RoutedRequest first;
			RouteHandler.RequestChannel handler;
			try {
				first = route(signal.get());
				handler = handler(first, RouteHandler.RequestChannel.class, "request-channel");
			}
			catch (RuntimeException ex) {
				return Flux.error(toErrorFrame(ex, null));
			}
			Flux<RSocketRequest> following = all.skip(1).map((next) -> follow(first, next));
			return invokeMany(() -> handler.handler().apply(first, following), first).map(this::encode)
				.onErrorMap((ex) -> toErrorFrame(ex, first));
		});
	}

	@Override
	public Mono<Void> metadataPush(Payload payload) {
		payload.release();
		return Mono.error(new UnsupportedInteractionException("Metadata push is not supported by the node"));
	}

	private RoutedRequest route(InboundPayload payload) {
		if (this.dataMimeTypeError != null) {
			throw new UnsupportedMimeTypeException(this.dataMimeTypeError);
		}
		String route = RouteMetadataReader.readRoute(payload.metadata(), this.metadataMimeType);
		RouteMatch match = this.registry.find(route);
		if (match == null) {
			throw new RouteNotFoundException("No RSocket route '" + route
					+ "': check the route name; the node serves 'hub.publish.{topic}', 'hub.subscribe.{topic}' and the routes of deployed components");
		}
		try {
			this.policy.check(this.caller, match.requirement());
		}
		catch (NotPermittedException ex) {
			if (!ex.authenticationRequired()) {
				throw ex;
			}
			throw new NotPermittedException(ex.getMessage() + "; authenticate the connection with simple (user name "
					+ "and password) or bearer (token) authentication metadata in its setup frame", true);
		}
		checkSize(route, payload.data());
		return new RoutedRequest(route, match, this.format.toJson(payload.data(), route), this.mapper);
	}

	private RoutedRequest follow(RoutedRequest first, InboundPayload next) {
		checkSize(first.route(), next.data());
		return first.withData(this.format.toJson(next.data(), first.route()));
	}

	private void checkSize(String route, byte[] data) {
		if (data.length > this.maxPayloadBytes) {
			throw new PayloadTooLargeException("Payload of " + data.length + " bytes for route '" + route
					+ "' is over the maximum of " + this.maxPayloadBytes
					+ " bytes (microlith.hub.max-payload-size); send smaller payloads or raise the limit");
		}
	}

	private static <H extends RouteHandler> H handler(RoutedRequest request, Class<H> type, String interaction) {
		RouteHandler handler = request.match().handler();
		if (!type.isInstance(handler)) {
			throw new UnsupportedInteractionException("Route '" + request.route() + "' does not serve " + interaction
					+ ": it is a " + interactionName(handler) + " route");
		}
		return type.cast(handler);
	}

	private static String interactionName(RouteHandler handler) {
		if (handler instanceof RouteHandler.RequestResponse) {
			return "request-response";
		}
		if (handler instanceof RouteHandler.RequestStream) {
			return "request-stream";
		}
		return (handler instanceof RouteHandler.RequestChannel) ? "request-channel" : "fire-and-forget";
	}

	private static <T> Mono<T> invoke(Supplier<Mono<T>> call, RoutedRequest request) {
		try {
			Mono<T> result = call.get();
			return (result != null) ? result : Mono.error(new IllegalStateException(
					"Handler of route '" + request.match().pattern() + "' returned null instead of a Mono"));
		}
		catch (Exception | LinkageError ex) {
			return Mono.error(ex);
		}
	}

	private static <T> Flux<T> invokeMany(Supplier<Flux<T>> call, RoutedRequest request) {
		try {
			Flux<T> result = call.get();
			return (result != null) ? result : Flux.error(new IllegalStateException(
					"Handler of route '" + request.match().pattern() + "' returned null instead of a Flux"));
		}
		catch (Exception | LinkageError ex) {
			return Flux.error(ex);
		}
	}

	private Payload encode(Object value) {
		return DefaultPayload.create(this.format.encode(value));
	}

	private Throwable toErrorFrame(Throwable ex, RoutedRequest request) {
		if (ex instanceof RSocketErrorException || isClientError(ex)) {
			this.failures.rejected().increment();
			logger.debug("Rejected RSocket request: {}", ex.getMessage());
			return (ex instanceof RSocketErrorException) ? ex : new ApplicationErrorException(ex.getMessage());
		}
		this.failures.failed().increment();
		String errorId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
		String route = (request != null) ? request.route() : "?";
		String owner = (request != null) ? request.match().owner() : "?";
		logger.error("RSocket route '{}' of '{}' failed, error id '{}'", route, owner, errorId, ex);
		return new ApplicationErrorException("Route '" + route + "' failed with an internal error; error id '"
				+ errorId + "' identifies it in the node log");
	}

	private static boolean isClientError(Throwable ex) {
		return ex instanceof IllegalArgumentException || ex instanceof RouteNotFoundException
				|| ex instanceof InvalidRoutingMetadataException || ex instanceof PayloadTooLargeException
				|| ex instanceof UnsupportedInteractionException || ex instanceof SubscriberOverflowException
				|| ex instanceof UnsupportedMimeTypeException || ex instanceof TableException
				|| ex instanceof NotPermittedException;
	}

}
