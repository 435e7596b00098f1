package org.phrhub.telehealth.booking;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.phrhub.telehealth.config.BridgeProperties;
import org.phrhub.telehealth.consent.ConsentSentences;
import org.phrhub.telehealth.consent.ConsentTerms;
import org.phrhub.telehealth.directory.Directory;
import org.phrhub.telehealth.directory.Party;
import org.phrhub.telehealth.consent.PatientConsents;
import org.phrhub.telehealth.consent.SharedData;
import org.phrhub.telehealth.record.RecordClients;
import org.phrhub.telehealth.schedule.Appointments;
import org.phrhub.telehealth.schedule.ScheduledVisit;
import org.phrhub.telehealth.security.SignedInUser;
import org.phrhub.vocabulary.HubVisitCodes;
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
 * Booking ({@code /book}): the resident picks an online service and a clinician's free slot; the hub books it
 * once; right after, the visit consent step offers to share chosen data with that clinician for the visit.
 */
@Controller
class BookingController {

    /** The online services residents book, in the order the page offers them. */
    static final List<String> SERVICES = List.of(HubVisitCodes.ONLINE_DIAGNOSIS, HubVisitCodes.HEALTH_CONSULTATION,
            HubVisitCodes.MEDICATION_GUIDANCE);
    static final int DAYS_SHOWN = 14;
    static final int DEFAULT_CONSENT_DAYS = 7;
    static final int MAX_CONSENT_DAYS = 90;

    private final RecordClients records;
    private final FreeSlots freeSlots;
    private final SlotBookings bookings;
    private final Appointments appointments;
    private final Directory directory;
    private final PatientConsents consents;
    private final ConsentSentences sentences;
    private final Clock clock;
    private final ZoneId zone;

    BookingController(RecordClients records, FreeSlots freeSlots, SlotBookings bookings, Appointments appointments,
            Directory directory, PatientConsents consents, ConsentSentences sentences, Clock clock, BridgeProperties properties) {
        this.records = records;
        this.freeSlots = freeSlots;
        this.bookings = bookings;
        this.appointments = appointments;
        this.directory = directory;
        this.consents = consents;
        this.sentences = sentences;
        this.clock = clock;
        this.zone = properties.zone();
    }

    /** One clinician's free slots, day by day. */
    record ClinicianSlots(String label, Map<LocalDate, List<FreeSlot>> days) {}

