package dev.microlith.platform.component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The size and modification time of a jar file, to notice that it was replaced.
 * @param size the size in bytes
 * @param modifiedMillis the modification time in milliseconds since the epoch
 */
record JarFingerprint(long size, long modifiedMillis) {

	/** Reads the fingerprint of {@code file}. */
	static JarFingerprint of(Path file) throws IOException {
		BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
		return new JarFingerprint(attributes.size(), attributes.lastModifiedTime().toMillis());
	}

}
