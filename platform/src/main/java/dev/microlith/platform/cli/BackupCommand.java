package dev.microlith.platform.cli;

import java.net.http.HttpRequest;
import java.util.concurrent.Callable;

import tools.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code microlith backup}: writes a backup of every table on the node. */
@Command(name = "backup",
		description = "Write a backup of every table to a file in the node's data directory (writes wait while it runs).")
class BackupCommand implements Callable<Integer> {

	@Mixin
	NodeOptions node;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		JsonNode backup = new NodeClient(this.node).send("POST", "/ops/tables/backup", "application/json",
				HttpRequest.BodyPublishers.noBody());
		this.spec.commandLine().getOut().printf(
				"Backed up the tables at commit sequence %d to %s (%d bytes)%nRestore it with: microlith restore %s (with the node stopped)%n",
				backup.path("sequence").asLong(), backup.path("file").asString(), backup.path("bytes").asLong(),
				backup.path("file").asString());
		return 0;
	}

}
