package dev.microlith.platform.component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import dev.microlith.sdk.ComponentDescriptorLocation;

/**
 * Builds real component jars for tests: compiles Java sources against the test class path
 * (which has the SDK) and packs the classes, a descriptor and any extra entries.
 */
public final class ComponentJarBuilder {

	/** Classes already compiled, by their sources, because tests build the same classes many times. */
	private static final Map<Map<String, String>, Map<String, byte[]>> COMPILED = new java.util.concurrent.ConcurrentHashMap<>();

	private final Map<String, String> sources = new LinkedHashMap<>();

	private final Map<String, byte[]> entries = new LinkedHashMap<>();

	private String descriptor;

	public static ComponentJarBuilder component() {
		return new ComponentJarBuilder();
	}

	/**
	 * Adds a source file; {@code className} is its binary name. A class declared as
	 * {@code CLASS} in {@code code} is given the simple name of {@code className}.
	 */
	public ComponentJarBuilder source(String className, String code) {
		String simpleName = className.substring(className.lastIndexOf('.') + 1);
		this.sources.put(className, code.replace("public class CLASS ", "public class " + simpleName + " "));
		return this;
	}

	/** Sets the descriptor's JSON text. */
	public ComponentJarBuilder descriptor(String json) {
		this.descriptor = json;
		return this;
	}

	/** Sets a descriptor with the given name, version and entry class, and SDK 1.0. */
	public ComponentJarBuilder descriptor(String name, String version, String entryClass) {
		return descriptor("{\"name\":\"" + name + "\",\"version\":\"" + version + "\",\"entryClass\":\"" + entryClass
				+ "\",\"sdkVersion\":\"1.0\"}");
	}

	/** Adds an entry with the given bytes. */
	public ComponentJarBuilder entry(String name, byte[] content) {
		this.entries.put(name, content);
		return this;
	}

	/** Writes the jar to {@code target} and returns it. */
	public Path build(Path target) {
		Map<String, byte[]> classes = COMPILED.computeIfAbsent(Map.copyOf(this.sources), sources -> compile());
		try {
			Files.createDirectories(target.toAbsolutePath().getParent());
			try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(target))) {
				if (this.descriptor != null) {
					put(jar, ComponentDescriptorLocation.PATH, this.descriptor.getBytes(StandardCharsets.UTF_8));
				}
				for (Map.Entry<String, byte[]> type : classes.entrySet()) {
					put(jar, type.getKey().replace('.', '/') + ".class", type.getValue());
				}
				for (Map.Entry<String, byte[]> entry : this.entries.entrySet()) {
					put(jar, entry.getKey(), entry.getValue());
				}
			}
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Returns the jar's bytes. */
	public byte[] bytes(Path scratch) {
		try {
			return Files.readAllBytes(build(scratch));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void put(JarOutputStream jar, String name, byte[] content) throws IOException {
		jar.putNextEntry(new JarEntry(name));
		jar.write(content);
		jar.closeEntry();
	}

	private Map<String, byte[]> compile() {
		if (this.sources.isEmpty()) {
			return Map.of();
		}
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		Map<String, ByteArrayOutputStream> output = new LinkedHashMap<>();
		StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8);
		JavaFileManager manager = new ForwardingJavaFileManager<>(standard) {

			@Override
			public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
					FileObject sibling) {
				return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".class"), kind) {

					@Override
					public OutputStream openOutputStream() {
						return output.computeIfAbsent(className, name -> new ByteArrayOutputStream());
					}

				};
			}

		};
		List<JavaFileObject> units = new ArrayList<>();
		this.sources.forEach((name, code) -> units.add(new SimpleJavaFileObject(
				URI.create("string:///" + name.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {

			@Override
			public CharSequence getCharContent(boolean ignoreEncodingErrors) {
				return code;
			}

		}));
		List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "--release", "17");
		boolean success = compiler.getTask(null, manager, diagnostics, options, null, units).call();
		if (!success) {
			StringBuilder message = new StringBuilder("Compilation failed:");
			for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
				message.append('\n').append(diagnostic);
			}
			throw new IllegalStateException(message.toString());
		}
		Map<String, byte[]> classes = new LinkedHashMap<>();
		output.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
		return classes;
	}

}
