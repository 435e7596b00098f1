package org.phrhub.fhirserver.ingest;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.phrhub.vocabulary.HubIdentifiers;
import org.phrhub.vocabulary.JpCore;

/**
 * Under which identifier system each hospital's bundles carry its patient number: JP Core's
 * ({@code urn:oid:1.2.392.100495.20.3.51.1} + the institution code) unless configured otherwise for that
 * institution ({@code phrhub.import.patient-number-systems.<institution code>}), e.g. a Synthea export's
 * medical record number ({@code http://hospital.smarthealthit.org}) or a hospital's own OID.
 *
 * <p>Whatever system a hospital uses, the resident's canonical Patient holds an enrolled number in JP Core's
 * form. That form names the institution, so two hospitals that use the same system (every Synthea export
 * uses the one above) never share a number, SS-MIX2 and bundles of one hospital find the same enrolment, and
 * changing the configuration loses none.
 *
 * @param configured the configured system by 10-digit institution code
 */
public record PatientNumberSystems(Map<String, String> configured) {

    public static final String PROPERTY = "phrhub.import.patient-number-systems";

    public PatientNumberSystems {
        configured = Map.copyOf(new TreeMap<>(configured));
        configured.forEach(PatientNumberSystems::check);
    }

    /** The system bundles of this institution carry its patient numbers under. */
    public String systemOf(String institutionCode) {
        return configured.getOrDefault(institutionCode, JpCore.patientNumberSystem(institutionCode));
    }

    /**
     * The systems a bundle's Patient of this institution may carry its patient number under: the configured one
     * first, and JP Core's, which names the institution and so is never another hospital's.
     */
    public List<String> systemsOf(String institutionCode) {
        String jpCore = JpCore.patientNumberSystem(institutionCode);
        String own = systemOf(institutionCode);
        return own.equals(jpCore) ? List.of(jpCore) : List.of(own, jpCore);
    }

    /** How a message names the systems, e.g. {@code http://hospital.smarthealthit.org (configured) or urn:oid:…}. */
    public String describe(String institutionCode) {
        List<String> systems = systemsOf(institutionCode);
        return systems.size() == 1 ? systems.getFirst()
                : systems.get(0) + " (configured by " + PROPERTY + "." + institutionCode + ") or " + systems.get(1);
    }

    private static void check(String institutionCode, String system) {
        String property = PROPERTY + "." + institutionCode;
        try {
            HospitalDirectory.requireInstitutionCode(institutionCode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + ": " + e.getMessage(), e);
        }
        if (system == null || system.isBlank() || !system.contains(":") || system.contains("|") || !system.strip().equals(system)) {
            throw new IllegalArgumentException(property + " must be an identifier system URI (e.g. http://hospital.example/mrn or "
                    + "urn:oid:1.2.3), not '" + system + "'");
        }
        if (system.equals(HubIdentifiers.COMMON_ID) || system.equals(HubIdentifiers.SOURCE_RECORD)) {
            throw new IllegalArgumentException(property + " is " + system + ", one of the hub's own systems; "
                    + "give the system the hospital's Patient resources carry its patient number under");
        }
    }
}
