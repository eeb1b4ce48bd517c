package dev.microlith.platform.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebInputException;

/**
 * Problems for request bodies that the security endpoints cannot read as JSON, with a
 * detail that explains how to send them, instead of the generic messages of the codecs. It
 * comes before Spring Boot's problem details handler, which would answer first.
 */
@RestControllerAdvice(assignableTypes = { AuthController.class, SecurityOperationsController.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class JsonBodyProblems {

	@ExceptionHandler
	ProblemDetail unreadableBody(ServerWebInputException ex) {
		Throwable cause = ex.getCause();
		String reason = (cause instanceof DecodingException && cause.getCause() != null)
				? cause.getCause().getMessage() : ex.getReason();
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Invalid request body: expected a JSON object; " + firstLine(reason));
	}

	private static String firstLine(String text) {
		if (text == null) {
			return "the body is missing or empty";
		}
		int end = text.indexOf('\n');
		return (end < 0) ? text : text.substring(0, end);
	}

}
