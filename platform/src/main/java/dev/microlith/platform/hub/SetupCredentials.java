package dev.microlith.platform.hub;

import io.netty.buffer.ByteBuf;
import io.rsocket.metadata.AuthMetadataCodec;
import io.rsocket.metadata.CompositeMetadata;
import io.rsocket.metadata.WellKnownAuthType;
import io.rsocket.metadata.WellKnownMimeType;

/**
 * The credentials in an RSocket setup frame: a {@code message/x.rsocket.authentication.v0}
 * entry of its composite metadata, with the {@code simple} (user name and password) or
 * {@code bearer} (token) authentication type.
 * @param user the user name of simple credentials, or {@code null}
 * @param password the password of simple credentials, or {@code null}
 * @param token the bearer token, or {@code null}
 */
record SetupCredentials(String user, String password, String token) {

	static final String AUTHENTICATION = WellKnownMimeType.MESSAGE_RSOCKET_AUTHENTICATION.getString();

	/**
	 * Reads the credentials of a setup frame.
	 * @return the credentials, or {@code null} when the setup carries none
	 * @throws IllegalArgumentException when the authentication entry is malformed or uses
	 * another authentication type
	 */
	static SetupCredentials read(ByteBuf metadata, String metadataMimeType) {
		if (metadata == null || !metadata.isReadable() || !RouteMetadataReader.COMPOSITE.equals(metadataMimeType)) {
			return null;
		}
		try {
			for (CompositeMetadata.Entry entry : new CompositeMetadata(metadata.slice(), false)) {
				if (AUTHENTICATION.equals(entry.getMimeType())) {
					return fromEntry(entry.getContent());
				}
			}
			return null;
		}
		catch (IllegalArgumentException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("Malformed setup metadata: expected composite metadata whose '"
					+ AUTHENTICATION + "' entry has the simple or bearer type, as AuthMetadataCodec writes it", ex);
		}
	}

	private static SetupCredentials fromEntry(ByteBuf content) {
		if (!AuthMetadataCodec.isWellKnownAuthType(content)) {
			throw new IllegalArgumentException("Unsupported authentication type in the setup metadata: expected "
					+ "'simple' (user name and password) or 'bearer' (token)");
		}
		WellKnownAuthType type = AuthMetadataCodec.readWellKnownAuthType(content);
		if (type == WellKnownAuthType.SIMPLE) {
			String user = AuthMetadataCodec.readUsername(content).toString(java.nio.charset.StandardCharsets.UTF_8);
			String password = AuthMetadataCodec.readPassword(content).toString(java.nio.charset.StandardCharsets.UTF_8);
			return new SetupCredentials(user, password, null);
		}
		if (type == WellKnownAuthType.BEARER) {
			return new SetupCredentials(null, null, new String(AuthMetadataCodec.readBearerTokenAsCharArray(content)));
		}
		throw new IllegalArgumentException("Unsupported authentication type in the setup metadata: expected "
				+ "'simple' (user name and password) or 'bearer' (token)");
	}

}
