package dev.microlith.platform.node;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * Reports a start-up failure that a failure analyzer recognised as one log line: what
 * failed and what to do. Spring Boot's multi-line report is switched off in
 * {@code application.properties} so that operators see each failure once.
 */
public class StartupFailureReporter implements FailureAnalysisReporter {

	private static final Logger logger = LoggerFactory.getLogger(StartupFailureReporter.class);

	@Override
	public void report(FailureAnalysis analysis) {
		String description = oneLine(analysis.getDescription());
		String action = oneLine(analysis.getAction());
		logger.error("Microlith failed to start: {} Action: {}", withStop(description), action);
	}

	private static String oneLine(String text) {
		return (text != null) ? text.strip().replaceAll("\\s*\\R\\s*", " ") : "";
	}

	private static String withStop(String sentence) {
		return (sentence.endsWith(".") || sentence.isEmpty()) ? sentence : sentence + ".";
	}

}
