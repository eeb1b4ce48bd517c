package dev.microlith.platform.component;

/** The lifecycle states of a deployed component. */
public enum ComponentState {

	/** Loaded and checked, not started yet. */
	INSTALLED,

	/** Its {@code start} method is running. */
	STARTING,

	/** Started; its routes are served. */
	ACTIVE,

	/** Draining in-flight requests, then running its {@code stop} method. */
	STOPPING,

	/** Stopped and released. */
	STOPPED,

	/** Failed to load or start; the failure is recorded as the cause. */
	FAILED

}
