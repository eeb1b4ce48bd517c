package dev.microlith.platform.component;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ComponentRuntimeTests {

	@TempDir
	Path temp;

	private final HttpRouteTable routes = new HttpRouteTable();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final List<ComponentStateEvent> events = new CopyOnWriteArrayList<>();

	private ComponentRuntime runtime;

	@BeforeEach
	void createRuntime() {
		ComponentProperties properties = new ComponentProperties();
		properties.setDir(this.temp.resolve("deploy"));
		properties.setStartTimeout(Duration.ofSeconds(2));
		properties.setDrainTimeout(Duration.ofSeconds(2));
		NodeServices services = new NodeServices(() -> null, () -> null, () -> null, () -> null, this.meters, this.routes,
				name -> Map.of("greeting", "Hi"), this.temp.resolve("data"));
		this.runtime = new ComponentRuntime(properties, services, new ComponentDescriptorReader());
		this.runtime.addListener(this.events::add);
	}

	@AfterEach
	void closeRuntime() {
		this.runtime.close();
	}

	@Test
	void deployStartsComponentAndServesItsRoute() {
		ComponentInfo info = deploy(helloJar("hello", "1.0", "hello"));

		assertThat(info.state()).isEqualTo(ComponentState.ACTIVE);
		assertThat(info.version()).isEqualTo("1.0");
		assertThat(this.routes.lookup("GET", "/hello")).isPresent();
		assertThat(this.events).extracting(ComponentStateEvent::state)
			.containsExactly(ComponentState.INSTALLED, ComponentState.STARTING, ComponentState.ACTIVE);
	}

	@Test
	void undeployRemovesRoutesAndFiles() {
		deploy(helloJar("hello", "1.0", "hello"));

		this.runtime.undeploy("hello", true);

		assertThat(this.routes.lookup("GET", "/hello")).isEmpty();
		assertThat(this.runtime.component("hello")).isEmpty();
		assertThat(this.temp.resolve("data/components/hello/deployments")).isEmptyDirectory();
		assertThat(this.events).extracting(ComponentStateEvent::state)
			.endsWith(ComponentState.STOPPING, ComponentState.STOPPED);
	}

	@Test
	void notAJarIsRejected() throws IOException {
		Path file = Files.writeString(this.temp.resolve("notes.jar"), "just text");

		assertRejected(file, InvalidComponentException.class, "'notes.jar' is not a jar");
	}

	@Test
	void corruptZipIsRejected() throws IOException {
		byte[] jar = helloBuilder("hello", "1.0", "hello").bytes(this.temp.resolve("scratch.jar"));
		byte[] truncated = java.util.Arrays.copyOf(jar, jar.length / 2);
		Path file = Files.write(this.temp.resolve("corrupt.jar"), truncated);

		assertRejected(file, InvalidComponentException.class, "'corrupt.jar' is a corrupt zip file");
	}

	@Test
	void missingDescriptorIsRejected() {
		Path file = ComponentJarBuilder.component().entry("readme.txt", new byte[] { 1 }).build(jarPath("plain.jar"));

		assertRejected(file, InvalidComponentException.class, "has no component descriptor META-INF/microlith/component.json");
	}

	@Test
	void invalidDescriptorIsRejected() {
		Path file = ComponentJarBuilder.component().descriptor("{\"name\": 5}").build(jarPath("bad.jar"));

		assertRejected(file, InvalidComponentException.class, "field 'name' has value '5'");
	}

	@Test
	void missingEntryClassIsRejected() {
		Path file = ComponentJarBuilder.component().descriptor("ghost", "1.0", "test.Ghost").build(jarPath("ghost.jar"));

		assertRejected(file, InvalidComponentException.class, "Entry class 'test.Ghost' of component 'ghost' is missing");
	}

	@Test
	void entryClassThatIsNoComponentIsRejected() {
		Path file = ComponentJarBuilder.component()
			.source("test.Plain", "package test; public class Plain {}")
			.descriptor("plain", "1.0", "test.Plain")
			.build(jarPath("plain.jar"));

		assertRejected(file, InvalidComponentException.class, "does not implement dev.microlith.sdk.Component");
	}

	@Test
	void newerSdkIsRejected() {
		Path file = helloBuilder("hello", "1.0", "hello")
			.descriptor("{\"name\":\"hello\",\"version\":\"1.0\",\"entryClass\":\"test.Hello\",\"sdkVersion\":\"1.99\"}")
			.build(jarPath("hello.jar"));

		assertRejected(file, InvalidComponentException.class, "needs SDK 1.99 but this node provides SDK 1.0");
	}

	@Test
	void zipSlipEntryIsRejected() {
		Path file = helloBuilder("hello", "1.0", "hello").entry("lib/../../evil.jar", new byte[] { 1 })
			.build(jarPath("slip.jar"));

		assertRejected(file, InvalidComponentException.class, "unsafe entry name 'lib/../../evil.jar'");
	}

	@Test
	void exitCallIsRejectedNamingClassAndMethod() {
		Path file = ComponentJarBuilder.component()
			.source("test.Quitter", component("System.exit(3);"))
			.descriptor("quitter", "1.0", "test.Quitter")
			.build(jarPath("quitter.jar"));

		assertRejected(file, InvalidComponentException.class, "calls System.exit in test.Quitter.start");
	}

	@Test
	void haltCallIsRejected() {
		Path file = ComponentJarBuilder.component()
			.source("test.Halter", component("Runtime.getRuntime().halt(3);"))
			.descriptor("halter", "1.0", "test.Halter")
			.build(jarPath("halter.jar"));

		assertRejected(file, InvalidComponentException.class, "calls Runtime.halt in test.Halter.start");
	}

	@Test
	void duplicateNameFromAnotherJarIsRejected() {
		deploy(helloJar("hello", "1.0", "hello"));
		Path second = helloBuilder("hello", "2.0", "other").build(jarPath("hello-copy.jar"));

		assertRejected(second, ComponentConflictException.class,
				"Component name 'hello' in 'hello-copy.jar' is already used by 'hello.jar'");
	}

	@Test
	void routeOwnedByAnotherComponentFailsStartNamingBoth() {
		deploy(helloJar("hello", "1.0", "hello"));
		Path second = helloBuilder("greeter", "1.0", "hello").build(jarPath("greeter.jar"));

		assertRejected(second, ComponentStartException.class,
				"Route GET /hello of component 'greeter' is already served by component 'hello'");
		assertThat(this.runtime.component("greeter")).get().extracting(ComponentInfo::state)
			.isEqualTo(ComponentState.FAILED);
		assertThat(this.routes.lookup("GET", "/hello")).get()
			.extracting(match -> match.route().component())
			.isEqualTo("hello");
	}

	@Test
	void reservedPathFailsStart() {
		Path file = helloBuilder("hello", "1.0", "api/hello").build(jarPath("hello.jar"));

		assertRejected(file, ComponentStartException.class, "is under '/api', which belongs to the node");
	}

	@Test
	void exceptionInStartMarksComponentFailed() {
		Path file = ComponentJarBuilder.component()
			.source("test.Broken", component("throw new IllegalStateException(\"no database\");"))
			.descriptor("broken", "1.0", "test.Broken")
			.build(jarPath("broken.jar"));

		assertRejected(file, ComponentStartException.class, "Component 'broken' failed to start: java.lang.IllegalStateException: no database");
		ComponentInfo info = this.runtime.component("broken").orElseThrow();
		assertThat(info.state()).isEqualTo(ComponentState.FAILED);
		assertThat(info.lastError()).contains("no database");
		assertThat(this.events).extracting(ComponentStateEvent::state).contains(ComponentState.FAILED);
	}

	@Test
	void linkageErrorInStartMarksComponentFailed() {
		Path file = ComponentJarBuilder.component()
			.source("test.Linked", component("new test.Missing();"))
			.source("test.Missing", "package test; public class Missing {}")
			.descriptor("linked", "1.0", "test.Linked")
			.build(jarPath("linked.jar"));
		deleteEntry(file, "test/Missing.class");

		assertRejected(file, ComponentStartException.class, "NoClassDefFoundError: test/Missing");
	}

	@Test
	void slowStartTimesOut() {
		Path file = ComponentJarBuilder.component()
			.source("test.Slow", component("Thread.sleep(60_000);"))
			.descriptor("slow", "1.0", "test.Slow")
			.build(jarPath("slow.jar"));

		assertRejected(file, ComponentStartException.class, "Component 'slow' did not start within PT2S");
	}

	@Test
	void missingRequirementFailsDependant() {
		Path file = helloBuilder("hello", "1.0", "hello")
			.descriptor("{\"name\":\"hello\",\"version\":\"1.0\",\"entryClass\":\"test.Hello\",\"sdkVersion\":\"1.0\","
					+ "\"requires\":[\"customers\"]}")
			.build(jarPath("hello.jar"));

		assertRejected(file, ComponentStartException.class,
				"Component 'hello' requires component 'customers', which is not deployed");
	}

	@Test
	void failedRedeployKeepsOldVersionServing() {
		deploy(helloJar("hello", "1.0", "hello"));
		Path broken = ComponentJarBuilder.component()
			.source("test.Broken", component("throw new IllegalStateException(\"bad config\");"))
			.descriptor("hello", "2.0", "test.Broken")
			.build(jarPath("hello.jar"));

		assertRejected(broken, ComponentStartException.class, "bad config");
		ComponentInfo info = this.runtime.component("hello").orElseThrow();
		assertThat(info.state()).isEqualTo(ComponentState.ACTIVE);
		assertThat(info.version()).isEqualTo("1.0");
		assertThat(info.lastError()).contains("bad config");
		assertThat(this.routes.lookup("GET", "/hello")).isPresent();
	}

	@Test
	void contextGivesConfigAndNamesMissingCapabilities() {
		Path file = ComponentJarBuilder.component()
			.source("test.Probe", component("""
					if (!"Hi".equals(context.config().get("greeting", ""))) throw new AssertionError("config");
					try { context.hub(); throw new AssertionError("hub"); }
					catch (IllegalStateException ex) {
						if (!ex.getMessage().contains("stream hub")) throw ex;
					}
					try { context.tables(); throw new AssertionError("tables"); }
					catch (IllegalStateException ex) {
						if (!ex.getMessage().contains("storage (tables)")) throw ex;
					}
					context.meters().counter("probe.starts").increment();
					context.executor().submit(() -> {});
					"""))
			.descriptor("probe", "1.0", "test.Probe")
			.build(jarPath("probe.jar"));

		deploy(file);

		assertThat(this.meters.get("probe.starts").tag("component", "probe").counter().count()).isEqualTo(1.0);
		this.runtime.undeploy("probe", false);
		assertThat(this.meters.find("probe.starts").counter()).isNull();
	}

	@Test
	void componentsBundleTheirOwnLibraryVersions() throws Exception {
		deploy(libraryUser("alpha", "alpha", "1"));
		deploy(libraryUser("beta", "beta", "2"));

		assertThat(callText("/alpha")).isEqualTo("library 1");
		assertThat(callText("/beta")).isEqualTo("library 2");
	}

	@Test
	void sharedApiComesFromHostEvenWhenBundled() throws Exception {
		byte[] sdkCopy;
		try (java.io.InputStream in = dev.microlith.sdk.http.HttpResponse.class
			.getResourceAsStream("HttpResponse.class")) {
			sdkCopy = in.readAllBytes();
		}
		Path jar = helloBuilder("hello", "1.0", "hello").entry("dev/microlith/sdk/http/HttpResponse.class", sdkCopy)
			.build(jarPath("hello.jar"));

		deploy(jar);

		assertThat(callText("/hello")).isEqualTo("hello from 1.0");
	}

	@Test
	void redeployReleasesOldClassLoadersAndJars() throws Exception {
		List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
		for (int version = 1; version <= 50; version++) {
			Path jar = helloBuilder("hello", version + ".0", "hello").build(jarPath("hello.jar"));
			deploy(jar);
			loaders.add(new WeakReference<>(this.runtime.activeDeployment("hello").classLoader()));
		}
		awaitStopped(49);
		this.runtime.undeploy("hello", true);

		awaitCollected(loaders);
		assertThat(openJarsUnder(this.temp)).isEmpty();
		assertThat(this.temp.resolve("data/components/hello/deployments")).isEmptyDirectory();
	}

	private Path libraryUser(String name, String path, String libraryVersion) {
		byte[] library = ComponentJarBuilder.component()
			.source("shared.Library", "package shared; public class Library { public static String text() { return \"library "
					+ libraryVersion + "\"; } }")
			.bytes(this.temp.resolve("library-" + libraryVersion + ".jar"));
		return ComponentJarBuilder.component()
			.source("test.User", component("""
					String text = (String) Class.forName("shared.Library").getMethod("text").invoke(null);
					context.http().get("/%s", request -> reactor.core.publisher.Mono.just(
							dev.microlith.sdk.http.HttpResponse.ok(text)));
					""".formatted(path)))
			.descriptor(name, "1.0", "test.User")
			.entry("lib/library.jar", library)
			.build(jarPath(name + ".jar"));
	}

	private Object callText(String path) throws Exception {
		HttpRouteTable.Match match = this.routes.lookup("GET", path).orElseThrow();
		return match.route().handler().handle(null).block().body();
	}

	private void awaitStopped(int count) throws InterruptedException {
		for (int attempt = 0; attempt < 100; attempt++) {
			if (this.events.stream().filter(event -> event.state() == ComponentState.STOPPED).count() >= count) {
				return;
			}
			Thread.sleep(50);
		}
	}

	private static void awaitCollected(List<WeakReference<ClassLoader>> loaders) throws InterruptedException {
		for (int attempt = 0; attempt < 20 && loaders.stream().anyMatch(ref -> ref.get() != null); attempt++) {
			System.gc();
			Thread.sleep(100);
		}
		assertThat(loaders).allSatisfy(ref -> assertThat(ref.get()).as("class loader collected").isNull());
	}

	static List<String> openJarsUnder(Path directory) throws IOException {
		List<String> open = new ArrayList<>();
		try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
			for (Path fd : fds.toList()) {
				try {
					String target = Files.readSymbolicLink(fd).toString();
					if (target.startsWith(directory.toRealPath().toString()) && target.endsWith(".jar")) {
						open.add(target);
					}
				}
				catch (IOException ex) {
					// The descriptor was closed while listing.
				}
			}
		}
		return open;
	}

	private ComponentInfo deploy(Path jar) {
		try {
			return this.runtime.deployFromDirectory(this.runtime.inspect(jar, jar.getFileName().toString()),
					JarFingerprint.of(jar));
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private void assertRejected(Path jar, Class<? extends RuntimeException> type, String message) {
		assertThatExceptionOfType(type).isThrownBy(() -> deploy(jar)).withMessageContaining(message);
		assertThat(this.temp.resolve("data/components")).satisfiesAnyOf(
				path -> assertThat(path).doesNotExist(),
				path -> assertThat(deploymentFolders(path)).isEqualTo(activeCount()));
	}

	private long activeCount() {
		return this.runtime.components().stream().filter(info -> info.state() == ComponentState.ACTIVE).count();
	}

	private static long deploymentFolders(Path root) throws IOException {
		try (Stream<Path> files = Files.walk(root, 3)) {
			return files.filter(path -> path.getParent() != null
					&& path.getParent().getFileName().toString().equals("deployments")).count();
		}
	}

	private Path jarPath(String name) {
		return this.temp.resolve("deploy").resolve(name);
	}

	private Path helloJar(String name, String version, String path) {
		return helloBuilder(name, version, path).build(jarPath(name + ".jar"));
	}

	static ComponentJarBuilder helloBuilder(String name, String version, String path) {
		return ComponentJarBuilder.component()
			.source("test.Hello", component("""
					context.http().get("/%s", request -> reactor.core.publisher.Mono.just(
							dev.microlith.sdk.http.HttpResponse.ok("hello from " + context.version())));
					context.http().get("/%s/fail", request -> { throw new IllegalStateException("boom"); });
					""".formatted(path, path)))
			.descriptor(name, version, "test.Hello");
	}

	/** Returns the source of a component class whose start runs {@code startBody}. */
	static String component(String startBody) {
		return """
				package test;
				public class %s implements dev.microlith.sdk.Component {
					@Override
					public void start(dev.microlith.sdk.ComponentContext context) throws Exception {
						%s
					}
				}
				""".formatted("CLASS", startBody);
	}

	private static void deleteEntry(Path jar, String entry) {
		try (java.nio.file.FileSystem zip = java.nio.file.FileSystems.newFileSystem(jar)) {
			Files.delete(zip.getPath(entry));
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
