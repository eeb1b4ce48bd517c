package dev.microlith.platform.component;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import dev.microlith.sdk.ComponentDescriptorLocation;

/**
 * A component jar that has passed every check that needs no class loading: it is a zip,
 * every entry name stays inside the jar, it has a valid descriptor, its entry class is
 * present, it is not a Spring Boot executable jar, and no class calls {@code System.exit}
 * or {@code Runtime.exit}/{@code halt}.
 * <p>
 * The jar file is read once and closed before {@link #inspect} returns.
 * @param source the jar file as given
 * @param descriptor the validated descriptor
 * @param libraries names of the {@code lib/*.jar} entries, in jar order
 */
public record ComponentJar(Path source, ComponentDescriptor descriptor, List<String> libraries) {

	private static final String LIB = "lib/";

	public ComponentJar {
		libraries = List.copyOf(libraries);
	}

	/**
	 * Checks {@code source} and reads its descriptor.
	 * @param label how to name the jar in error messages, such as its file name
	 * @throws InvalidComponentException when any check fails
	 */
	public static ComponentJar inspect(Path source, String label, ComponentDescriptorReader reader) {
		checkZipSignature(source, label);
		try (ZipFile zip = new ZipFile(source.toFile())) {
			List<String> libraries = checkEntries(zip, label);
			ComponentDescriptor descriptor = reader.read(readDescriptor(zip, label), label);
			checkEntryClass(zip, libraries, descriptor, label);
			ExitCallScanner scanner = new ExitCallScanner(label);
			scanClasses(zip, libraries, scanner);
			return new ComponentJar(source, descriptor, libraries);
		}
		catch (ZipException ex) {
			throw new InvalidComponentException("'" + label + "' is a corrupt zip file (" + ex.getMessage()
					+ "); rebuild the component jar", ex);
		}
		catch (IOException ex) {
			throw new InvalidComponentException("Failed to read component jar '" + label + "': " + ex, ex);
		}
	}

	private static void checkZipSignature(Path source, String label) {
		byte[] header = new byte[4];
		int read;
		try (InputStream in = Files.newInputStream(source)) {
			read = in.readNBytes(header, 0, 4);
		}
		catch (IOException ex) {
			throw new InvalidComponentException("Failed to read component jar '" + label + "': " + ex, ex);
		}
		if (read < 4 || header[0] != 'P' || header[1] != 'K') {
			throw new InvalidComponentException("'" + label
					+ "' is not a jar: it does not start with a zip header; deploy a jar built from the component's classes");
		}
	}

	private static List<String> checkEntries(ZipFile zip, String label) {
		List<String> libraries = new ArrayList<>();
		Enumeration<? extends ZipEntry> entries = zip.entries();
		while (entries.hasMoreElements()) {
			String name = entries.nextElement().getName();
			checkEntryName(name, label);
			if (name.startsWith("BOOT-INF/")) {
				throw new InvalidComponentException("'" + label + "' is a Spring Boot executable jar (it has "
						+ name + "); build a plain jar, with any libraries under lib/");
			}
			if (name.startsWith(LIB) && name.endsWith(".jar") && name.indexOf('/', LIB.length()) < 0) {
				libraries.add(name);
			}
		}
		return libraries;
	}

	/** Rejects names that would escape a directory they are extracted to ("zip slip"). */
	static void checkEntryName(String name, String label) {
		boolean unsafe = name.startsWith("/") || name.contains("\\") || name.contains(":") || name.indexOf('\0') >= 0;
		for (String segment : name.split("/")) {
			unsafe |= segment.equals("..");
		}
		if (unsafe) {
			throw new InvalidComponentException("'" + label + "' has an unsafe entry name '" + name
					+ "': expected a relative path without '..', '\\' or ':'; rebuild the jar");
		}
	}

	private static byte[] readDescriptor(ZipFile zip, String label) throws IOException {
		ZipEntry entry = zip.getEntry(ComponentDescriptorLocation.PATH);
		if (entry == null) {
			throw new InvalidComponentException("'" + label + "' has no component descriptor "
					+ ComponentDescriptorLocation.PATH + "; add one naming the component, its version and entry class");
		}
		try (InputStream in = zip.getInputStream(entry)) {
			return in.readAllBytes();
		}
	}

	private static void checkEntryClass(ZipFile zip, List<String> libraries, ComponentDescriptor descriptor,
			String label) throws IOException {
		String entryName = descriptor.entryClass().replace('.', '/') + ".class";
		if (zip.getEntry(entryName) != null) {
			return;
		}
		for (String library : libraries) {
			try (ZipInputStream lib = new ZipInputStream(zip.getInputStream(zip.getEntry(library)))) {
				for (ZipEntry entry = lib.getNextEntry(); entry != null; entry = lib.getNextEntry()) {
					if (entry.getName().equals(entryName)) {
						return;
					}
				}
			}
		}
		throw new InvalidComponentException("Entry class '" + descriptor.entryClass() + "' of component '"
				+ descriptor.name() + "' is missing from '" + label + "'; check 'entryClass' in "
				+ ComponentDescriptorLocation.PATH);
	}

	private static void scanClasses(ZipFile zip, List<String> libraries, ExitCallScanner scanner)
			throws IOException {
		Enumeration<? extends ZipEntry> entries = zip.entries();
		while (entries.hasMoreElements()) {
			ZipEntry entry = entries.nextElement();
			if (isClass(entry.getName())) {
				try (InputStream in = zip.getInputStream(entry)) {
					scanner.scan(entry.getName(), in.readAllBytes());
				}
			}
		}
		for (String library : libraries) {
			try (ZipInputStream lib = new ZipInputStream(zip.getInputStream(zip.getEntry(library)))) {
				for (ZipEntry entry = lib.getNextEntry(); entry != null; entry = lib.getNextEntry()) {
					checkEntryName(entry.getName(), library);
					if (isClass(entry.getName())) {
						scanner.scan(library + "!/" + entry.getName(), lib.readAllBytes());
					}
				}
			}
		}
	}

	private static boolean isClass(String name) {
		return name.endsWith(".class") && !name.endsWith("module-info.class");
	}

}
