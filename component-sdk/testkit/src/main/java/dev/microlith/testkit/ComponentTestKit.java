package dev.microlith.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.FileSystemUtils;

import dev.microlith.platform.MicrolithApplication;
import dev.microlith.platform.component.ComponentDescriptor;
import dev.microlith.platform.component.ComponentDescriptorReader;
import dev.microlith.platform.component.ComponentInfo;
import dev.microlith.platform.component.ComponentRuntime;
import dev.microlith.platform.component.ComponentState;
import dev.microlith.platform.hub.DefaultRSocketRouteRegistry;
import dev.microlith.platform.hub.RSocketRouteRegistry.RouteHandler;
import dev.microlith.sdk.ComponentDescriptorLocation;
import dev.microlith.sdk.rsocket.RSocketRequest;

/**
 * Runs one component in a node started in the test's JVM, and calls its HTTP and RSocket
 * routes without a network.
 * <p>
 * The node is a real one: tables in MapDB files, caches, the hub, the component runtime
 * with its own class loader for the component. Its data lives in a temporary directory
 * that {@link #close()} deletes. HTTP calls go through the node's whole WebFlux stack in
 * memory ({@link WebTestClient}); RSocket calls go to the route's handler through the
 * component runtime, with JSON payloads as a client would send them. The node still
 * binds its HTTP and RSocket servers, to free loopback ports that the kit does not use.
 * <pre>{@code
 * try (ComponentTestKit kit = ComponentTestKit.start()) {
 *     kit.http().get().uri("/hello/ann").exchange().expectStatus().isOk();
 *     String reply = kit.requestResponse("hello.greet", Map.of("name", "Bob"));
 * }
 * }</pre>
 */
