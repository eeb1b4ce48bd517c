package dev.microlith.platform.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.microlith.platform.security.AuditLog;
import dev.microlith.platform.security.Role;
import dev.microlith.platform.security.Roles;
import dev.microlith.platform.security.SecurityStore;

/**
 * The operations API of security, for callers with the operations group
 * {@code security}: users ({@code /ops/users}), roles ({@code /ops/roles}), issued tokens
 * ({@code /ops/tokens}) and the audit log ({@code /ops/audit}). Password hashes and token
 * secrets are never returned.
 */
@RestController
class SecurityOperationsController {

	private static final Set<String> USER_FIELDS = Set.of("password", "roles");

	private static final int MAX_AUDIT_EVENTS = 1000;

	private final SecurityStore store;

	private final AuditLog audit;

	SecurityOperationsController(SecurityStore store, AuditLog audit) {
		this.store = store;
		this.audit = audit;
	}

	/** Returns every user with their roles. */
	@GetMapping("/ops/users")
	Mono<List<Map<String, Object>>> users() {
		return this.store.users().map((users) -> users.stream().map(SecurityOperationsController::view).toList());
	}

	/** Returns one user. */
	@GetMapping("/ops/users/{name}")
	ResponseEntity<Map<String, Object>> user(@PathVariable String name) {
		return this.store.user(name).map((user) -> ResponseEntity.ok(view(user))).orElseThrow(() -> notFound("user", name));
	}

	/**
	 * Creates a user, or changes the password or roles of an existing one. A new user needs
	 * a password; a missing {@code roles} keeps the current roles, or none for a new user.
	 * A new password revokes the user's tokens.
	 */
	@PutMapping("/ops/users/{name}")
	Mono<ResponseEntity<Map<String, Object>>> putUser(@PathVariable String name, @RequestBody Map<String, Object> body) {
		for (String field : body.keySet()) {
			if (!USER_FIELDS.contains(field)) {
				throw new IllegalArgumentException("Unknown field '" + field + "' for user '" + name + "': expected "
						+ USER_FIELDS.stream().sorted().toList());
			}
		}
		Object password = body.get("password");
		if (password != null && !(password instanceof String)) {
			throw new IllegalArgumentException("Invalid field 'password' for user '" + name + "': expected a string");
		}
		boolean exists = this.store.user(name).isPresent();
		Set<String> roles = roles(name, body.get("roles"),
				this.store.user(name).map(SecurityStore.User::roles).orElse(Set.of()));
		return this.store.putUser(name, (String) password, roles, false)
			.map((user) -> ResponseEntity.status(exists ? HttpStatus.OK : HttpStatus.CREATED).body(view(user)));
	}

	/** Removes a user and revokes their tokens. The last admin cannot be removed. */
	@DeleteMapping("/ops/users/{name}")
	Mono<ResponseEntity<Void>> deleteUser(@PathVariable String name) {
		return this.store.deleteUser(name).map((existed) -> {
			if (!existed) {
				throw notFound("user", name);
			}
			return ResponseEntity.noContent().<Void>build();
		});
	}

	/** Returns every role, the built-in {@code admin} role first. */
	@GetMapping("/ops/roles")
	Mono<List<Map<String, Object>>> roles() {
		return this.store.roles().map((roles) -> {
			List<Map<String, Object>> views = new ArrayList<>();
			views.add(adminView());
			roles.forEach((role) -> views.add(view(role)));
			return views;
		});
	}

	/** Returns one role. */
	@GetMapping("/ops/roles/{name}")
	Map<String, Object> role(@PathVariable String name) {
		if (name.equals(Roles.ADMIN)) {
			return adminView();
		}
		return this.store.role(name).map(SecurityOperationsController::view).orElseThrow(() -> notFound("role", name));
	}

	/** Creates or replaces a role; the change applies to the next request of its holders. */
	@PutMapping("/ops/roles/{name}")
	Mono<ResponseEntity<Map<String, Object>>> putRole(@PathVariable String name, @RequestBody Map<String, Object> body) {
		boolean exists = this.store.role(name).isPresent();
		Role role = Role.fromDocument(name, body);
		return this.store.putRole(role)
			.map((stored) -> ResponseEntity.status(exists ? HttpStatus.OK : HttpStatus.CREATED).body(view(stored)));
	}

	/** Removes a role that no user holds. */
	@DeleteMapping("/ops/roles/{name}")
	Mono<ResponseEntity<Void>> deleteRole(@PathVariable String name) {
		return this.store.deleteRole(name).map((existed) -> {
			if (!existed) {
				throw notFound("role", name);
			}
			return ResponseEntity.noContent().<Void>build();
		});
	}

	/** Returns every token that is stored, without its secret. */
	@GetMapping("/ops/tokens")
	Mono<List<SecurityStore.TokenInfo>> tokens() {
		return this.store.tokens();
	}

	/** Revokes a token by the id that {@code GET /ops/tokens} shows. */
	@DeleteMapping("/ops/tokens/{id}")
	Mono<ResponseEntity<Void>> revoke(@PathVariable String id) {
		return this.store.revokeTokenById(id).map((existed) -> {
			if (!existed) {
				throw notFound("token", id);
			}
			return ResponseEntity.noContent().<Void>build();
		});
	}

	/** Returns the latest audit events, newest first. */
	@GetMapping("/ops/audit")
	Mono<List<Map<String, Object>>> audit(@RequestParam(defaultValue = "100") String limit) {
		int count;
		try {
			count = Integer.parseInt(limit);
		}
		catch (NumberFormatException ex) {
			count = -1;
		}
		if (count < 1 || count > MAX_AUDIT_EVENTS) {
			throw new IllegalArgumentException("Invalid parameter 'limit' '" + limit + "': expected 1 to " + MAX_AUDIT_EVENTS);
		}
		return this.audit.latest(count);
	}

	@ExceptionHandler
	ProblemDetail invalid(IllegalArgumentException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail notFound(NotFoundException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	private static Set<String> roles(String user, Object value, Set<String> current) {
		if (value == null) {
			return current;
		}
		if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
			throw new IllegalArgumentException("Invalid field 'roles' for user '" + user + "': expected a list of role names");
		}
		Set<String> roles = new LinkedHashSet<>();
		list.forEach((role) -> roles.add((String) role));
		return roles;
	}

	private static Map<String, Object> view(SecurityStore.User user) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("name", user.name());
		view.put("roles", user.roles().stream().sorted().toList());
		view.put("created", user.created().toString());
		return view;
	}

	private static Map<String, Object> view(Role role) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("name", role.name());
		view.put("builtIn", role.name().equals(Roles.ANONYMOUS));
		view.putAll(role.toDocument());
		return view;
	}

	private static Map<String, Object> adminView() {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("name", Roles.ADMIN);
		view.put("builtIn", true);
		view.put("grants", "everything");
		return view;
	}

	private static NotFoundException notFound(String what, String name) {
		return new NotFoundException("No " + what + " '" + name + "'");
	}

	/** A user, role or token that does not exist. */
	static final class NotFoundException extends RuntimeException {

		NotFoundException(String message) {
			super(message);
		}

	}

}
