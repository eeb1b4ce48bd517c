package dev.microlith.platform.node;

import java.net.BindException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.env.Environment;

/**
 * Describes a failure to bind the RSocket TCP port, which Spring Boot reports only as a
 * bare {@link BindException} without the port. The HTTP port has Spring Boot's own
 * analyzer, so failures that carry a {@link PortInUseException} are left to it.
 */
class PortBindFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

	private final Environment environment;

	PortBindFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		if (findCause(rootFailure, PortInUseException.class) != null) {
			return null;
		}
		String port = this.environment.getProperty("spring.rsocket.server.port", "7000");
		String address = this.environment.getProperty("spring.rsocket.server.address", "all addresses");
		return new FailureAnalysis(
				"RSocket TCP port " + port + " on " + address + " could not be bound: " + cause.getMessage(),
				"Stop the process that uses port " + port
						+ ", or set spring.rsocket.server.port (environment SPRING_RSOCKET_SERVER_PORT) to a free port",
				cause);
	}

}
