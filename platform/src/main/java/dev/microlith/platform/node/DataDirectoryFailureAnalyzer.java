package dev.microlith.platform.node;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Describes a {@link DataDirectoryException} for the start-up report. */
class DataDirectoryFailureAnalyzer extends AbstractFailureAnalyzer<DataDirectoryException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DataDirectoryException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
