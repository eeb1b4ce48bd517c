package dev.microlith.platform.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * Options shared by every command: where the node is and how to authenticate.
 */
class NodeOptions {

	@Option(names = { "-u", "--url" }, paramLabel = "URL", defaultValue = "${env:MICROLITH_URL:-http://127.0.0.1:8080}",
			description = "Base URL of the node (environment MICROLITH_URL; default ${DEFAULT-VALUE}).")
	String url;

	@Option(names = "--user", paramLabel = "NAME", defaultValue = "${env:MICROLITH_USER}",
			description = "User for HTTP Basic authentication (environment MICROLITH_USER).")
	String user;

	@Option(names = "--password", paramLabel = "PASSWORD", defaultValue = "${env:MICROLITH_PASSWORD}",
			description = "Password for HTTP Basic authentication (environment MICROLITH_PASSWORD).")
	String password;

	@Option(names = "--cacert", paramLabel = "FILE", defaultValue = "${env:MICROLITH_CACERT}",
			description = "PEM certificate to trust for an https URL, such as a node's self-signed one "
					+ "(environment MICROLITH_CACERT); without it the JDK's trusted authorities apply.")
	Path cacert;

	@Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:MICROLITH_TOKEN}",
			description = "Bearer token, used instead of a user and password (environment MICROLITH_TOKEN).")
	String token;

	/**
	 * Returns the node's base URL without a trailing slash.
	 * @throws CliException when the URL is not an absolute http or https URL
	 */
	URI baseUri() {
		try {
			URI uri = new URI(this.url.endsWith("/") ? this.url.substring(0, this.url.length() - 1) : this.url);
			if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
				throw new URISyntaxException(this.url, "expected http://host:port or https://host:port");
			}
			return uri;
		}
		catch (URISyntaxException ex) {
			// Without a scheme the value may be 'user:password' typed after -u as for curl, so it is not echoed.
			String describedUrl = this.url.contains("://") ? "'" + this.url + "'"
					: "(a value without http:// or https://)";
			throw new CliException("Invalid node URL " + describedUrl
					+ ": expected http://host:port or https://host:port, set with --url (-u) or MICROLITH_URL; "
					+ "the user goes in --user and the password in --password", ex);
		}
	}

}
