package org.ucspi4j.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the ucspi4j version, and the Java runtime it runs on. */
final class Versions implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Versions.class.getPackage().getImplementationVersion();
        return new String[] {"ucspi4j " + (v == null ? "(development build)" : v) + " on Java "
                + Runtime.version() + " (" + System.getProperty("java.vm.vendor") + ")"};
    }
}
