package dev.microlith.platform.component;

import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.microlith.sdk.hub.Message;
import dev.microlith.sdk.rsocket.RSocketRequest;

/**
 * Keeps a component's own classes away from the node's shared JSON mapper.
 * <p>
 * A Jackson mapper caches a serializer and a deserializer per class it has seen, so a
 * component class handed to the node's mapper would keep the component's class loader
 * reachable after undeploy. Values crossing into the node are turned into JSON trees with
 * the deployment's own mapper, and JSON read for the component is bound by that mapper too.
 */
final class DeploymentJson {

	private DeploymentJson() {
	}

	/**
	 * Returns {@code value} as a JSON tree built by the deployment's mapper. Every value is
	 * converted, because a JDK collection may contain component objects.
	 */
	static Object toNodeSafe(Deployment deployment, Object value) {
		return (value != null) ? deployment.json().valueToTree(value) : null;
	}

	/** Wraps a request so that {@link RSocketRequest#data(Class)} uses the deployment's mapper. */
	static RSocketRequest request(Deployment deployment, RSocketRequest request) {
		return new RSocketRequest() {

			@Override
			public String route() {
				return request.route();
			}

			@Override
			public Optional<String> routeVariable(String name) {
				return request.routeVariable(name);
			}

			@Override
			public byte[] data() {
				return request.data();
			}

			@Override
			public <T> T data(Class<T> type) {
				return read(deployment.json(), request.data(), type, "RSocket route '" + request.route() + "'");
			}

		};
	}

	/** Wraps a hub message so that {@link Message#payload(Class)} uses the deployment's mapper. */
	static Message message(Deployment deployment, Message message) {
		return new Message() {

			@Override
			public String topic() {
				return message.topic();
			}

			@Override
			public long sequence() {
				return message.sequence();
			}

			@Override
			public long timestamp() {
				return message.timestamp();
			}

			@Override
			public boolean retained() {
				return message.retained();
			}

			@Override
			public byte[] json() {
				return message.json();
			}

			@Override
			public <T> T payload(Class<T> type) {
				return read(deployment.json(), message.json(), type, "hub topic '" + message.topic() + "'");
			}

		};
	}

	private static <T> T read(JsonMapper json, byte[] data, Class<T> type, String source) {
		try {
			return json.readValue(data, type);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Invalid JSON from " + source + " for " + type.getName() + ": "
					+ ex.getOriginalMessage(), ex);
		}
	}

}
