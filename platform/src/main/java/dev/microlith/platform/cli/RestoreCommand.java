package dev.microlith.platform.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import dev.microlith.platform.node.DataDirectory;
import dev.microlith.platform.node.DataDirectoryException;
import dev.microlith.platform.storage.StorageEngine;
import dev.microlith.platform.storage.StorageProperties;
import dev.microlith.sdk.table.TableException;

/**
 * {@code microlith restore FILE}: replaces the tables of a stopped node's data directory
 * with a backup. It works on the directory itself, not through a running node, and fails
 * while a node holds the directory's lock.
 */
@Command(name = "restore",
		description = "Replace the tables in a stopped node's data directory with a backup written by 'microlith backup'. The replaced files are kept in a replaced-* folder.")
class RestoreCommand implements Callable<Integer> {

	@Parameters(paramLabel = "FILE", description = "The backup file.")
	Path backup;

	@Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:MICROLITH_DATA_DIR:-data}",
			description = "The node's data directory (environment MICROLITH_DATA_DIR; default ${DEFAULT-VALUE}).")
	Path dataDirectory;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		if (!Files.isRegularFile(this.backup) || !Files.isReadable(this.backup)) {
			throw new CliException("Cannot read backup '" + this.backup.toAbsolutePath()
					+ "': no such readable file. Pass a file written by 'microlith backup'");
		}
		boolean restored;
		try (DataDirectory directory = DataDirectory.open(this.dataDirectory)) {
			restored = StorageEngine.restoreOffline(this.backup, directory.path(), new StorageProperties());
		}
		catch (DataDirectoryException ex) {
			throw new CliException(ex.getMessage() + ". " + ex.action(), ex);
		}
		catch (TableException | IOException ex) {
			throw new CliException("Restore of '" + this.backup.toAbsolutePath() + "' failed: " + ex.getMessage(), ex);
		}
		this.spec.commandLine().getOut().println(restored
				? "Restored the tables in " + this.dataDirectory.toAbsolutePath().normalize() + " from " + this.backup
				: "This backup was already restored into " + this.dataDirectory.toAbsolutePath().normalize()
						+ "; nothing changed");
		return 0;
	}

}
