package org.phrhub.gateway.cli;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Bytes written as hex on the command line: digits in either case, optionally led by {@code 0x}, whole bytes
 * optionally separated by runs of spaces, colons or hyphens ({@code 1E7800}, {@code 1e 78 00}, {@code 1E:78:00},
 * {@code 0x1E-78-00}). A separator may only fall between two bytes, so a digit lost in typing is an error rather
 * than a silent shift of every byte after it.
 */
final class HexPayload {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s:-]+");
    private static final Pattern HEX_DIGITS = Pattern.compile("[0-9A-Fa-f]*");

    private HexPayload() {}

    static byte[] parse(String text) throws InvalidHexException {
        String hex = text.strip();
        if (hex.startsWith("0x") || hex.startsWith("0X")) {
            hex = hex.substring(2);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String group : SEPARATORS.split(hex, -1)) {
            if (group.isEmpty() && hex.isEmpty()) {
                continue;
            }
            if (!HEX_DIGITS.matcher(group).matches()) {
                throw new InvalidHexException("'" + group + "' is not hex: use the digits 0-9 and A-F, separated by"
                        + " spaces, colons or hyphens between bytes");
            }
            if (group.isEmpty() || group.length() % 2 != 0) {
                throw new InvalidHexException("'" + text.strip() + "' does not split into whole bytes: every byte"
                        + " needs two hex digits, and separators may only stand between bytes");
            }
            bytes.writeBytes(HexFormat.of().parseHex(group));
        }
        return bytes.toByteArray();
    }

    /** The text on the command line is not hex this command reads. */
    static final class InvalidHexException extends Exception {

        private static final long serialVersionUID = 1L;

        InvalidHexException(String message) {
            super(message);
        }
    }
}
