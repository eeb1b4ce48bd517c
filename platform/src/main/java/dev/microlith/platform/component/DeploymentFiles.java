package dev.microlith.platform.component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.springframework.util.FileSystemUtils;

/**
 * The files of one deployment: a private copy of the component jar and its extracted
 * {@code lib/*.jar} files, in a folder of their own under the data directory.
 * <p>
 * The copy lets the source jar in the components directory be replaced or deleted while
 * this version still runs. {@link #delete()} removes the folder.
 * @param directory the deployment's folder
 * @param jars the component jar's copy, then its libraries
 */
record DeploymentFiles(Path directory, List<Path> jars) {

	/**
	 * Copies {@code jar} and extracts its libraries into a new folder under
	 * {@code componentDirectory/deployments}.
	 * @throws UncheckedIOException when a file cannot be written; the folder is removed
	 */
	static DeploymentFiles create(ComponentJar jar, Path componentDirectory) {
		Path directory = componentDirectory.resolve("deployments").resolve(UUID.randomUUID().toString());
		try {
			Files.createDirectories(directory.resolve("lib"));
			List<Path> jars = new ArrayList<>();
			Path copy = directory.resolve("component.jar");
			Files.copy(jar.source(), copy, StandardCopyOption.REPLACE_EXISTING);
			jars.add(copy);
			extractLibraries(copy, jar.libraries(), directory, jars);
			return new DeploymentFiles(directory, List.copyOf(jars));
		}
		catch (IOException ex) {
			deleteQuietly(directory, ex);
			throw new UncheckedIOException("Failed to prepare the files of component '" + jar.descriptor().name()
					+ "' in " + directory + ": " + ex.getMessage(), ex);
		}
	}

	private static void extractLibraries(Path copy, List<String> libraries, Path directory, List<Path> jars)
			throws IOException {
		try (ZipFile zip = new ZipFile(copy.toFile())) {
			for (String library : libraries) {
				Path target = directory.resolve(library).normalize();
				if (!target.startsWith(directory)) {
					throw new IOException("Library entry '" + library + "' would be written outside " + directory);
				}
				try (InputStream in = zip.getInputStream(zip.getEntry(library))) {
					Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
				}
				jars.add(target);
			}
		}
	}

	/** Deletes the deployment's folder. */
	void delete() throws IOException {
		FileSystemUtils.deleteRecursively(this.directory);
	}

	private static void deleteQuietly(Path directory, IOException failure) {
		try {
			FileSystemUtils.deleteRecursively(directory);
		}
		catch (IOException ex) {
			failure.addSuppressed(ex);
		}
	}

}
