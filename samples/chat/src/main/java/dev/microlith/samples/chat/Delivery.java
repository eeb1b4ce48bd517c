package dev.microlith.samples.chat;

/**
 * A message as the chat channel sends it to a client.
 * @param id the message's key in the {@code message} table
 * @param sequence the commit sequence of the message; a client that reconnects passes the
 * last one it received as {@code after} to resume without gaps
 * @param message the message
 */
public record Delivery(long id, long sequence, ChatMessage message) {
}
