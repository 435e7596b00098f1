package org.phrhub.ingest.ssmix2.map;

import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.phrhub.ingest.ssmix2.hl7.Hl7Times;
import org.phrhub.ingest.ssmix2.hl7.MessageFields;
import org.phrhub.vocabulary.JpCore;

/**
 * The patient as one hospital's message names them (PID): the hospital's patient number, kanji and kana
 * names, birth date, gender, address. Identity linking matches on these; ADT-00 stores them.
 */
public record SourcePatient(
        String patientNumber,
        List<HumanName> names,
        Optional<DateType> birthDate,
        Optional<AdministrativeGender> gender,
        List<Address> addresses) {

    /** Reads the message's PID; a message without a patient number is refused. */
    public static SourcePatient of(Message message) throws MappingException {
        MessageFields fields = new MessageFields(message);
        List<Segment> pids = fields.all("PID");
        if (pids.isEmpty()) {
            throw new MappingException("the message has no PID segment: whose data it is cannot be told");
        }
        Segment pid = pids.getFirst();
        String number = MessageFields.get(pid, 3, 0, 1, 1)
                .orElseThrow(() -> new MappingException("PID-3 (the patient number) is empty"));
        try {
            return new SourcePatient(number, names(pid), Hl7Times.date(MessageFields.get(pid, 7, 0, 1, 1)),
                    gender(MessageFields.get(pid, 8, 0, 1, 1)), addresses(pid));
        } catch (DateTimeParseException e) {
            throw new MappingException("PID-7 (birth date) '" + e.getParsedString() + "' is not a date", e);
        }
    }

    /** The kana name (syllabic representation), which matching compares. */
    public Optional<HumanName> kanaName() {
        return names.stream().filter(name -> JpCore.SYLLABIC.equals(representation(name))).findFirst();
    }

    public Optional<HumanName> kanjiName() {
        return names.stream().filter(name -> JpCore.IDEOGRAPHIC.equals(representation(name))).findFirst();
    }

    private static String representation(HumanName name) {
        var extension = name.getExtensionByUrl(JpCore.NAME_REPRESENTATION_EXTENSION);
        return extension == null ? null : extension.getValue().primitiveValue();
    }

    /** PID-5 repetitions; XPN-8 tells kanji ({@code I}) from kana ({@code P}). */
    private static List<HumanName> names(Segment pid) {
        List<HumanName> names = new ArrayList<>();
        for (int rep = 0; rep < MessageFields.repetitions(pid, 5); rep++) {
            Optional<String> family = MessageFields.get(pid, 5, rep, 1, 1);
            Optional<String> given = MessageFields.get(pid, 5, rep, 2, 1);
            if (family.isEmpty() && given.isEmpty()) {
                continue;
            }
            HumanName name = new HumanName().setUse(HumanName.NameUse.OFFICIAL);
            family.ifPresent(name::setFamily);
            given.ifPresent(name::addGiven);
            // JP Core joins family and given name with one half-width space.
            name.setText(String.join(" ", family.orElse(""), given.orElse("")).strip());
            switch (MessageFields.get(pid, 5, rep, 8, 1).orElse("")) {
                case "I" -> name.addExtension(JpCore.NAME_REPRESENTATION_EXTENSION, new CodeType(JpCore.IDEOGRAPHIC));
                case "P" -> name.addExtension(JpCore.NAME_REPRESENTATION_EXTENSION, new CodeType(JpCore.SYLLABIC));
                default -> { }
            }
            names.add(name);
        }
        return names;
    }

    private static Optional<AdministrativeGender> gender(Optional<String> code) {
        return code.map(value -> switch (value) {
            case "M" -> AdministrativeGender.MALE;
            case "F" -> AdministrativeGender.FEMALE;
            case "O" -> AdministrativeGender.OTHER;
            default -> AdministrativeGender.UNKNOWN;
        });
    }

    /** PID-11: JAHIS writes the whole address as text in XAD-8, the postal code in XAD-5. */
    private static List<Address> addresses(Segment pid) {
        List<Address> addresses = new ArrayList<>();
        for (int rep = 0; rep < MessageFields.repetitions(pid, 11); rep++) {
            Optional<String> text = MessageFields.get(pid, 11, rep, 8, 1);
            Optional<String> postalCode = MessageFields.get(pid, 11, rep, 5, 1);
            if (text.isEmpty() && postalCode.isEmpty()) {
                continue;
            }
            Address address = new Address();
            text.ifPresent(address::setText);
            postalCode.ifPresent(address::setPostalCode);
            MessageFields.get(pid, 11, rep, 6, 1).ifPresent(address::setCountry);
            switch (MessageFields.get(pid, 11, rep, 7, 1).orElse("")) {
                case "H" -> address.setUse(Address.AddressUse.HOME);
                case "B", "O" -> address.setUse(Address.AddressUse.WORK);
                default -> { }
            }
            addresses.add(address);
        }
        return addresses;
    }
}
