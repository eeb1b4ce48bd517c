package dev.microlith.platform.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

/** {@code microlith tables}: the node's tables with their owner, key type, indexes and size. */
@Command(name = "tables", description = "List the node's tables with their owner, key type, indexes and number of records.")
class TablesCommand implements Callable<Integer> {

	@Mixin
	NodeOptions node;

	@Option(names = "--json", description = "Print the node's response as JSON.")
	boolean json;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		JsonNode tables = new NodeClient(this.node).get("/ops/tables");
		if (this.json) {
			this.spec.commandLine().getOut().println(tables);
			return 0;
		}
		if (tables.isEmpty()) {
			this.spec.commandLine().getOut().println("No tables declared.");
			return 0;
		}
		List<List<String>> rows = new ArrayList<>();
		rows.add(List.of("NAME", "OWNER", "EXPORTED", "KEY", "INDEXES", "RECORDS"));
		for (JsonNode table : tables) {
			List<String> indexes = new ArrayList<>();
			table.path("indexes").forEach((index) -> indexes.add(index.asString()));
			rows.add(List.of(table.path("name").asString(), table.path("owner").asString(),
					table.path("exported").asBoolean() ? "yes" : "no", table.path("keyType").asString(),
					indexes.isEmpty() ? "-" : String.join(",", indexes), Long.toString(table.path("count").asLong())));
		}
		this.spec.commandLine().getOut().print(Formats.table(rows));
		return 0;
	}

}
