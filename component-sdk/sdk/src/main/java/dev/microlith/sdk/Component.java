package dev.microlith.sdk;

/**
 * Entry point of a component, named by {@code entryClass} in the component's descriptor
 * ({@value ComponentDescriptorLocation#PATH}).
 * <p>
 * The node creates one instance per deployment through the public no-argument
 * constructor, calls {@link #start(ComponentContext)} once, and {@link #stop()} once when
 * the component is undeployed, replaced or the node shuts down. Routes, subscriptions,
 * caches and tasks obtained through the context are released by the node after
 * {@code stop()}, so most components need no {@code stop()} of their own.
 */
public interface Component {

	/**
	 * Starts the component: declares its routes and subscriptions and loads what it needs.
	 * The component becomes {@code ACTIVE} when this method returns; an exception, or a
	 * start that exceeds the node's start timeout, marks it {@code FAILED}.
	 * @param context the component's view of the node, never {@code null}
	 * @throws Exception when the component cannot start
	 */
	void start(ComponentContext context) throws Exception;

	/**
	 * Stops the component. Called at most once, after in-flight requests have drained
	 * or the drain timeout has passed.
	 * @throws Exception reported with the component's name, never propagated to other
	 * components
	 */
	default void stop() throws Exception {
	}

}
