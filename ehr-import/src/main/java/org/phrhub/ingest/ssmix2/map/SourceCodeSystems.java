package org.phrhub.ingest.ssmix2.map;

import java.util.Map;
import org.phrhub.ingest.codes.HubImportCodes;
import org.phrhub.ingest.codes.Hl7Terminology;
import org.phrhub.ingest.codes.JpCore;
import org.phrhub.ingest.codes.Loinc;

/**
 * The FHIR system of each code table name JAHIS messages write in CE/CWE-3. A table this hub does not know
 * (a hospital's {@code 99...} tables, or one it has no FHIR system for) is kept as that hospital's own.
 */
public final class SourceCodeSystems {

    private static final Map<String, String> KNOWN = Map.of(
            "HOT9", JpCore.HOT9,
            "YJ", JpCore.YJ,
            "MR9P", JpCore.MERIT9_UNIT,
            "JC10", JpCore.JLAC10,
            "JAMISDP01", JpCore.JAMI_USAGE,
            "HL70162", JpCore.ROUTE_HL70162,
            "UCUM", Hl7Terminology.UCUM,
            "LN", Loinc.SYSTEM);

    private final String institutionCode;

    public SourceCodeSystems(String institutionCode) {
        this.institutionCode = institutionCode;
    }

    public String system(String table) {
        String known = KNOWN.get(table);
        return known != null ? known : HubImportCodes.localCodeSystem(institutionCode, table);
    }
}
