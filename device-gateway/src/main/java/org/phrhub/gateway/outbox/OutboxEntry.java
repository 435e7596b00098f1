package org.phrhub.gateway.outbox;

import org.phrhub.gateway.ble.Indication;
import org.phrhub.gateway.ble.MonitorInfo;

/**
 * One value a monitor sent, as the outbox keeps it until the server has confirmed it: the raw bytes and
 * who sent them, so that a decoder fixed later can still read what was kept.
 *
 * @param id reception order; ids only grow, also across restarts
 */
public record OutboxEntry(long id, MonitorInfo monitor, Indication indication) {}
