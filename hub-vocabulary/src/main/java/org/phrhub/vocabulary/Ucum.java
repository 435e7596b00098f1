package org.phrhub.vocabulary;

/** UCUM, the system of the hub's quantities, and the units the hub writes itself. */
public final class Ucum {

    public static final String SYSTEM = "http://unitsofmeasure.org";

    public static final String MM_HG = "mm[Hg]";
    public static final String KPA = "kPa";
    public static final String PER_MINUTE = "/min";

    private Ucum() {}
}
