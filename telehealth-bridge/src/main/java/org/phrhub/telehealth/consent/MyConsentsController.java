package org.phrhub.telehealth.consent;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Consent;
import org.phrhub.telehealth.config.BridgeProperties;
import org.phrhub.telehealth.directory.Directory;
import org.phrhub.telehealth.directory.Party;
import org.phrhub.telehealth.record.RecordClients;
import org.phrhub.telehealth.security.SignedInUser;
import org.phrhub.vocabulary.V3ActReason;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * My consents ({@code /consents}): every Consent of the signed-in resident in plain words, and one action each
 * to grant (a clinician of the directory for treatment, or the city platform for its purpose; for some days or
 * until revoked, as for a family doctor), narrow (less data, an earlier end) and revoke.
 */
@Controller
class MyConsentsController {

    static final int MAX_DAYS = 365;

    private final RecordClients records;
    private final PatientConsents consents;
    private final Directory directory;
    private final ConsentSentences sentences;
    private final Clock clock;
    private final ZoneId zone;
    private final BridgeProperties.CityPlatform cityPlatform;

    /** Someone the resident may grant to, with the one purpose they read for. */
    record Recipient(String reference, String purpose, String label, String purposeLabel) {}

    MyConsentsController(RecordClients records, PatientConsents consents, Directory directory, ConsentSentences sentences,
            Clock clock, BridgeProperties properties) {
        this.records = records;
        this.consents = consents;
        this.directory = directory;
        this.sentences = sentences;
        this.clock = clock;
        this.zone = properties.zone();
        this.cityPlatform = properties.cityPlatform();
    }

    @GetMapping("/consents")
    String myConsents(Authentication authentication, Model model, Locale locale) {
        SignedInUser user = resident(authentication);
        IGenericClient fhir = records.asSignedInUser(user);
        List<Consent> all = consents.of(fhir, user.fhirUser());
        Set<String> actors = new LinkedHashSet<>();
        all.forEach(c -> actors.addAll(ConsentTerms.of(c).actors()));
        Map<String, Party> parties = directory.parties(fhir, actors);
        List<ConsentView> views = new ArrayList<>(all.stream().map(c -> view(c, parties, locale)).toList());
        views.sort(Comparator.comparing(ConsentView::state));
        model.addAttribute("user", user);
        model.addAttribute("consents", views);
        model.addAttribute("kinds", SharedData.values());
        model.addAttribute("recipients", recipients(fhir, locale).values());
        model.addAttribute("maxDays", MAX_DAYS);
        model.addAttribute("today", LocalDate.now(clock.withZone(zone)));
        return "consents";
    }

    @PostMapping("/consents")
    String grant(Authentication authentication, @RequestParam(name = "recipient", defaultValue = "") String recipientReference,
            @RequestParam(name = "data", required = false) List<String> data,
            @RequestParam(name = "period", defaultValue = "days") String period,
            @RequestParam(name = "days", defaultValue = "30") String daysText, RedirectAttributes redirect, Locale locale) {
        SignedInUser user = resident(authentication);
        IGenericClient fhir = records.asSignedInUser(user);
        Set<SharedData> kinds = SharedData.fromForm(data);
        Recipient recipient = recipients(fhir, locale).get(recipientReference);
        if (recipient == null) {
            return refused(redirect, "consents.error.recipient");
        }
        if (kinds.isEmpty()) {
            return refused(redirect, "consents.error.noData");
        }
        Optional<Instant> end;
        if ("open".equals(period)) {
            end = Optional.empty(); // until the resident revokes it, as for a family doctor
        } else {
            Optional<Integer> days = parseDays(daysText).filter(d -> d >= 1 && d <= MAX_DAYS);
            if (days.isEmpty()) {
                return refused(redirect, "consents.error.days");
            }
            end = Optional.of(LocalDate.now(clock.withZone(zone)).plusDays(days.get() + 1L).atStartOfDay(zone).minusSeconds(1).toInstant());
        }
        consents.grant(fhir, user.fhirUser(),
                ConsentTerms.forReader(recipient.reference(), recipient.purpose(), kinds, clock.instant(), end, false));
        redirect.addFlashAttribute("notice", "consents.granted");
        return "redirect:/consents";
    }