public final class ComponentTestKit implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ComponentTestKit.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Path work;

	private final ConfigurableApplicationContext node;

	private final ComponentDescriptor descriptor;

	private final WebTestClient http;

	private ComponentTestKit(Path work, ConfigurableApplicationContext node, ComponentDescriptor descriptor) {
		this.work = work;
		this.node = node;
		this.descriptor = descriptor;
		this.http = WebTestClient.bindToApplicationContext(node).configureClient().responseTimeout(TIMEOUT).build();
	}

	/** Starts the component compiled to {@code target/classes}, with no configuration. */
	public static ComponentTestKit start() {
		return start(Path.of("target", "classes"), Map.of());
	}

	/**
	 * Starts a component from its compiled classes and resources.
	 * @param classes a directory with the component's classes and its descriptor, such as
	 * {@code target/classes}
	 * @param config the component's configuration, keys without the
	 * {@code microlith.component-config.<name>.} prefix
	 * @throws IllegalStateException when the component does not become {@code ACTIVE}; the
	 * message is the component's last error
	 */
	public static ComponentTestKit start(Path classes, Map<String, String> config) {
		ComponentDescriptor descriptor = readDescriptor(classes);
		Path work = createWorkDirectory();
		ConfigurableApplicationContext node = null;
		try {
			pack(classes, work.resolve("deploy").resolve(descriptor.name() + ".jar"));
			node = startNode(work, descriptor.name(), config);
			ComponentTestKit kit = new ComponentTestKit(work, node, descriptor);
			kit.requireActive();
			return kit;
		}
		catch (RuntimeException ex) {
			if (node != null) {
				node.close();
			}
			deleteQuietly(work);
			throw ex;
		}
	}

	/** Returns the component's name. */
	public String name() {
		return this.descriptor.name();
	}

	/** Returns what the node reports about the component: state, version, last error. */
	public ComponentInfo info() {
		return runtime().component(name())
			.orElseThrow(() -> new IllegalStateException("Component '" + name() + "' is not deployed"));
	}

	/** Returns a client for the node's HTTP routes, the component's among them, called in memory. */
	public WebTestClient http() {
		return this.http;
	}

	/**
	 * Sends a request-response request and returns the reply as JSON.
	 * @param payload the request data, sent as JSON; a {@code String} is sent as a JSON string
	 */
	public String requestResponse(String route, Object payload) {
		RouteHandler.RequestResponse handler = handler(route, RouteHandler.RequestResponse.class);
		Object reply = Mono.from(handler.handler().apply(request(route, payload))).block(TIMEOUT);
		return JSON.writeValueAsString(reply);
	}

	/** Sends a request-stream request and returns the first {@code count} replies as JSON. */
	public List<String> requestStream(String route, Object payload, int count) {
		RouteHandler.RequestStream handler = handler(route, RouteHandler.RequestStream.class);
		List<?> replies = Flux.from(handler.handler().apply(request(route, payload)))
			.take(count)
			.collectList()
			.block(TIMEOUT);
		return replies.stream().map(JSON::writeValueAsString).toList();
	}

	/** Sends a fire-and-forget request and waits until the handler completes. */
	public void fireAndForget(String route, Object payload) {
		RouteHandler.FireAndForget handler = handler(route, RouteHandler.FireAndForget.class);
		Mono.from(handler.handler().apply(request(route, payload))).block(TIMEOUT);
	}

	/** Returns a bean of the node, such as its {@code dev.microlith.sdk.hub.Hub}. */
	public <T> T bean(Class<T> type) {
		return this.node.getBean(type);
	}

	/** Stops the node and deletes its files. */
	@Override
	public void close() {
		this.node.close();
		deleteQuietly(this.work);
	}

	private void requireActive() {
		ComponentInfo info = info();
		if (info.state() != ComponentState.ACTIVE) {
			throw new IllegalStateException("Component '" + name() + "' is " + info.state() + ": " + info.lastError());
		}
	}

	private ComponentRuntime runtime() {
		return this.node.getBean(ComponentRuntime.class);
	}

	private <H extends RouteHandler> H handler(String route, Class<H> kind) {
		DefaultRSocketRouteRegistry.RouteMatch match = this.node.getBean(DefaultRSocketRouteRegistry.class).find(route);
		if (match == null) {
			throw new IllegalArgumentException("No RSocket route matches '" + route + "'");
		}
		if (!kind.isInstance(match.handler())) {
			throw new IllegalArgumentException("RSocket route '" + route + "' is a "
					+ match.handler().getClass().getSimpleName() + " route, not a " + kind.getSimpleName() + " route");
		}
		return kind.cast(match.handler());
	}

	private RSocketRequest request(String route, Object payload) {
		DefaultRSocketRouteRegistry.RouteMatch match = this.node.getBean(DefaultRSocketRouteRegistry.class).find(route);
		byte[] data = JSON.writeValueAsBytes(payload);
		return new RSocketRequest() {

			@Override
			public String route() {
				return route;
			}

			@Override
			public Optional<String> routeVariable(String name) {
				return Optional.ofNullable(match.variables().get(name));
			}

			@Override
			public byte[] data() {
				return data.clone();
			}

			@Override
			public <T> T data(Class<T> type) {
				return JSON.readValue(data, type);
			}

		};
	}

	private static ConfigurableApplicationContext startNode(Path work, String name, Map<String, String> config) {
		// Passed as arguments, which override the node's application.properties (8080 and 7000).
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
				"--spring.rsocket.server.port=0",
				"--spring.rsocket.server.address=127.0.0.1", "--spring.main.banner-mode=off",
				"--microlith.data-dir=" + work.resolve("data"), "--microlith.components.dir=" + work.resolve("deploy")));
		config.forEach((key, value) -> arguments.add("--microlith.component-config." + name + "." + key + "=" + value));
		return new SpringApplicationBuilder(MicrolithApplication.class).run(arguments.toArray(String[]::new));
	}

	private static ComponentDescriptor readDescriptor(Path classes) {
		Path descriptor = classes.resolve(ComponentDescriptorLocation.PATH);
		try {
			return new ComponentDescriptorReader().read(Files.readAllBytes(descriptor), descriptor.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to read the component descriptor " + descriptor.toAbsolutePath()
					+ "; build the component first (mvn test compiles it)", ex);
		}
	}

	/** Packs the directory into a plain jar, as the component's build would. */
	private static void pack(Path classes, Path jar) {
		try (Stream<Path> files = Files.walk(classes)) {
			Files.createDirectories(jar.getParent());
			try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
				for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
					zip.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
					Files.copy(file, zip);
					zip.closeEntry();
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to pack " + classes.toAbsolutePath() + " into " + jar, ex);
		}
	}

	private static Path createWorkDirectory() {
		try {
			return Files.createTempDirectory("microlith-testkit");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to create a temporary directory for the test node", ex);
		}
	}

	private static void deleteQuietly(Path directory) {
		try {
			FileSystemUtils.deleteRecursively(directory);
		}
		catch (IOException ex) {
			logger.warn("Failed to delete the test node's directory {}", directory, ex);
		}
	}

}
