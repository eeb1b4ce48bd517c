package dev.microlith.platform.component;

import dev.microlith.platform.security.Requirement;
import dev.microlith.sdk.Access;

/** Turns the access rules that components declare on their routes into requirements. */
public final class ComponentAccess {

	private ComponentAccess() {
	}

	/** Returns what a call to a route of {@code component} with rule {@code access} needs. */
	public static Requirement requirement(String component, Access access) {
		return switch (access.kind()) {
			case PUBLIC -> Requirement.PUBLIC;
			case AUTHENTICATED -> Requirement.AUTHENTICATED;
			case PERMISSION -> new Requirement.ComponentPermission(component, access.permissionName());
		};
	}

}
