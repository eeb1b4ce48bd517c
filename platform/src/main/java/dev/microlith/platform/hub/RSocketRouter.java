package dev.microlith.platform.hub;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rsocket.ConnectionSetupPayload;
import io.rsocket.RSocket;
import io.rsocket.SocketAcceptor;
import io.rsocket.exceptions.RejectedSetupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.cbor.CBORMapper;

import dev.microlith.platform.security.AccessPolicy;
import dev.microlith.platform.security.AuthenticationFailedException;
import dev.microlith.platform.security.Authenticator;
import dev.microlith.platform.security.Caller;
import dev.microlith.platform.security.LoginThrottledException;

/**
 * Accepts RSocket connections on the node's TCP and WebSocket endpoints and routes their
 * requests to the handlers of a {@link DefaultRSocketRouteRegistry}.
 * <p>
 * A connection must declare composite or routing metadata as its metadata MIME type, or
 * its setup is rejected with a {@code REJECTED_SETUP} error that names the expected
 * types. Its data MIME type is {@code application/json} or {@code application/cbor}. A
 * connection with another data MIME type is accepted, but each of its requests fails with
 * an error that names the type and the fix, because clients such as
 * {@code RSocketRequester} report that error more clearly than a rejected setup.
 * <p>
 * A connection authenticates in its setup metadata with the standard simple (user name
 * and password) or bearer (token) authentication entry; wrong credentials reject the
 * setup. A connection without credentials is anonymous. Each request is then checked
 * against its route's requirement for the connection's caller. Thread-safe.
 */
public class RSocketRouter implements SocketAcceptor {

	private static final Logger logger = LoggerFactory.getLogger(RSocketRouter.class);

	private final DefaultRSocketRouteRegistry registry;

	private final ObjectMapper mapper;

	private final int maxPayloadBytes;

	private final ObjectMapper cborMapper = CBORMapper.builder().build();

	private final AtomicInteger connections = new AtomicInteger();

	private final FailureCounters failures;

	private final Authenticator authenticator;

	private final AccessPolicy policy;

	/**
	 * Creates a router.
	 * @param registry the routes to serve
	 * @param mapper reads request data and writes response data as JSON
	 * @param meters where the {@code microlith.rsocket.connections} gauge and the
	 * {@code microlith.rsocket.requests.errors} counters are registered
	 * @param maxPayloadBytes the largest request data accepted, in bytes
	 * @param authenticator checks the credentials of a connection's setup
	 * @param policy decides whether a connection's caller may make a request
	 */
	public RSocketRouter(DefaultRSocketRouteRegistry registry, ObjectMapper mapper, MeterRegistry meters,
			int maxPayloadBytes, Authenticator authenticator, AccessPolicy policy) {
		this.authenticator = authenticator;
		this.policy = policy;
		this.registry = registry;
		this.mapper = mapper;
		this.maxPayloadBytes = maxPayloadBytes;
		Gauge.builder("microlith.rsocket.connections", this.connections, AtomicInteger::get)
			.description("Open RSocket connections, over TCP and WebSocket")
			.register(meters);
		this.failures = new FailureCounters(errorCounter(meters, "rejected"), errorCounter(meters, "failed"));
	}

	@Override
	public Mono<RSocket> accept(ConnectionSetupPayload setup, RSocket sendingSocket) {
		String metadataMimeType = setup.metadataMimeType();
		if (!RouteMetadataReader.COMPOSITE.equals(metadataMimeType)
				&& !RouteMetadataReader.ROUTING.equals(metadataMimeType)) {
			return reject("Unsupported metadata MIME type '" + metadataMimeType + "': expected '"
					+ RouteMetadataReader.COMPOSITE + "' (RSocketRequester's default) or '" + RouteMetadataReader.ROUTING + "'");
		}
		SetupCredentials credentials;
		try {
			credentials = SetupCredentials.read(setup.metadata(), metadataMimeType);
		}
		catch (IllegalArgumentException ex) {
			return reject(ex.getMessage());
		}
		Mono<Caller> caller = (credentials == null) ? Mono.just(Caller.ANONYMOUS)
				: (credentials.token() != null) ? this.authenticator.token(credentials.token(), null)
						: this.authenticator.password(credentials.user(), credentials.password(), null);
		return caller.onErrorMap((ex) -> ex instanceof AuthenticationFailedException || ex instanceof LoginThrottledException,
				(ex) -> new RejectedSetupException(ex.getMessage()))
			.map((authenticated) -> accepted(authenticated, setup, sendingSocket, metadataMimeType));
	}

	private RSocket accepted(Caller caller, ConnectionSetupPayload setup, RSocket sendingSocket,
			String metadataMimeType) {
		String dataMimeType = setup.dataMimeType();
		int open = this.connections.incrementAndGet();
		logger.debug("Accepted RSocket connection, {} open", open);
		sendingSocket.onClose().doFinally((signal) -> this.connections.decrementAndGet()).subscribe();
		DataFormat format = null;
		String dataMimeTypeError = null;
		if (dataMimeType != null && dataMimeType.startsWith(DataFormat.JSON)) {
			format = DataFormat.json(this.mapper);
		}
		else if (DataFormat.CBOR.equals(dataMimeType)) {
			format = DataFormat.cbor(this.mapper, this.cborMapper);
		}
		else {
			dataMimeTypeError = "Unsupported data MIME type '" + dataMimeType + "' of this connection: expected '"
					+ DataFormat.JSON + "' or '" + DataFormat.CBOR
					+ "'; connect with RSocketRequester.builder().dataMimeType(MediaType.APPLICATION_JSON)";
		}
		return new RoutingResponder(this.registry, this.mapper, format, metadataMimeType, dataMimeTypeError,
				this.maxPayloadBytes, this.failures, caller, this.policy);
	}

	/** Returns the number of open connections. */
	public int connectionCount() {
		return this.connections.get();
	}

	private static Counter errorCounter(MeterRegistry meters, String outcome) {
		return Counter.builder("microlith.rsocket.requests.errors")
			.description("RSocket requests answered with an error: 'rejected' as invalid, or 'failed' in their handler")
			.tag("outcome", outcome)
			.register(meters);
	}

	private static Mono<RSocket> reject(String message) {
		logger.debug("Rejected RSocket setup: {}", message);
		return Mono.error(new RejectedSetupException(message));
	}

	/** Counters of requests that ended in an error frame, by whose fault. */
	record FailureCounters(Counter rejected, Counter failed) {
	}

}
