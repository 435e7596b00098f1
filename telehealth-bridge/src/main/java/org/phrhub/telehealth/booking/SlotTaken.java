package org.phrhub.telehealth.booking;

/** Someone else booked the slot first, or its time has passed: nothing was booked. */
class SlotTaken extends RuntimeException {

    SlotTaken(String hubMessage) {
        super(hubMessage);
    }
}
