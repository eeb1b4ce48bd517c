package dev.microlith.platform.hub;

import io.netty.buffer.ByteBufUtil;
import io.rsocket.Payload;

/**
 * The metadata and data of an incoming RSocket payload, copied to the heap so that the
 * frame's buffer can be released at once, whichever payload decoder the server uses.
 */
record InboundPayload(byte[] metadata, byte[] data) {

	/** Copies {@code payload} and releases it. */
	static InboundPayload copyAndRelease(Payload payload) {
		try {
			byte[] metadata = payload.hasMetadata() ? ByteBufUtil.getBytes(payload.sliceMetadata()) : null;
			return new InboundPayload(metadata, ByteBufUtil.getBytes(payload.sliceData()));
		}
		finally {
			payload.release();
		}
	}

}
