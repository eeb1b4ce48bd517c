package dev.microlith.platform.node;

import reactor.netty.ChannelBindException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.PortInUseException;

/**
 * Describes a failure to bind the RSocket TCP port, which Spring Boot reports only as a
 * stack trace. The HTTP port has Spring Boot's own analyzer, so failures that carry a
 * {@link PortInUseException} are left to it.
 */
class PortBindFailureAnalyzer extends AbstractFailureAnalyzer<ChannelBindException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ChannelBindException cause) {
		if (findCause(rootFailure, PortInUseException.class) != null) {
			return null;
		}
		int port = cause.localPort();
		String reason = (cause.getCause() != null) ? cause.getCause().getMessage() : cause.getMessage();
		return new FailureAnalysis("RSocket TCP port " + port + " on " + cause.localHost() + " could not be bound ("
				+ reason + ")",
				"Stop the process that uses port " + port
						+ ", or set spring.rsocket.server.port (environment SPRING_RSOCKET_SERVER_PORT) to a free port",
				cause);
	}

}
