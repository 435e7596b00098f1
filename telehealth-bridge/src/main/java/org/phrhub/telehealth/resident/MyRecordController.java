package org.phrhub.telehealth.resident;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Clock;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.phrhub.telehealth.chart.ChartJson;
import org.phrhub.telehealth.chart.ChartService;
import org.phrhub.telehealth.chart.ChartSpan;
import org.phrhub.telehealth.chart.PatientChart;
import org.phrhub.telehealth.config.BridgeProperties;
import org.phrhub.telehealth.record.RecordClients;
import org.phrhub.telehealth.security.SignedInUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * My record: the resident's own home blood pressure as their doctor sees it (the same chart and 7-day
 * averages), their hospital history by hospital, and the results of their online visits.
 */
@Controller
class MyRecordController {

    private final RecordClients records;
    private final ChartService charts;
    private final VisitResults results;
    private final BridgeProperties properties;
    private final Clock clock;

    MyRecordController(RecordClients records, ChartService charts, BridgeProperties properties, Clock clock) {
        this.records = records;
        this.charts = charts;
        this.results = new VisitResults(properties.zone());
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/my-record")
    String myRecord(@RequestParam(name = "span", required = false) String span, Authentication authentication, Model model) {
        SignedInUser user = residentOf(authentication);
        IGenericClient fhir = records.asSignedInUser(user);
        LocalDate today = LocalDate.now(clock.withZone(properties.zone()));
        PatientChart chart = charts.ownChart(fhir, user.fhirUser(), user.name(), ChartSpan.ofParameter(span), today);
        model.addAttribute("user", user);
        model.addAttribute("chart", chart);
        model.addAttribute("chartJson", chart.homeBloodPressure().isShared() ? ChartJson.of(chart.homeBloodPressure().content()) : "");
        model.addAttribute("hospitals", HospitalGroup.of(chart));
        model.addAttribute("historyProblems", Stream.of(chart.conditions(), chart.prescriptions(), chart.labResults(), chart.allergies())
                .filter(s -> s.problem() != null).map(s -> s.problem()).distinct().toList());
        model.addAttribute("results", results.of(fhir, user.fhirUser()));
        return "my-record";
    }

    /** Only a resident has a record of their own here; anyone else finds no such page. */
    static SignedInUser residentOf(Authentication authentication) {
        SignedInUser user = SignedInUser.of(authentication);
        if (!user.isPatient()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such page");
        }
        return user;
    }
}
