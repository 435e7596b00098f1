package org.phrhub.telehealth.chart;

/**
 * One section of the chart as the reader may see it. A section the patient did not share reads the same
 * whether or not there is data behind it.
 *
 * @param content the section's data when shared; {@code null} otherwise
 * @param problem why the hub could not be asked, when it could not
 */
public record Section<T>(Status status, T content, String problem) {

    public enum Status {
        SHARED,
        NOT_SHARED,
        /** The hub did not answer; the page says so instead of showing nothing. */
        UNAVAILABLE
    }

    public static <T> Section<T> shared(T content) {
        return new Section<>(Status.SHARED, content, null);
    }

    public static <T> Section<T> notShared() {
        return new Section<>(Status.NOT_SHARED, null, null);
    }

    public static <T> Section<T> unavailable(String problem) {
        return new Section<>(Status.UNAVAILABLE, null, problem);
    }

    public boolean isShared() {
        return status == Status.SHARED;
    }

    public boolean isNotShared() {
        return status == Status.NOT_SHARED;
    }
}
