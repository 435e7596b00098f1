package org.phrhub.fhirserver.schema;

import javax.sql.DataSource;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Production nodes on one database start one at a time, from before the schema check until the node is ready.
 * Starting HAPI writes shared rows of its own (the resource types, at its first start on a new database) and the
 * hub writes its search parameter; two nodes starting together would insert the same rows, and one would fail.
 * A node that is up does not hold it; a node that dies while starting releases it with its session.
 */
public final class StartupTurn implements ApplicationListener<ApplicationReadyEvent>, AutoCloseable {

    private final AdvisoryLock lock;

    private StartupTurn(AdvisoryLock lock) {
        this.lock = lock;
    }

    static StartupTurn take(DataSource dataSource) {
        return new StartupTurn(AdvisoryLock.acquire(dataSource, AdvisoryLock.STARTUP, "another node has started"));
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        lock.close();
    }

    /** A start that fails ends its turn as the context closes. */
    @Override
    public void close() {
        lock.close();
    }
}
