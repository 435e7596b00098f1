package org.phrhub.vocabulary;

/** ISO/IEEE 11073-10101 nomenclature (MDC) codes the gateway uses, as the Personal Health Device IG names them. */
public final class Mdc {

    public static final String SYSTEM = "urn:iso:std:iso:11073:10101";

    /** MDC_PRESS_BLD_NONINV: non-invasive blood pressure, the compound measurement. */
    public static final String BLOOD_PRESSURE = "150020";
    public static final String SYSTOLIC = "150021";
    public static final String DIASTOLIC = "150022";
    public static final String MEAN = "150023";
    /** MDC_PULS_RATE_NON_INV */
    public static final String PULSE_RATE = "149546";
    /** MDC_BLOOD_PRESSURE_MEASUREMENT_STATUS: the Bluetooth measurement status bits. */
    public static final String MEASUREMENT_STATUS = "8410608";
    /** MDC_DEV_SPEC_PROFILE_BPM: a blood-pressure monitor. */
    public static final String BLOOD_PRESSURE_MONITOR = "528391";
    /** MDC_MOC_VMS_MDS_AHD: an application hosting device, i.e. a gateway. */
    public static final String GATEWAY = "531981";

    private Mdc() {}
}
