package dev.microlith.platform.cli;

import java.io.PrintWriter;
import java.util.Set;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code microlith} command line. {@code java -jar microlith.jar} starts a node when
 * its first argument is not one of {@link #COMMANDS}, and runs the command otherwise.
 * <p>
 * Exit status: 0 on success, 1 when the command failed, 2 for a usage error.
 */
@Command(name = "microlith", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
		description = "Operate a running Microlith node.",
		subcommands = { StatusCommand.class, ListCommand.class, DeployCommand.class, UndeployCommand.class,
				TablesCommand.class, ImportCommand.class, BackupCommand.class, RestoreCommand.class, NewCommand.class,
				CommandLine.HelpCommand.class })
public final class MicrolithCli {

	/** The first arguments that select the CLI instead of starting a node. */
	public static final Set<String> COMMANDS = Set.of("status", "list", "deploy", "undeploy", "tables", "import", "backup", "restore", "new",
			"help", "--help", "-h", "--version", "-V");

	/** Returns whether {@code args} ask for a CLI command rather than a node. */
	public static boolean isCommand(String[] args) {
		return args.length > 0 && COMMANDS.contains(args[0]);
	}

	/** Runs the command in {@code args} and returns its exit status. */
	public static int run(String[] args) {
		return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
	}

	/** Runs the command in {@code args}, writing to {@code out} and {@code err}, and returns its exit status. */
	public static int run(String[] args, PrintWriter out, PrintWriter err) {
		CommandLine commandLine = new CommandLine(new MicrolithCli());
		commandLine.setOut(out);
		commandLine.setErr(err);
		commandLine.setExecutionExceptionHandler((ex, line, parseResult) -> {
			if (ex instanceof CliException) {
				line.getErr().println("microlith: " + ex.getMessage());
				return 1;
			}
			throw ex;
		});
		int status = commandLine.execute(args);
		// Commands may print without a line end, which the writers' autoflush leaves buffered.
		out.flush();
		err.flush();
		return status;
	}

}
