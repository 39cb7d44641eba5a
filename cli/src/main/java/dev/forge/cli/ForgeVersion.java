package dev.forge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** Forge's version, as the build stamped it. */
final class ForgeVersion implements CommandLine.IVersionProvider {

    static String version() {
        try (InputStream in = ForgeVersion.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException unreadable) {
            return "unknown";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"Forge " + version() + " (Java " + Runtime.version() + ")"};
    }
}
