package dev.microlith.platform.testing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.rsocket.metadata.AuthMetadataCodec;
import io.rsocket.metadata.WellKnownMimeType;

import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.util.MimeType;

/**
 * The administrator that the test configuration creates
 * ({@code microlith.admin-password} in {@code config/application.properties}), and the
 * ways tests present its credentials over HTTP and RSocket.
 */
public final class TestCredentials {

	public static final String ADMIN = "admin";

	public static final String ADMIN_PASSWORD = "test-admin-password";

	/** The MIME type of RSocket authentication metadata. */
	public static final MimeType AUTHENTICATION = MimeType
		.valueOf(WellKnownMimeType.MESSAGE_RSOCKET_AUTHENTICATION.getString());

	private TestCredentials() {
	}

	/** Returns the value of an {@code Authorization} header for the administrator. */
	public static String adminBasic() {
		return basic(ADMIN, ADMIN_PASSWORD);
	}

	/** Returns the value of an HTTP Basic {@code Authorization} header. */
	public static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/** Returns RSocket authentication metadata with the simple type. */
	public static byte[] simpleAuthentication(String user, String password) {
		ByteBuf buffer = AuthMetadataCodec.encodeSimpleMetadata(ByteBufAllocator.DEFAULT, user.toCharArray(),
				password.toCharArray());
		try {
			return ByteBufUtil.getBytes(buffer);
		}
		finally {
			buffer.release();
		}
	}

	/** Returns RSocket authentication metadata with the bearer type. */
	public static byte[] bearerAuthentication(String token) {
		ByteBuf buffer = AuthMetadataCodec.encodeBearerMetadata(ByteBufAllocator.DEFAULT, token.toCharArray());
		try {
			return ByteBufUtil.getBytes(buffer);
		}
		finally {
			buffer.release();
		}
	}

	/** Returns CLI arguments: {@code args}, then the URL of a node on {@code port} and the administrator's credentials. */
	public static String[] cliArguments(int port, String... args) {
		String[] all = Arrays.copyOf(args, args.length + 6);
		System.arraycopy(new String[] { "--url", "http://127.0.0.1:" + port, "--user", ADMIN, "--password",
				ADMIN_PASSWORD }, 0, all, args.length, 6);
		return all;
	}

	/** Adds the administrator's credentials to the setup of requesters built by {@code builder}. */
	public static RSocketRequester.Builder asAdmin(RSocketRequester.Builder builder) {
		return builder.setupMetadata(simpleAuthentication(ADMIN, ADMIN_PASSWORD), AUTHENTICATION);
	}

}
