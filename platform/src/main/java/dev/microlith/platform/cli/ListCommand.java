package dev.microlith.platform.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import tools.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code microlith list}: the node's components and their states. */
@Command(name = "list", description = "List the node's components with their version and state.")
class ListCommand implements Callable<Integer> {

	@Mixin
	NodeOptions node;

	@Option(names = "--json", description = "Print the node's response as JSON.")
	boolean json;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		JsonNode components = new NodeClient(this.node).get("/ops/components");
		if (this.json) {
			this.spec.commandLine().getOut().println(components);
			return 0;
		}
		if (components.isEmpty()) {
			this.spec.commandLine().getOut().println("No components deployed.");
			return 0;
		}
		List<List<String>> rows = new ArrayList<>();
		rows.add(List.of("NAME", "VERSION", "STATE", "LAST ERROR"));
		for (JsonNode component : components) {
			rows.add(List.of(component.path("name").asString(), component.path("version").asString(),
					component.path("state").asString(), component.path("lastError").asString("")));
		}
		this.spec.commandLine().getOut().print(Formats.table(rows));
		return 0;
	}

}
