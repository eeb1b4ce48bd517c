package dev.microlith.platform.web;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.microlith.platform.component.ComponentConflictException;
import dev.microlith.platform.component.ComponentInfo;
import dev.microlith.platform.component.ComponentNotFoundException;
import dev.microlith.platform.component.ComponentProperties;
import dev.microlith.platform.component.ComponentRuntime;
import dev.microlith.platform.component.ComponentStartException;
import dev.microlith.platform.component.InvalidComponentException;

/**
 * The operations API for components: list, inspect, deploy and undeploy.
 * <p>
 * A deploy returns once the outcome is known: 201 with the component in state
 * {@code ACTIVE}, or a problem that says why it failed. A failed deploy leaves no file
 * behind, and a failed redeploy leaves the previous version serving.
 */
@RestController
@RequestMapping("/ops/components")
public class ComponentOpsController {

	private static final Logger logger = LoggerFactory.getLogger(ComponentOpsController.class);

	private final ComponentRuntime runtime;

	private final long maxUploadBytes;

	public ComponentOpsController(ComponentRuntime runtime, ComponentProperties properties) {
		this.runtime = runtime;
		this.maxUploadBytes = properties.getMaxUploadSize().toBytes();
	}

	@GetMapping
	List<ComponentInfo> list() {
		return this.runtime.components();
	}

	@GetMapping("/{name}")
	ComponentInfo get(@PathVariable String name) {
		return this.runtime.component(name)
			.orElseThrow(() -> new ComponentNotFoundException(
					"No component named '" + name + "' is deployed; GET /ops/components lists them"));
	}

	/** Deploys a jar sent as the request body ({@code application/java-archive} or octet stream). */
	@PostMapping(consumes = { "application/java-archive", "application/x-java-archive",
			"application/octet-stream" })
	Mono<ResponseEntity<ComponentInfo>> deployJar(@RequestBody Flux<DataBuffer> body) {
		return deploy(body);
	}

	/** Deploys the first file part of a multipart form. */
	@PostMapping(consumes = "multipart/form-data")
	Mono<ResponseEntity<ComponentInfo>> deployMultipart(@RequestBody Mono<MultiValueMap<String, Part>> parts) {
		return parts.flatMap(map -> {
			FilePart file = map.values().stream().flatMap(List::stream)
				.filter(FilePart.class::isInstance)
				.map(FilePart.class::cast)
				.findFirst()
				.orElseThrow(() -> new InvalidComponentException(
						"The multipart request has no file part; send the component jar as a file"));
			return deploy(file.content());
		});
	}

	@DeleteMapping("/{name}")
	Mono<ResponseEntity<Void>> undeploy(@PathVariable String name) {
		return Mono.fromRunnable(() -> this.runtime.undeploy(name, true))
			.subscribeOn(Schedulers.boundedElastic())
			.thenReturn(ResponseEntity.noContent().build());
	}

	private Mono<ResponseEntity<ComponentInfo>> deploy(Flux<DataBuffer> content) {
		return Mono.fromCallable(() -> this.runtime.uploadDirectory().resolve(UUID.randomUUID() + ".jar"))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap(upload -> write(content, upload)
				.then(Mono.fromCallable(() -> this.runtime.deployUpload(upload)).subscribeOn(Schedulers.boundedElastic()))
				.doOnError(ex -> deleteQuietly(upload)))
			.map(info -> ResponseEntity.created(URI.create("/ops/components/" + info.name())).body(info));
	}

	private Mono<Void> write(Flux<DataBuffer> content, Path upload) {
		AtomicLong size = new AtomicLong();
		Flux<DataBuffer> limited = content.doOnNext(buffer -> {
			if (size.addAndGet(buffer.readableByteCount()) > this.maxUploadBytes) {
				DataBufferUtils.release(buffer);
				throw new UploadTooLargeException("The uploaded jar exceeds " + this.maxUploadBytes
						+ " bytes (microlith.components.max-upload-size); raise that limit or shrink the jar");
			}
		});
		return DataBufferUtils.write(limited, upload, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
	}

	private static void deleteQuietly(Path upload) {
		try {
			Files.deleteIfExists(upload);
		}
		catch (IOException ex) {
			logger.warn("Failed to delete uploaded jar {}", upload, ex);
		}
	}

	@ExceptionHandler
	ProblemDetail invalid(InvalidComponentException ex) {
		return problem(HttpStatus.BAD_REQUEST, ex);
	}

	@ExceptionHandler
	ProblemDetail conflict(ComponentConflictException ex) {
		return problem(HttpStatus.CONFLICT, ex);
	}

	@ExceptionHandler
	ProblemDetail startFailed(ComponentStartException ex) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, ex);
	}

	@ExceptionHandler
	ProblemDetail notFound(ComponentNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, ex);
	}

	@ExceptionHandler
	ProblemDetail tooLarge(UploadTooLargeException ex) {
		return problem(HttpStatus.CONTENT_TOO_LARGE, ex);
	}

	private static ProblemDetail problem(HttpStatus status, RuntimeException ex) {
		logger.info("Component operation rejected with {}: {}", status.value(), ex.getMessage());
		return ProblemDetail.forStatusAndDetail(status, ex.getMessage());
	}

	/** Thrown when an uploaded jar exceeds the configured maximum size. */
	static class UploadTooLargeException extends RuntimeException {

		UploadTooLargeException(String message) {
			super(message);
		}

	}

}
