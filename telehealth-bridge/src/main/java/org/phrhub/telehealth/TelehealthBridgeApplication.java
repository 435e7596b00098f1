package org.phrhub.telehealth;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The telehealth bridge: consultations for doctors and pharmacists over the hub's FHIR server. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TelehealthBridgeApplication {

    public static void main(String[] args) {
        SpringApplication.run(TelehealthBridgeApplication.class, args);
    }
}
