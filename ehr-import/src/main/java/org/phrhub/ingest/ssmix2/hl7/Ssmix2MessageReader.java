package org.phrhub.ingest.ssmix2.hl7;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.CustomModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.Map;

/**
 * Reads one SS-MIX2 file into a HAPI HL7v2 message. The bytes are decoded as ISO-2022-JP here, strictly,
 * because HAPI's own handling of MSH-18 {@code ISO IR87} does not decode these files correctly; then HAPI
 * parses the text with v2.5 structures, plus the JAHIS messages and Z-segments of
 * {@code org.phrhub.ingest.ssmix2.hl7.jahis}. JAHIS puts its own data types in OBX-2 (e.g. ZRD), read as ST.
 */
public final class Ssmix2MessageReader {

    private static final Charset ISO_2022_JP = Charset.forName("ISO-2022-JP");
    /**
     * HAPI looks for custom structures in {@code <package>.message} and {@code <package>.segment} of the
     * packages given per version, so the version's package ({@code .v25}) is part of the name given.
     */
    private static final String JAHIS_PACKAGE = "org.phrhub.ingest.ssmix2.hl7.jahis";

    private final PipeParser parser;

    public Ssmix2MessageReader() {
        HapiContext context = new DefaultHapiContext();
        context.setValidationContext(ValidationContextFactory.noValidation());
        context.getParserConfiguration().setInvalidObx2Type("ST");
        context.getParserConfiguration().setDefaultObx2Type("ST");
        context.setModelClassFactory(new CustomModelClassFactory(new CanonicalModelClassFactory("2.5"),
                Map.of("2.5", new String[] {JAHIS_PACKAGE + ".v25"})));
        this.parser = context.getPipeParser();
    }

    /** The file's text: ISO-2022-JP decoded, segments separated by CR as HL7 requires. */
    public static String decode(byte[] bytes) throws Hl7ReadException {
        CharsetDecoder decoder = ISO_2022_JP.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        String text;
        try {
            text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Hl7ReadException("not ISO-2022-JP text (SS-MIX2 files must be ISO-2022-JP): " + e.getMessage(), e);
        }
        // Some exporters end segments with CR LF or LF; HL7 knows only CR.
        return text.replace("\r\n", "\r").replace('\n', '\r');
    }

    public Message read(byte[] bytes) throws Hl7ReadException {
        String text = decode(bytes);
        if (!text.startsWith("MSH|")) {
            String start = text.length() > 20 ? text.substring(0, 20) + "..." : text;
            throw new Hl7ReadException("not an HL7 v2 message: it must start with an MSH segment, starts with '"
                    + start.replace("\r", "\\r") + "'");
        }
        try {
            return parser.parse(text);
        } catch (HL7Exception e) {
            throw new Hl7ReadException("malformed HL7 v2 message: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new Hl7ReadException("unreadable HL7 v2 message: " + e, e);
        }
    }
}
