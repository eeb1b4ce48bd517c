/**
 * The chat sample: rooms over an RSocket request-channel, with every message kept in the
 * {@code message} table so that a client that reconnects resumes where it left off.
 */
package dev.microlith.samples.chat;
