package dev.microlith.platform.hub;

import java.util.Optional;

import dev.microlith.platform.hub.DefaultRSocketRouteRegistry.RouteMatch;
import dev.microlith.sdk.rsocket.RSocketRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/** An {@link RSocketRequest} whose data was copied out of the RSocket frame. */
final class RoutedRequest implements RSocketRequest {

	private final String route;

	private final RouteMatch match;

	private final byte[] data;

	private final ObjectMapper mapper;

	RoutedRequest(String route, RouteMatch match, byte[] data, ObjectMapper mapper) {
		this.route = route;
		this.match = match;
		this.data = data;
		this.mapper = mapper;
	}

	/** Returns a request on the same route with other data, for the elements of a channel. */
	RoutedRequest withData(byte[] data) {
		return new RoutedRequest(this.route, this.match, data, this.mapper);
	}

	/** Returns the route match that selected the handler. */
	RouteMatch match() {
		return this.match;
	}

	@Override
	public String route() {
		return this.route;
	}

	@Override
	public Optional<String> routeVariable(String name) {
		return Optional.ofNullable(this.match.variables().get(name));
	}

	@Override
	public byte[] data() {
		return this.data.clone();
	}

	/** Returns the data without copying it; callers must not modify the array. */
	byte[] dataUnsafe() {
		return this.data;
	}

	@Override
	public <T> T data(Class<T> type) {
		try {
			return this.mapper.readValue(this.data, type);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Invalid JSON payload for route '" + this.route + "': expected "
					+ type.getSimpleName() + ", " + ex.getOriginalMessage(), ex);
		}
	}

}
