/**
 * Exact decoding of the Bluetooth Blood Pressure Service: Blood Pressure Measurement (0x2A35), Intermediate Cuff
 * Pressure (0x2A36) and Blood Pressure Feature (0x2A49), and the inverse encoding for simulated monitors.
 *
 * <p>Where the specification leaves a receiver a choice, this package decides so:
 *
 * <ul>
 *   <li>Flags bits 5-7 are reserved and ignored: they change neither the unit nor which fields are present.
 *   <li>A payload must be exactly as long as its flags announce. Bytes beyond that are refused, not skipped: they
 *       mean the monitor does not follow the layout, so the fields read may be misplaced. Monitors that deviate in a
 *       known way get a {@link org.phrhub.gateway.ble.decode.QuirksProfile}.
 *   <li>An SFLOAT mantissa of 0x7FE, 0x7FF, 0x800, 0x801 or 0x802 is the special value whatever the exponent
 *       (numbers stay within ±2045); 0x801 is {@link org.phrhub.gateway.ble.decode.SFloat.Kind#RESERVED}, written
 *       {@code reserved}.
 *   <li>Pulse rate range 0b11 (reserved) is kept as
 *       {@link org.phrhub.gateway.ble.decode.PulseRateRange#RESERVED} rather than refusing the whole measurement;
 *       reserved status bits 6-15 stay in the raw value.
 *   <li>For 2A36 the unused diastolic and MAP fields are not read, whatever they hold.
 *   <li>User ID 0xFF (unknown user) is reported as no user.
 * </ul>
 */
package org.phrhub.gateway.ble.decode;
