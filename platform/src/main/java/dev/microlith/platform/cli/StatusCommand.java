package dev.microlith.platform.cli;

import java.util.concurrent.Callable;

import tools.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code microlith status}: the node's health, version and uptime. */
@Command(name = "status", description = "Show the node's health, version, uptime and heap.")
class StatusCommand implements Callable<Integer> {

	@Mixin
	NodeOptions node;

	@Option(names = "--json", description = "Print the node's response as JSON.")
	boolean json;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		NodeClient client = new NodeClient(this.node);
		JsonNode health = client.get("/actuator/health");
		JsonNode info = client.get("/ops/node");
		if (this.json) {
			this.spec.commandLine().getOut().println(info);
			return 0;
		}
		JsonNode heap = info.path("heap");
		this.spec.commandLine().getOut().printf("Node %s: %s, version %s, up %s, heap %d of %d MiB used, data in %s%n",
				client.base(), health.path("status").asString("UNKNOWN"), info.path("version").asString(),
				Formats.duration(info.path("uptimeSeconds").asLong()), heap.path("used").asLong() >> 20,
				heap.path("max").asLong() >> 20, info.path("dataDirectory").asString());
		return "UP".equals(health.path("status").asString()) ? 0 : 1;
	}

}
