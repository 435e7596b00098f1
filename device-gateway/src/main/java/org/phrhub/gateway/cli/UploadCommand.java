package org.phrhub.gateway.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.phrhub.gateway.Gateway;
import org.phrhub.gateway.upload.OutboxUploader;
import org.phrhub.gateway.upload.UploadException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Uploads what the outbox holds, once: for a cron job, or after the hub was unreachable for a long time. */
@Command(name = "upload", description = "Upload the readings waiting in the outbox, then exit (1 if the hub could not take them).")
public final class UploadCommand implements Callable<Integer> {

    @Mixin
    HubOptions hub;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Gateway gateway = hub.gateway(Clock.systemUTC());
        try {
            OutboxUploader.Pass pass = gateway.uploader().uploadPending();
            spec.commandLine().getOut().println(pass.describe());
            // Dead letters are kept, but someone must look at them (status shows why).
            return pass.deadLettered() == 0 ? 0 : GatewayCommand.EXIT_FAILED;
        } catch (UploadException e) {
            gateway.uploadState().recordFailure(e.getMessage());
            spec.commandLine().getErr().println("upload failed, readings kept in the outbox: " + e.getMessage());
            return 1;
        }
    }
}
