package dev.microlith.platform.component;

import java.time.Instant;

/**
 * A state change of one deployed version of a component.
 * @param name the component's name
 * @param version the version that changed state
 * @param state the new state
 * @param cause why the component failed, or {@code null} unless {@code state} is {@code FAILED}
 * @param time when the change happened
 */
public record ComponentStateEvent(String name, String version, ComponentState state, String cause, Instant time) {

}
