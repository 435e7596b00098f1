package org.phrhub.consent.search;

/** What a reader may find of one patient's data of one type. */
public sealed interface SearchScope {

    /** Nothing. */
    record None() implements SearchScope {}

    /** What the filter lets through. */
    record Filtered(DataFilter filter) implements SearchScope {}

    /** The patient's Consents draw a line no search parameter can follow; the search is refused. */
    record Unexpressible(String why) implements SearchScope {}
}
