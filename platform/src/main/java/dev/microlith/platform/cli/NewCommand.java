package dev.microlith.platform.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import dev.microlith.sdk.SdkVersion;

/**
 * {@code microlith new NAME}: writes a ready Maven project for a new component, with a
 * descriptor, an entry class that serves a table over HTTP and RSocket, and a test that
 * runs it with the SDK's test kit. It needs no running node.
 */
@Command(name = "new", description = "Write a Maven project for a new component, with a test that uses the test kit.")
class NewCommand implements Callable<Integer> {

	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");

	private static final Pattern PACKAGE = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*");

	private static final String TEMPLATES = "/templates/component/";

	@Parameters(paramLabel = "NAME", description = "The component's name: a lower-case letter, then lower-case letters, digits or '-'.")
	String name;

	@Option(names = { "-p", "--package" }, paramLabel = "PACKAGE",
			description = "Java package of the component's classes (default: com.example.<name without '-'>).")
	String packageName;

	@Option(names = { "-d", "--directory" }, paramLabel = "DIR",
			description = "Directory to write the project to; must not exist or be empty (default: ./<name>).")
	Path directory;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		checkName();
		String javaPackage = (this.packageName != null) ? this.packageName : "com.example." + this.name.replace("-", "");
		checkPackage(javaPackage);
		Path target = (this.directory != null) ? this.directory : Path.of(this.name);
		checkEmpty(target);
		Map<String, String> values = values(javaPackage);
		String className = values.get("className");
		Path sources = Path.of(javaPackage.replace('.', '/'));
		write(target.resolve("pom.xml"), "pom.xml.template", values);
		write(target.resolve("README.md"), "README.md.template", values);
		write(target.resolve("src/main/resources/META-INF/microlith/component.json"), "component.json.template", values);
		write(target.resolve("src/main/java").resolve(sources).resolve(className + ".java"), "Component.java.template",
				values);
		write(target.resolve("src/test/java").resolve(sources).resolve(className + "Tests.java"),
				"ComponentTests.java.template", values);
		this.spec.commandLine().getOut().printf("Wrote component '%s' to %s; build and test it with: cd %s && mvn verify%n",
				this.name, target.toAbsolutePath().normalize(), target);
		return 0;
	}

	private Map<String, String> values(String javaPackage) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("name", this.name);
		values.put("table", this.name.replace("-", "_") + "_notes");
		values.put("package", javaPackage);
		values.put("className", className(this.name));
		values.put("sdkVersion", SdkVersion.current());
		values.put("microlithVersion", microlithVersion());
		return values;
	}

	/** Returns {@code orders-api} as {@code OrdersApiComponent}. */
	static String className(String name) {
		StringBuilder className = new StringBuilder();
		for (String part : name.split("-")) {
			if (!part.isEmpty()) {
				className.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
			}
		}
		return className.append("Component").toString();
	}

	private void checkName() {
		if (!NAME.matcher(this.name).matches()) {
			throw new CliException("Invalid component name '" + this.name
					+ "': expected a lower-case letter, then up to 63 lower-case letters, digits or '-', such as 'orders'");
		}
	}

	private static void checkPackage(String javaPackage) {
		if (!PACKAGE.matcher(javaPackage).matches()) {
			throw new CliException("Invalid package '" + javaPackage
					+ "': expected lower-case Java identifiers separated by dots, such as 'com.example.orders'");
		}
	}

	private static void checkEmpty(Path target) {
		if (!Files.exists(target)) {
			return;
		}
		try (Stream<Path> entries = Files.list(target)) {
			if (entries.findAny().isPresent()) {
				throw new CliException("Directory '" + target.toAbsolutePath().normalize()
						+ "' is not empty; choose another with --directory so that nothing is overwritten");
			}
		}
		catch (IOException ex) {
			throw new CliException("Cannot use '" + target.toAbsolutePath().normalize() + "' as the project directory: "
					+ ex.getMessage(), ex);
		}
	}

	private static void write(Path file, String template, Map<String, String> values) {
		String text = template(template);
		for (Map.Entry<String, String> value : values.entrySet()) {
			text = text.replace("{{" + value.getKey() + "}}", value.getValue());
		}
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, text, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new CliException("Failed to write " + file.toAbsolutePath().normalize() + ": " + ex.getMessage(), ex);
		}
	}

	private static String template(String name) {
		try (InputStream in = NewCommand.class.getResourceAsStream(TEMPLATES + name)) {
			if (in == null) {
				throw new IllegalStateException("The CLI lacks its template " + TEMPLATES + name + "; rebuild it");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to read template " + name, ex);
		}
	}

	/** Returns the node's version from the build information the build writes into the jar. */
	private static String microlithVersion() {
		try (InputStream in = NewCommand.class.getResourceAsStream("/META-INF/build-info.properties")) {
			if (in == null) {
				throw new IllegalStateException("The CLI lacks META-INF/build-info.properties; rebuild it with Maven");
			}
			Properties build = new Properties();
			build.load(in);
			return build.getProperty("build.version");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to read META-INF/build-info.properties", ex);
		}
	}

}
