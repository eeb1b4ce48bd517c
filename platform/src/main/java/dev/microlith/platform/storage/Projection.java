package dev.microlith.platform.storage;

import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Copies selected fields of a JSON document, keeping nested fields at their paths. */
final class Projection {

	private Projection() {
	}

	static ObjectNode of(ObjectNode document, List<String> fields) {
		ObjectNode projected = document.objectNode();
		for (String field : fields) {
			String[] path = JsonValues.path(field);
			JsonNode value = JsonValues.node(document, path);
			if (value != null) {
				parent(projected, path).set(path[path.length - 1], value.deepCopy());
			}
		}
		return projected;
	}

	private static ObjectNode parent(ObjectNode root, String[] path) {
		ObjectNode node = root;
		for (int i = 0; i < path.length - 1; i++) {
			JsonNode child = node.get(path[i]);
			node = (child instanceof ObjectNode object) ? object : node.putObject(path[i]);
		}
		return node;
	}

}
