package dev.microlith.platform.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code microlith undeploy NAME}: stops and removes a component; its tables keep their data. */
@Command(name = "undeploy", description = "Stop and remove a component. Its tables keep their data.")
class UndeployCommand implements Callable<Integer> {

	@Mixin
	NodeOptions node;

	@Parameters(paramLabel = "NAME", description = "The component's name, as 'microlith list' shows it.")
	String name;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		new NodeClient(this.node).delete("/ops/components/" + URLEncoder.encode(this.name, StandardCharsets.UTF_8));
		this.spec.commandLine().getOut().printf("Undeployed %s%n", this.name);
		return 0;
	}

}
