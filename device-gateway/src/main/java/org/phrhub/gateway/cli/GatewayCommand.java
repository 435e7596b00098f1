package org.phrhub.gateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command; each subcommand does one job. */
@Command(
        name = "device-gateway",
        mixinStandardHelpOptions = true,
        version = "PHR Hub device gateway 0.1.0",
        description = "Brings readings of home Bluetooth blood-pressure monitors into the patient's PHR Hub record.",
        subcommands = {CommandLine.HelpCommand.class, DecodeCommand.class})
public final class GatewayCommand {

    /** Invalid input: the exit code {@code decode} and the other commands use for bad arguments or data. */
    public static final int EXIT_INVALID_INPUT = 2;

    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new GatewayCommand());
        commandLine.setParameterExceptionHandler((ex, args) -> {
            // One line, so that scripts can show it as it is; picocli's messages rarely span lines, but may.
            ex.getCommandLine().getErr().println(ex.getMessage().strip().replaceAll("\\s*\\R\\s*", " "));
            return EXIT_INVALID_INPUT;
        });
        return commandLine;
    }
}
