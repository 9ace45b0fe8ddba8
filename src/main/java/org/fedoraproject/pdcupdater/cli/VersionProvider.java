package org.fedoraproject.pdcupdater.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into the jar manifest, so {@code --version} never lies. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"pdc-updater " + (version == null ? "(development build)" : version)};
    }
}
