package org.phrhub.gateway.fhir;

import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.phrhub.gateway.ble.MonitorInfo;
import org.phrhub.gateway.pairing.Binding;
import org.phrhub.vocabulary.DataSourceTags;
import org.phrhub.vocabulary.HubIdentifiers;
import org.phrhub.vocabulary.Mdc;
import org.phrhub.vocabulary.PersonalHealthDevice;

/**
 * The Devices of the Personal Health Device IG: the monitor (sensor) bound to its patient, and the
 * gateway that forwards its readings.
 */
public final class MonitorDevices {

    private MonitorDevices() {}

    /** The value of the binding identifier that makes the monitor's Device unique on the server. */
    public static String bindingKey(String address, Optional<Integer> userId) {
        return address.toUpperCase(java.util.Locale.ROOT) + userId.map(id -> "/user-" + id).orElse("");
    }

    /** The monitor, or one user slot of a multi-user monitor, as a sensor Device of the bound patient. */
    public static Device sensor(Binding binding, MonitorInfo monitor) {
        Device device = new Device();
        device.getMeta().addTag(DataSourceTags.SYSTEM, DataSourceTags.PHR, "Personal health record (home device)");
        device.addIdentifier().setSystem(HubIdentifiers.MONITOR_BINDING).setValue(bindingKey(binding.address(), binding.userId()));
        monitor.systemId().or(binding::systemId).ifPresent(systemId -> device.addIdentifier(
                typed("SYSID", "IEEE 11073 System Identifier", PersonalHealthDevice.SYSTEM_ID, dashed(systemId))));
        device.addIdentifier(typed("BTMAC", "Bluetooth MAC address", PersonalHealthDevice.BLUETOOTH_ADDRESS,
                binding.address().replace(':', '-')));
        device.setStatus(Device.FHIRDeviceStatus.ACTIVE);
        device.setType(new CodeableConcept().addCoding(new Coding(Mdc.SYSTEM, Mdc.BLOOD_PRESSURE_MONITOR, "MDC_DEV_SPEC_PROFILE_BPM"))
                .setText("Blood pressure monitor"));
        monitor.manufacturer().ifPresent(device::setManufacturer);
        monitor.model().ifPresent(device::setModelNumber);
        monitor.name().ifPresent(name -> device.addDeviceName().setName(name).setType(Device.DeviceNameType.USERFRIENDLYNAME));
        device.setPatient(new Reference(binding.patient()));
        return device;
    }

    /** This gateway; it belongs to no patient. */
    public static Device gateway(String gatewayId) {
        Device device = new Device();
        device.addIdentifier().setSystem(HubIdentifiers.DEVICE_GATEWAY).setValue(gatewayId);
        device.setStatus(Device.FHIRDeviceStatus.ACTIVE);
        device.setType(new CodeableConcept().addCoding(new Coding(Mdc.SYSTEM, Mdc.GATEWAY, "MDC_MOC_VMS_MDS_AHD"))
                .setText("PHR Hub home gateway"));
        device.addDeviceName().setName("PHR Hub device gateway " + gatewayId).setType(Device.DeviceNameType.USERFRIENDLYNAME);
        return device;
    }

    private static Identifier typed(String typeCode, String typeDisplay, String system, String value) {
        Identifier identifier = new Identifier().setSystem(system).setValue(value);
        identifier.setType(new CodeableConcept().addCoding(new Coding(PersonalHealthDevice.DEVICE_IDENTIFIER_TYPES, typeCode, typeDisplay)));
        return identifier;
    }

    /** EUI-64 as the IG writes it: byte pairs separated by dashes. */
    private static String dashed(String hex) {
        return String.join("-", hex.toUpperCase(java.util.Locale.ROOT).split("(?<=\\G..)"));
    }
}
