package dev.microlith.platform.security;

/** The operations on a table's records that a role can grant. */
public enum TableOperation {

	READ, INSERT, UPDATE, DELETE;

	/** Returns the name used in role documents: {@code read}, {@code insert} and so on. */
	public String jsonName() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
