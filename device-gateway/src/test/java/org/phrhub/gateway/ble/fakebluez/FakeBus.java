package org.phrhub.gateway.ble.fakebluez;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.Variant;

/**
 * The fake's connection as {@code org.bluez}: the object manager at {@code /} that TinyB lists objects from,
 * and the one place signals leave from. dbus-java queues every outgoing message for one sender thread, so
 * signals and method replies reach the bus in the order they were sent.
 */
final class FakeBus implements ObjectManager {

    private final DBusConnection connection;
    private final ExecutorService peripheral = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fake-bluez-peripheral");
        thread.setDaemon(true);
        return thread;
    });
    /** Exported objects by path, in the order added; guarded by {@code this}. */
    private final Map<String, BluezObject> objects = new LinkedHashMap<>();

    FakeBus(DBusConnection connection) throws DBusException {
        this.connection = connection;
        connection.exportObject("/", this);
    }

    @Override
    public String getObjectPath() {
        return "/";
    }

    @Override
    public Map<DBusPath, Map<String, Map<String, Variant<?>>>> GetManagedObjects() {
        List<BluezObject> listed;
        synchronized (this) {
            listed = List.copyOf(objects.values());
        }
        // Outside this lock: a device holds its own while it adds objects here.
        Map<DBusPath, Map<String, Map<String, Variant<?>>>> managed = new LinkedHashMap<>();
        listed.forEach(object -> managed.put(object.dbusPath(), object.interfaces()));
        return managed;
    }

    /** Exports the object and announces it with {@code InterfacesAdded}. */
    void add(BluezObject object) {
        try {
            synchronized (this) {
                connection.exportObject(object.getObjectPath(), object);
                objects.put(object.getObjectPath(), object);
            }
            send(new ObjectManager.InterfacesAdded("/", object.dbusPath(), object.interfaces()));
        } catch (DBusException e) {
            throw new IllegalStateException("Could not export " + object.getObjectPath() + ": " + e.getMessage(), e);
        }
    }

    /** Announces the object's end with {@code InterfacesRemoved} and stops serving it. */
    void remove(BluezObject object) {
        List<String> interfaces = List.copyOf(object.interfaces().keySet());
        synchronized (this) {
            objects.remove(object.getObjectPath());
        }
        try {
            send(new ObjectManager.InterfacesRemoved("/", object.dbusPath(), interfaces));
        } catch (DBusException e) {
            throw new IllegalStateException("Could not signal the removal of " + object.getObjectPath() + ": " + e.getMessage(), e);
        }
        connection.unExportObject(object.getObjectPath());
    }

    synchronized boolean contains(BluezObject object) {
        return objects.containsKey(object.getObjectPath());
    }

    void propertiesChanged(BluezObject object, String iface, Map<String, Variant<?>> changed) {
        try {
            send(new Properties.PropertiesChanged(object.getObjectPath(), iface, changed, List.of()));
        } catch (DBusException e) {
            throw new IllegalStateException("Could not signal a change of " + object.getObjectPath() + ": " + e.getMessage(), e);
        }
    }

    private void send(DBusSignal signal) {
        connection.sendMessage(signal);
    }

    /**
     * Runs the action on the one thread a peripheral acts on by itself (after a method call has returned,
     * say), after every action handed over before it.
     */
    void later(Runnable action) {
        peripheral.execute(action);
    }
}
