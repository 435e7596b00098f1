/**
 * How the gateway keeps its state files (outbox entries, bindings, upload state, gateway id) on disk so that a
 * crash never leaves one empty or half-written.
 */
package org.phrhub.gateway.storage;
