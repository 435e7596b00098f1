package org.phrhub.gateway.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command; each subcommand does one job. */
@Command(
        name = "device-gateway",
        mixinStandardHelpOptions = true,
        version = "PHR Hub device gateway 0.1.0",
        description = "Brings readings of home Bluetooth blood-pressure monitors into the patient's PHR Hub record.",
        subcommands = {CommandLine.HelpCommand.class, ScanCommand.class, PairCommand.class, RunCommand.class,
            SimulateCommand.class, DecodeCommand.class, StatusCommand.class, UploadCommand.class})
public final class GatewayCommand implements Callable<Integer> {

    /** Invalid input: the exit code {@code decode} and the other commands use for bad arguments or data. */
    public static final int EXIT_INVALID_INPUT = 2;
    /** The command could not do its job (hub or Bluetooth unavailable); nothing accepted was lost. */
    public static final int EXIT_FAILED = 1;

    @Spec
    CommandSpec spec;

    /** Without a subcommand: the usage, as a hint, and the invalid-input exit code. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return EXIT_INVALID_INPUT;
    }

    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new GatewayCommand());
        commandLine.setParameterExceptionHandler((ex, args) -> {
            // One line, so that scripts can show it as it is; picocli's messages rarely span lines, but may.
            ex.getCommandLine().getErr().println(oneLine(ex.getMessage()));
            return EXIT_INVALID_INPUT;
        });
        commandLine.setExecutionExceptionHandler((ex, command, parseResult) -> {
            if (ex instanceof InvalidInputException || ex instanceof IllegalArgumentException) {
                command.getErr().println(oneLine(ex.getMessage()));
                return EXIT_INVALID_INPUT;
            }
            command.getErr().println(command.getCommandName() + " failed: " + oneLine(String.valueOf(ex.getMessage())));
            return EXIT_FAILED;
        });
        return commandLine;
    }

    private static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
