package dev.microlith.platform.security;

/** The hub operations that a role can grant on topic patterns. */
public enum TopicOperation {

	PUBLISH, SUBSCRIBE;

	/** Returns the name used in role documents: {@code publish} or {@code subscribe}. */
	public String jsonName() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
