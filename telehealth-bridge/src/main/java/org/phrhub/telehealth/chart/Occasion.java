package org.phrhub.telehealth.chart;

/** When in the day a home reading was taken, as JSH judges home blood pressure: morning and evening apart. */
public enum Occasion {
    MORNING,
    EVENING,
    /** Neither window: shown, but in no average. */
    OTHER
}
