package dev.microlith.platform.security;

/**
 * What a request needs from its caller. The endpoints of the node map each request to
 * one requirement, and {@link AccessPolicy} decides whether the caller meets it.
 */
public sealed interface Requirement {

	/** Anyone may make the request. */
	Requirement PUBLIC = new Public();

	/** Any authenticated caller may make the request. */
	Requirement AUTHENTICATED = new Authenticated();

	/** Anyone. */
	record Public() implements Requirement {
	}

	/** Any authenticated caller. */
	record Authenticated() implements Requirement {
	}

	/** An operation on the records of a table. */
	record TableAccess(String table, TableOperation operation) implements Requirement {
	}

	/** Publishing to a topic, or subscribing to a topic pattern. */
	record TopicAccess(String topic, TopicOperation operation) implements Requirement {
	}

	/** A group of the operations API. */
	record Operations(OperationsGroup group) implements Requirement {
	}

	/** A permission that a component declares for its own routes. */
	record ComponentPermission(String component, String permission) implements Requirement {
	}

}
