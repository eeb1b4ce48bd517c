package dev.microlith.platform.component;

/**
 * Receives every component state change. Listeners are Spring beans; they are called on
 * the thread that changes the state, so they must return quickly and must not throw.
 */
@FunctionalInterface
public interface ComponentStateListener {

	void onStateChange(ComponentStateEvent event);

}
