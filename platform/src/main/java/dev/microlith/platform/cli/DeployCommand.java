package dev.microlith.platform.cli;

import java.io.FileNotFoundException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import tools.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code microlith deploy JAR}: deploys or replaces a component and waits for the outcome. */
@Command(name = "deploy",
		description = "Deploy a component jar, or replace the running version of it, and wait until it is ACTIVE or has failed.")
class DeployCommand implements Callable<Integer> {

	@Mixin
	NodeOptions node;

	@Parameters(paramLabel = "JAR", description = "The component jar to deploy.")
	Path jar;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() throws FileNotFoundException {
		if (!Files.isRegularFile(this.jar) || !Files.isReadable(this.jar)) {
			throw new CliException("Cannot read component jar '" + this.jar.toAbsolutePath()
					+ "': no such readable file. Pass the path of a built component jar");
		}
		JsonNode component = new NodeClient(this.node).send("POST", "/ops/components", "application/java-archive",
				HttpRequest.BodyPublishers.ofFile(this.jar));
		this.spec.commandLine().getOut().printf("Deployed %s %s: %s%n", component.path("name").asString(),
				component.path("version").asString(), component.path("state").asString());
		return 0;
	}

}