    @PostMapping("/consents/{id}/narrow")
    String narrow(Authentication authentication, @PathVariable String id,
            @RequestParam(name = "data", required = false) List<String> data,
            @RequestParam(name = "until", defaultValue = "") String until, RedirectAttributes redirect) {
        IGenericClient fhir = records.asSignedInUser(resident(authentication));
        Consent consent = consents.byId(fhir, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        ConsentTerms terms = ConsentTerms.of(consent);
        if (!terms.understood() || !consents.inForce(consent)) {
            return refused(redirect, "consents.error.notNarrowable");
        }
        Set<SharedData> kept = SharedData.fromForm(data);
        if (kept.isEmpty()) {
            return refused(redirect, "consents.error.narrowToNothing");
        }
        if (!terms.sharedKinds().containsAll(kept)) {
            return refused(redirect, "consents.error.widen");
        }
        Optional<LocalDate> lastDay = parseDate(until);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        Optional<LocalDate> currentLast = terms.end().map(e -> e.atZone(zone).toLocalDate());
        if (lastDay.isEmpty() || lastDay.get().isBefore(today)
                || currentLast.filter(current -> lastDay.get().isAfter(current)).isPresent()) {
            return refused(redirect, "consents.error.until");
        }
        Instant end = lastDay.get().plusDays(1).atStartOfDay(zone).minusSeconds(1).toInstant();
        consents.narrow(fhir, consent, terms.narrowedTo(kept, end));
        redirect.addFlashAttribute("notice", "consents.narrowed");
        return "redirect:/consents";
    }

    @PostMapping("/consents/{id}/revoke")
    String revoke(Authentication authentication, @PathVariable String id, RedirectAttributes redirect) {
        IGenericClient fhir = records.asSignedInUser(resident(authentication));
        Consent consent = consents.byId(fhir, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        consents.revoke(fhir, consent);
        redirect.addFlashAttribute("notice", "consents.revoked");
        return "redirect:/consents";
    }

    private ConsentView view(Consent consent, Map<String, Party> parties, Locale locale) {
        ConsentTerms terms = ConsentTerms.of(consent);
        boolean inForce = consents.inForce(consent);
        ConsentView.State state = inForce ? ConsentView.State.ACTIVE
                : consent.getStatus() == Consent.ConsentState.ACTIVE ? ConsentView.State.EXPIRED : ConsentView.State.REVOKED;
        Optional<String> writes = terms.writesResults() ? Optional.of(sentences.writes(terms, parties, locale)) : Optional.empty();
        String given = consent.hasDateTime() ? sentences.date(consent.getDateTime().toInstant(), zone, locale) : "";
        return new ConsentView(consent.getIdElement().getIdPart(), state, sentences.reads(terms, parties, inForce, zone, locale),
                writes, given, terms.end().map(e -> e.atZone(zone).toLocalDate().toString()), terms.sharedKinds(),
                inForce && terms.understood());
    }

    /** The directory's doctors and pharmacists, for treatment, then the city platform, for its purpose. */
    private Map<String, Recipient> recipients(IGenericClient fhir, Locale locale) {
        Map<String, Recipient> recipients = new java.util.LinkedHashMap<>();
        directory.activeClinicians(fhir).values().forEach(p -> recipients.put(p.reference(),
                new Recipient(p.reference(), V3ActReason.TREAT, sentences.party(p, locale), sentences.purpose(V3ActReason.TREAT, locale))));
        Party city = directory.parties(fhir, List.of(cityPlatform.organization())).get(cityPlatform.organization());
        recipients.put(city.reference(), new Recipient(city.reference(), cityPlatform.purpose(), sentences.party(city, locale),
                sentences.purpose(cityPlatform.purpose(), locale)));
        return recipients;
    }

    private static Optional<Integer> parseDays(String text) {
        try {
            return Optional.of(Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<LocalDate> parseDate(String text) {
        try {
            return Optional.of(LocalDate.parse(text.strip()));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String refused(RedirectAttributes redirect, String messageKey) {
        redirect.addFlashAttribute("error", messageKey);
        return "redirect:/consents";
    }

    private static SignedInUser resident(Authentication authentication) {
        SignedInUser user = SignedInUser.of(authentication);
        if (!user.isPatient()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return user;
    }
}
