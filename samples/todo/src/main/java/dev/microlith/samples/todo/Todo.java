package dev.microlith.samples.todo;

/**
 * A task in the {@code todo} table.
 * @param owner the name of the user whose list the task is on
 * @param title what to do
 * @param done whether it is done
 * @param createdAt creation time in milliseconds since the Unix epoch
 */
public record Todo(String owner, String title, boolean done, long createdAt) {
}
