package dev.microlith.platform;

import dev.microlith.platform.cli.MicrolithCli;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts a Microlith node, or runs a {@code microlith} CLI command when the first
 * argument names one (see {@link MicrolithCli}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MicrolithApplication {

	public static void main(String[] args) {
		if (Boolean.getBoolean(MicrolithCli.CLI_PROPERTY) || MicrolithCli.isCommand(args)) {
			System.exit(MicrolithCli.run(args));
		}
		try {
			SpringApplication.run(MicrolithApplication.class, args);
		}
		catch (RuntimeException ex) {
			// Spring Boot has already reported the failure (one line per known cause), and the
			// exit code lets scripts and service managers detect that the node did not start.
			System.exit(1);
		}
	}

}
