package dev.microlith.platform.component;

import java.time.Instant;

/**
 * The state of one component as the ops API reports it.
 * @param name the component's name
 * @param version the version serving requests, or the version that failed when none does
 * @param state the state of the version serving requests, or {@code FAILED} when none does
 * @param lastError the latest deploy or start failure, or {@code null}; kept while an
 * older version goes on serving after a failed redeploy
 * @param source the jar's file name in the components directory, or {@code null}
 * @param updated when the component last changed state
 * @param descriptor the descriptor of the version reported
 */
public record ComponentInfo(String name, String version, ComponentState state, String lastError, String source,
		Instant updated, ComponentDescriptor descriptor) {

}
