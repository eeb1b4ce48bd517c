package dev.microlith.samples.chat;

/**
 * A message in the {@code message} table.
 * @param room the room it was posted in
 * @param author who posted it
 * @param text its text
 * @param sentAt when the node stored it, in milliseconds since the Unix epoch
 */
public record ChatMessage(String room, String author, String text, long sentAt) {
}
