package dev.microlith.platform.security;

/** The groups of the operations API that a role can grant. */
public enum OperationsGroup {

	/** Read the node's state: {@code GET /ops/**} and the Actuator endpoints beyond health and info. */
	MONITOR,

	/** Deploy, redeploy and undeploy components, and clear caches. */
	DEPLOY,

	/** Back up tables. */
	DATA,

	/** Manage users, roles and tokens, and read the audit log. */
	SECURITY;

	/** Returns the name used in role documents: {@code monitor}, {@code deploy} and so on. */
	public String jsonName() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
