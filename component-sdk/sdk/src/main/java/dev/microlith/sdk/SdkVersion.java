package dev.microlith.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this SDK, in the form {@code MAJOR.MINOR}. A component whose descriptor
 * asks for a newer {@code sdkVersion} than the node's is rejected at deploy.
 */
public final class SdkVersion {

	private static final String CURRENT = load();

	private SdkVersion() {
	}

	/** Returns the version of the SDK on the class path, such as {@code 1.0}. */
	public static String current() {
		return CURRENT;
	}

	/**
	 * Tells whether a component that needs {@code required} can run on an SDK of version
	 * {@code available}: same major version and a minor version at least as high.
	 * @throws IllegalArgumentException when either version is not {@code MAJOR.MINOR}
	 */
	public static boolean satisfies(String available, String required) {
		int[] have = parse(available);
		int[] need = parse(required);
		return have[0] == need[0] && have[1] >= need[1];
	}

	private static int[] parse(String version) {
		String[] parts = (version != null) ? version.trim().split("\\.") : new String[0];
		try {
			if (parts.length == 2) {
				return new int[] { Integer.parseInt(parts[0]), Integer.parseInt(parts[1]) };
			}
		}
		catch (NumberFormatException ex) {
			// falls through to the error below, which names the expected form
		}
		throw new IllegalArgumentException("Invalid SDK version '" + version + "': expected MAJOR.MINOR, such as 1.0");
	}

	private static String load() {
		try (InputStream in = SdkVersion.class.getResourceAsStream("/META-INF/microlith/sdk.properties")) {
			if (in == null) {
				throw new IllegalStateException("The SDK jar lacks META-INF/microlith/sdk.properties; rebuild it");
			}
			Properties properties = new Properties();
			properties.load(in);
			return properties.getProperty("sdk.version");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to read META-INF/microlith/sdk.properties from the SDK jar", ex);
		}
	}

}
