package org.phrhub.ingest.codes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.phrhub.vocabulary.HubImportCodes;
import org.phrhub.vocabulary.JpCore;
import org.phrhub.vocabulary.Loinc;
import org.phrhub.vocabulary.Ucum;

class CodeTablesTest {

    private static final String INSTITUTION = "1234567890";

    @Test
    void nationalTablesGetTheirStandardSystem() {
        assertThat(CodeTables.system(INSTITUTION, "HOT9", "108665201")).isEqualTo(JpCore.HOT9);
        assertThat(CodeTables.system(INSTITUTION, "YJ", "2149039F1022")).isEqualTo(JpCore.YJ);
        assertThat(CodeTables.system(INSTITUTION, "MR9P", "TAB")).isEqualTo(JpCore.MERIT9_UNIT);
        assertThat(CodeTables.system(INSTITUTION, "JAMISDP01", "1013044400000000")).isEqualTo(JpCore.JAMI_USAGE);
        assertThat(CodeTables.system(INSTITUTION, "HL70162", "PO")).isEqualTo(JpCore.ROUTE_HL70162);
        assertThat(CodeTables.system(INSTITUTION, "UCUM", "mm[Hg]")).isEqualTo(Ucum.SYSTEM);
        assertThat(CodeTables.system(INSTITUTION, "LN", "8310-5")).isEqualTo(Loinc.SYSTEM);
        assertThat(CodeTables.system(INSTITUTION, "I10", "K297")).isEqualTo(JpCore.ICD10_MHLW);
    }

    @Test
    void medisDiseaseCodesAndModifiersAreToldApartByTheirForm() {
        assertThat(CodeTables.system(INSTITUTION, "MDCDX2", "20054174")).isEqualTo(JpCore.MEDIS_DISEASE_KEY_NUMBER);
        assertThat(CodeTables.system(INSTITUTION, "MDCDX2", "TSQF")).isEqualTo(JpCore.MEDIS_DISEASE_EXCHANGE_CODE);
        assertThat(CodeTables.modifierSystem(INSTITUTION, "MDCDX2", "12345678")).isEqualTo(JpCore.MEDIS_MODIFIER_KEY_NUMBER);
        assertThat(CodeTables.modifierSystem(INSTITUTION, "MDCDX2", "ABCD")).isEqualTo(JpCore.MEDIS_MODIFIER_EXCHANGE_CODE);
    }

    @Test
    void jc10IsJlac10OnlyWith17Characters() {
        assertThat(CodeTables.system(INSTITUTION, "JC10", "3A016000002327102")).isEqualTo(JpCore.JLAC10);
        // Allergen codes of the same table are 15 characters: no FHIR system the hub knows.
        assertThat(CodeTables.system(INSTITUTION, "JC10", "5A1002216023023")).isEqualTo(HubImportCodes.ssmix2Table("JC10"));
    }

    @Test
    void hospitalTablesAreTheHospitalsOwnAndOtherTablesKeepTheirName() {
        assertThat(CodeTables.system(INSTITUTION, "99O03", "A1")).isEqualTo(HubImportCodes.localCodeSystem(INSTITUTION, "99O03"));
        assertThat(CodeTables.modifierSystem(INSTITUTION, "99MOD", "X")).isEqualTo(HubImportCodes.localCodeSystem(INSTITUTION, "99MOD"));
        assertThat(CodeTables.system(INSTITUTION, "JJ1017", "1000000000000000")).isEqualTo(HubImportCodes.ssmix2Table("JJ1017"));
        assertThat(CodeTables.modifierSystem(INSTITUTION, "MML028", "X")).isEqualTo(HubImportCodes.ssmix2Table("MML028"));
    }
}
