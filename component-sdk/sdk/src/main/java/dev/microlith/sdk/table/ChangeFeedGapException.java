package dev.microlith.sdk.table;

/** Signalled to a change-feed subscriber that asked for, or fell behind to, changes no longer retained. */
public class ChangeFeedGapException extends TableException {

	private final long firstMissedSequence;

	/**
	 * Creates an exception for a subscriber that missed changes.
	 * @param message what happened and what to do, such as reloading the table
	 * @param firstMissedSequence the sequence of the first change the subscriber did not get
	 */
	public ChangeFeedGapException(String message, long firstMissedSequence) {
		super(message);
		this.firstMissedSequence = firstMissedSequence;
	}

	/** Returns the sequence of the first change the subscriber did not receive. */
	public long firstMissedSequence() {
		return this.firstMissedSequence;
	}

}
