package org.phrhub.gateway.ble.fakebluez;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * One object on the fake bus with its interfaces' properties, served through
 * {@code org.freedesktop.DBus.Properties}; a change is signalled as BlueZ does, by {@code PropertiesChanged}.
 */
abstract class BluezObject implements Properties {

    protected final FakeBus bus;
    private final String path;
    /** Interface name to its properties; guarded by {@code this}. */
    private final Map<String, Map<String, Variant<?>>> interfaces = new LinkedHashMap<>();

    BluezObject(FakeBus bus, String path) {
        this.bus = bus;
        this.path = path;
    }

    @Override
    public String getObjectPath() {
        return path;
    }

    DBusPath dbusPath() {
        return new DBusPath(path);
    }

    protected synchronized void declare(String iface, Map<String, Variant<?>> properties) {
        interfaces.put(iface, new LinkedHashMap<>(properties));
    }

    synchronized Map<String, Map<String, Variant<?>>> interfaces() {
        Map<String, Map<String, Variant<?>>> copy = new LinkedHashMap<>();
        interfaces.forEach((name, properties) -> copy.put(name, new LinkedHashMap<>(properties)));
        return copy;
    }

    synchronized Variant<?> property(String iface, String name) {
        return interfaces.get(iface).get(name);
    }

    /** Changes a property and signals the change; waits until the signal is on the bus. */
    protected void set(String iface, String name, Variant<?> value) {
        synchronized (this) {
            interfaces.get(iface).put(name, value);
        }
        bus.propertiesChanged(this, iface, Map.of(name, value));
    }

    @Override
    public synchronized Map<String, Variant<?>> GetAll(String iface) {
        Map<String, Variant<?>> properties = interfaces.get(iface);
        return properties == null ? Map.of() : new LinkedHashMap<>(properties);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <A> A Get(String iface, String name) {
        Map<String, Variant<?>> properties = interfaces.get(iface);
        if (properties == null || !properties.containsKey(name)) {
            throw error("org.freedesktop.DBus.Error.InvalidArgs", "No such property '" + name + "'");
        }
        return (A) properties.get(name);
    }

    @Override
    public <A> void Set(String iface, String name, A value) {
        throw error("org.freedesktop.DBus.Error.PropertyReadOnly", "The fake BlueZ does not set " + iface + "." + name);
    }

    static DBusExecutionException error(String name, String message) {
        DBusExecutionException error = new DBusExecutionException(message);
        error.setType(name);
        return error;
    }

    static Variant<String> text(String value) {
        return new Variant<>(value, "s");
    }

    static Variant<Boolean> flag(boolean value) {
        return new Variant<>(value, "b");
    }

    static Variant<UInt32> uint32(long value) {
        return new Variant<>(new UInt32(value), "u");
    }

    static Variant<UInt16> uint16(int value) {
        return new Variant<>(new UInt16(value), "q");
    }

    static Variant<Short> int16(int value) {
        return new Variant<>((short) value, "n");
    }

    static Variant<byte[]> bytes(byte[] value) {
        return new Variant<>(value.clone(), "ay");
    }

    static Variant<String[]> texts(List<String> values) {
        return new Variant<>(values.toArray(String[]::new), "as");
    }

    static Variant<DBusPath> objectPath(DBusPath value) {
        return new Variant<>(value, "o");
    }
}
