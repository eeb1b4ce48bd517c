package dev.microlith.sdk.rsocket;

import java.util.Optional;

/** One RSocket request, or one element of a request channel, routed to a component. */
public interface RSocketRequest {

	/** Returns the route the request named. */
	String route();

	/** Returns the value of a variable of the matched route. */
	Optional<String> routeVariable(String name);

	/** Returns the payload data; the array is a copy. */
	byte[] data();

	/**
	 * Returns the payload data read from JSON as {@code type}.
	 * @throws IllegalArgumentException when the data is not valid JSON for {@code type}
	 */
	<T> T data(Class<T> type);

}
