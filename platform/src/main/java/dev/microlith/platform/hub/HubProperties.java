package dev.microlith.platform.hub;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the stream hub and the node's RSocket endpoints, under {@code microlith.hub.}.
 */
@ConfigurationProperties("microlith.hub")
public class HubProperties {

	/**
	 * Maximum size of the data of one RSocket request, channel element or HTTP publish
	 * body. Larger requests are rejected with an error that names the size. At most 16MB.
	 */
	private DataSize maxPayloadSize = DataSize.ofMegabytes(1);

	public DataSize getMaxPayloadSize() {
		return this.maxPayloadSize;
	}

	public void setMaxPayloadSize(DataSize maxPayloadSize) {
		if (maxPayloadSize.toBytes() < 1 || maxPayloadSize.toBytes() > DataSize.ofMegabytes(16).toBytes()) {
			throw new IllegalArgumentException("Invalid microlith.hub.max-payload-size '" + maxPayloadSize
					+ "': expected between 1B and 16MB");
		}
		this.maxPayloadSize = maxPayloadSize;
	}

}
