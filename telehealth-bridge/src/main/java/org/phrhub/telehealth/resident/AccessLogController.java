package org.phrhub.telehealth.resident;

import java.time.Clock;
import java.time.LocalDate;
import org.phrhub.telehealth.config.BridgeProperties;
import org.phrhub.telehealth.record.RecordClients;
import org.phrhub.telehealth.security.SignedInUser;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Who read my data: the resident's access log, filtered by reader and period with a plain GET form (htmx swaps the list). */
@Controller
class AccessLogController {

    private final RecordClients records;
    private final ResidentAccessLog accessLog;
    private final BridgeProperties properties;
    private final Clock clock;

    AccessLogController(RecordClients records, ResidentAccessLog accessLog, BridgeProperties properties, Clock clock) {
        this.records = records;
        this.accessLog = accessLog;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/access-log")
    String accessLog(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String reader, @RequestParam(required = false) String own,
            @RequestParam(required = false) String page, Authentication authentication, Model model) {
        SignedInUser user = MyRecordController.residentOf(authentication);
        LocalDate today = LocalDate.now(clock.withZone(properties.zone()));
        model.addAttribute("user", user);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        switch (AccessQuery.parse(from, to, reader, own, page, today)) {
            case AccessQuery.Valid valid -> {
                model.addAttribute("log", accessLog.read(records.asSignedInUser(user), user.fhirUser(), valid.query()));
                model.addAttribute("query", valid.query());
            }
            case AccessQuery.Invalid invalid -> model.addAttribute("inputError", invalid.messageKey());
        }
        return "access-log";
    }
}
