package org.phrhub.gateway;

import org.phrhub.gateway.cli.GatewayCommand;
import picocli.CommandLine;

/** {@code java -jar device-gateway.jar <command>}: the home gateway's entry point. */
public final class DeviceGatewayApplication {

    private DeviceGatewayApplication() {}

    public static void main(String[] args) {
        System.exit(GatewayCommand.commandLine().execute(args));
    }
}