    @GetMapping("/book")
    String slots(Authentication authentication, @RequestParam(name = "service", defaultValue = HubVisitCodes.ONLINE_DIAGNOSIS) String service,
            Model model, Locale locale) {
        SignedInUser user = resident(authentication);
        if (!SERVICES.contains(service)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        IGenericClient fhir = records.asSignedInUser(user);
        Instant now = clock.instant();
        Instant until = LocalDate.now(clock.withZone(zone)).plusDays(DAYS_SHOWN + 1L).atStartOfDay(zone).toInstant();
        List<FreeSlot> free = freeSlots.of(fhir, service, now, until, zone);
        Map<String, Party> parties = directory.parties(fhir, free.stream().map(FreeSlot::clinician).distinct().toList());
        Map<String, ClinicianSlots> byClinician = new LinkedHashMap<>();
        for (FreeSlot slot : free) {
            byClinician.computeIfAbsent(slot.clinician(),
                    c -> new ClinicianSlots(sentences.party(parties.get(c), locale), new TreeMap<>()))
                    .days().computeIfAbsent(slot.start().toLocalDate(), d -> new ArrayList<>()).add(slot);
        }
        model.addAttribute("user", user);
        model.addAttribute("services", SERVICES);
        model.addAttribute("service", service);
        model.addAttribute("clinicians", byClinician.values());
        return "book";
    }

    @PostMapping("/book/{slotId}")
    String book(Authentication authentication, @PathVariable String slotId,
            @RequestParam(name = "service", defaultValue = HubVisitCodes.ONLINE_DIAGNOSIS) String service,
            @RequestParam(name = "reason", defaultValue = "") String reason, RedirectAttributes redirect) {
        IGenericClient fhir = records.asSignedInUser(resident(authentication));
        try {
            String appointment = bookings.book(fhir, slotId, reason);
            return "redirect:/book/visits/" + appointment + "/consent";
        } catch (SlotTaken taken) {
            redirect.addFlashAttribute("error", "book.taken");
            redirect.addAttribute("service", SERVICES.contains(service) ? service : HubVisitCodes.ONLINE_DIAGNOSIS);
            return "redirect:/book";
        }
    }

    /** The visit consent step; opened again, it shows what the resident shares for the visit and lets them change it. */
    @GetMapping("/book/visits/{id}/consent")
    String consentStep(Authentication authentication, @PathVariable String id, Model model, Locale locale) {
        SignedInUser user = resident(authentication);
        IGenericClient fhir = records.asSignedInUser(user);
        ScheduledVisit visit = showVisit(fhir, user, id, model, locale);
        Set<SharedData> shared = Set.of();
        int days = DEFAULT_CONSENT_DAYS;
        var given = consents.forVisit(fhir, user.fhirUser(), id).filter(consents::inForce);
        if (given.isPresent()) {
            ConsentTerms terms = ConsentTerms.of(given.get());
            shared = terms.sharedKinds();
            days = terms.end().map(end -> (int) java.time.temporal.ChronoUnit.DAYS.between(visit.start().toLocalDate(),
                    end.atZone(zone).toLocalDate())).map(d -> Math.max(0, Math.min(MAX_CONSENT_DAYS, d))).orElse(days);
            model.addAttribute("sharing", sentences.reads(terms, directory.parties(fhir, terms.actors()), true, zone, locale));
        }
        model.addAttribute("kinds", SharedData.values());
        model.addAttribute("shared", shared);
        model.addAttribute("days", days);
        model.addAttribute("maxDays", MAX_CONSENT_DAYS);
        return "book-consent";
    }

    @PostMapping("/book/visits/{id}/consent")
    String consent(Authentication authentication, @PathVariable String id, @RequestParam(name = "decision") String decision,
            @RequestParam(name = "data", required = false) List<String> data,
            @RequestParam(name = "days", defaultValue = "" + DEFAULT_CONSENT_DAYS) int days, RedirectAttributes redirect) {
        SignedInUser user = resident(authentication);
        IGenericClient fhir = records.asSignedInUser(user);
        ScheduledVisit visit = ownVisit(fhir, user, id);
        if (!"share".equals(decision)) {
            // Declining after sharing takes the earlier choice back: the clinician then sees "not shared".
            consents.forVisit(fhir, user.fhirUser(), id).ifPresent(given -> consents.revoke(fhir, given));
            return "redirect:/book/visits/" + id + "/done";
        }
        Set<SharedData> kinds = SharedData.fromForm(data);
        if (kinds.isEmpty()) {
            redirect.addFlashAttribute("error", "book.consent.noData");
            return "redirect:/book/visits/" + id + "/consent";
        }
        if (days < 0 || days > MAX_CONSENT_DAYS) {
            redirect.addFlashAttribute("error", "book.consent.daysError");
            return "redirect:/book/visits/" + id + "/consent";
        }
        Instant end = visit.start().toLocalDate().plusDays(days + 1L).atStartOfDay(zone).minusSeconds(1).toInstant();
        // The clinician also writes the visit's results into the record; that permit reads nothing.
        String consent = consents.shareForVisit(fhir, user.fhirUser(), id,
                ConsentTerms.forReader(visit.clinician(), V3ActReason.TREAT, kinds, clock.instant(), java.util.Optional.of(end), true));
        redirect.addFlashAttribute("consent", consent);
        return "redirect:/book/visits/" + id + "/done";
    }

    @GetMapping("/book/visits/{id}/done")
    String done(Authentication authentication, @PathVariable String id, Model model, Locale locale) {
        SignedInUser user = resident(authentication);
        IGenericClient fhir = records.asSignedInUser(user);
        showVisit(fhir, user, id, model, locale);
        Object consentId = model.getAttribute("consent");
        if (consentId instanceof String consent) {
            consents.byId(fhir, consent).ifPresent(c -> {
                ConsentTerms terms = ConsentTerms.of(c);
                Map<String, Party> parties = directory.parties(fhir, terms.actors());
                model.addAttribute("sharing", sentences.reads(terms, parties, true, zone, locale));
            });
        }
        return "booked";
    }

    /** The resident, their booked visit and its clinician as the consent step and the confirmation show them. */
    private ScheduledVisit showVisit(IGenericClient fhir, SignedInUser user, String id, Model model, Locale locale) {
        ScheduledVisit visit = ownVisit(fhir, user, id);
        model.addAttribute("user", user);
        model.addAttribute("visit", visit);
        model.addAttribute("clinician",
                sentences.party(directory.parties(fhir, List.of(visit.clinician())).get(visit.clinician()), locale));
        return visit;
    }

    /** The resident's own booked visit; the hub shows a patient no one else's, and this checks it too. */
    private ScheduledVisit ownVisit(IGenericClient fhir, SignedInUser user, String id) {
        return appointments.byId(fhir, id).filter(v -> v.patient().equals(user.fhirUser()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static SignedInUser resident(Authentication authentication) {
        SignedInUser user = SignedInUser.of(authentication);
        if (!user.isPatient()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return user;
    }
}
