package dev.microlith.platform.cli;

import picocli.CommandLine.IVersionProvider;

/** The CLI's version: the version of the jar it runs from. */
class CliVersion implements IVersionProvider {

	@Override
	public String[] getVersion() {
		String version = MicrolithCli.class.getPackage().getImplementationVersion();
		return new String[] { "microlith " + ((version != null) ? version : "(development build)") };
	}

}
