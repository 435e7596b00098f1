/**
 * The hub's vocabulary: the code systems, codes, identifier systems and profiles of the standards the
 * modules share (LOINC, UCUM, MDC, HL7 terminology, JP Core, the Personal Health Device IG), and the
 * hub's own where no standard one exists. One type per standard, each URI written once: a reading the
 * gateway writes is trusted by the consent rules only if both name the same system, so they must not be
 * copies that can drift.
 */
package org.phrhub.vocabulary;
