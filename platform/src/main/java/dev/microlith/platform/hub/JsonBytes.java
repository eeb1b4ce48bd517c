package dev.microlith.platform.hub;

/**
 * A value that is already encoded as JSON, which the RSocket router sends without
 * encoding it again.
 * @param bytes a single JSON value in UTF-8
 */
record JsonBytes(byte[] bytes) {
}
