package dev.microlith.platform.hub;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rsocket.metadata.CompositeMetadata;
import io.rsocket.metadata.RoutingMetadata;
import io.rsocket.metadata.WellKnownMimeType;

/**
 * Reads the route of a request from its metadata: either composite metadata
 * ({@code message/x.rsocket.composite-metadata.v0}) with a
 * {@code message/x.rsocket.routing.v0} entry, as Spring's {@code RSocketRequester} sends
 * it, or bare routing metadata when the connection declared that as its metadata type.
 */
final class RouteMetadataReader {

	static final String COMPOSITE = WellKnownMimeType.MESSAGE_RSOCKET_COMPOSITE_METADATA.getString();

	static final String ROUTING = WellKnownMimeType.MESSAGE_RSOCKET_ROUTING.getString();

	private RouteMetadataReader() {
	}

	/**
	 * Returns the first route tag of {@code metadata}.
	 * @param metadataMimeType the metadata MIME type of the connection, {@link #COMPOSITE}
	 * or {@link #ROUTING}
	 * @throws InvalidRoutingMetadataException when the metadata is missing, malformed or has
	 * no route
	 */
	static String readRoute(byte[] metadata, String metadataMimeType) {
		if (metadata == null || metadata.length == 0) {
			throw new InvalidRoutingMetadataException("Missing routing metadata: expected a '" + ROUTING
					+ "' entry in '" + COMPOSITE + "' metadata naming the route, as RSocketRequester.route(...) sends it");
		}
		ByteBuf buffer = Unpooled.wrappedBuffer(metadata);
		try {
			String route = ROUTING.equals(metadataMimeType) ? firstTag(buffer) : routeFromComposite(buffer);
			if (route == null || route.isEmpty()) {
				throw new InvalidRoutingMetadataException(
						"Missing route: the request's metadata has no '" + ROUTING + "' entry with a route");
			}
			return route;
		}
		catch (RuntimeException ex) {
			if (ex instanceof InvalidRoutingMetadataException invalid) {
				throw invalid;
			}
			throw new InvalidRoutingMetadataException("Malformed routing metadata (" + metadata.length
					+ " bytes): expected '" + metadataMimeType + "' as RSocketRequester sends it, " + ex.getMessage(), ex);
		}
	}

	private static String routeFromComposite(ByteBuf buffer) {
		for (CompositeMetadata.Entry entry : new CompositeMetadata(buffer, false)) {
			if (ROUTING.equals(entry.getMimeType())) {
				return firstTag(entry.getContent());
			}
		}
		return null;
	}

	private static String firstTag(ByteBuf content) {
		for (String tag : new RoutingMetadata(content)) {
			return tag;
		}
		return null;
	}

}
