package dev.microlith.platform.web;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.microlith.sdk.table.ChangeFeedGapException;
import dev.microlith.sdk.table.DuplicateKeyException;
import dev.microlith.sdk.table.InvalidQueryException;
import dev.microlith.sdk.table.InvalidRecordException;
import dev.microlith.sdk.table.RecordNotFoundException;
import dev.microlith.sdk.table.TableException;
import dev.microlith.sdk.table.TableNotFoundException;
import dev.microlith.sdk.table.VersionConflictException;
import reactor.core.publisher.Mono;

/**
 * Maps the errors of the REST API over tables and the table operations API to RFC 9457
 * problem details. Each exception type has one HTTP status, the exception's message
 * becomes the detail, and the parameter and value at fault become properties when known.
 */
final class TableProblems {

	private static final Logger logger = LoggerFactory.getLogger(TableProblems.class);

	private TableProblems() {
	}

	/** Returns the problem response for {@code error}, raised while handling {@code request}. */
	static Mono<ServerResponse> response(Throwable error, ServerRequest request) {
		ProblemDetail problem = problem(error);
		problem.setInstance(URI.create(request.path()));
		if (problem.getStatus() >= 500) {
			logger.error("Request {} {} failed", request.method(), request.path(), error);
		}
		else {
			logger.debug("Request {} {} rejected with {}: {}", request.method(), request.path(), problem.getStatus(),
					error.getMessage());
		}
		return ServerResponse.status(problem.getStatus())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyValue(problem);
	}

	/** Returns the problem detail for {@code error}. */
	static ProblemDetail problem(Throwable error) {
		HttpStatus status = status(error);
		String detail = (status.is5xxServerError() && !(error instanceof TableException))
				? "The node failed to handle the request; its log has the details" : error.getMessage();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		if (error instanceof InvalidParameterException invalid) {
			problem.setProperty("parameter", invalid.parameter());
			problem.setProperty("value", invalid.value());
		}
		if (error instanceof ChangeFeedGapException gap) {
			problem.setProperty("firstMissedSequence", gap.firstMissedSequence());
		}
		return problem;
	}

	private static HttpStatus status(Throwable error) {
		if (error instanceof TableNotFoundException || error instanceof RecordNotFoundException
				|| error instanceof ImportJobNotFoundException) {
			return HttpStatus.NOT_FOUND;
		}
		if (error instanceof InvalidParameterException || error instanceof InvalidQueryException
				|| error instanceof InvalidRecordException || error instanceof MalformedBodyException
				|| error instanceof IllegalArgumentException) {
			return HttpStatus.BAD_REQUEST;
		}
		if (error instanceof VersionConflictException) {
			return HttpStatus.PRECONDITION_FAILED;
		}
		if (error instanceof DuplicateKeyException) {
			return HttpStatus.CONFLICT;
		}
		if (error instanceof ChangeFeedGapException) {
			return HttpStatus.GONE;
		}
		if (error instanceof RequestBodyTooLargeException) {
			return HttpStatus.CONTENT_TOO_LARGE;
		}
		if (error instanceof UnsupportedContentTypeException) {
			return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

}
