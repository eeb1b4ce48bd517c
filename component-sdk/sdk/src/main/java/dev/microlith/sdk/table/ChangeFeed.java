package dev.microlith.sdk.table;

/** Constants for reading change feeds. */
public final class ChangeFeed {

	/** Sequence to pass to {@link Table#changes(long)} for live changes only. */
	public static final long NOW = -1;

	private ChangeFeed() {
	}

}
