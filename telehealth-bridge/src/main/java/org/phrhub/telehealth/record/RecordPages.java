package org.phrhub.telehealth.record;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.IQuery;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * Runs a search and follows its pages, so that nothing past the first page is silently left out.
 *
 * <p>Pages are asked for by offset ({@code _offset}): the hub then answers each page from one query in
 * the request, instead of first storing the whole result list for later pages, which costs more than a
 * chart's page itself. An offset page is cut from the current data, so the order is made total with
 * {@code _id} last, and a resource that a concurrent write moves onto a second page is handed over once.
 */
public final class RecordPages {

    /** Hard stop against a server that keeps linking pages: far more than any chart shows. */
    static final int MAX_PAGES = 100;

    private RecordPages() {}

    /** Hands every match of type {@code type} to {@code each}; included resources of other types are skipped. */
    public static <T extends Resource> void searchAll(IGenericClient fhir, IQuery<IBaseBundle> query, Class<T> type,
            Consumer<T> each) {
        Set<String> seen = new HashSet<>();
        Bundle page = query.sort().ascending("_id").offset(0).returnBundle(Bundle.class).execute();
        for (int pages = 1; ; pages++) {
            page.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                    .filter(type::isInstance).map(type::cast)
                    .filter(resource -> seen.add(resource.fhirType() + "/" + resource.getIdElement().getIdPart()))
                    .forEach(each);
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                return;
            }
            if (pages >= MAX_PAGES) {
                throw new IllegalStateException("The hub answered more than " + MAX_PAGES + " pages for one search");
            }
            page = fhir.loadPage().next(page).execute();
        }
    }

    /** Every resource of the search's pages, matches and includes alike. */
    public static void everyEntry(IGenericClient fhir, IQuery<IBaseBundle> query, Consumer<Resource> each) {
        searchAll(fhir, query, Resource.class, each);
    }

    /** The first page only, answered from one query like the pages above: for "the latest N" lists. */
    public static Bundle firstPage(IQuery<IBaseBundle> query) {
        return query.offset(0).returnBundle(Bundle.class).execute();
    }
}
