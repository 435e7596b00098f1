package org.phrhub.consent.requester;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phrhub.vocabulary.SmartAppLaunch;

/**
 * The data an app's token grants by its SMART App Launch 2 scopes: per resource type, which of create,
 * read, update, delete and search it may do for the patient in context. Only {@code patient/} scopes
 * grant data; {@code openid}, {@code fhirUser}, {@code launch/patient}, {@code offline_access} and
 * anything else grant none. SMART v1 names ({@code .read}, {@code .write}, {@code .*}) are read as their
 * v2 equivalents. A scope with search parameters ({@code patient/Observation.rs?category=...}) grants
 * nothing here: the hub does not narrow by them, and granting the whole type would give more than asked.
 */
public final class SmartScopes {

    /** What a scope may allow for a resource type, with its SMART v2 letter. */
    public enum Permission {
        CREATE('c'),
        READ('r'),
        UPDATE('u'),
        DELETE('d'),
        SEARCH('s');

        private final char letter;

        Permission(char letter) {
            this.letter = letter;
        }

        static Optional<Permission> ofLetter(char letter) {
            return Arrays.stream(values()).filter(p -> p.letter == letter).findFirst();
        }
    }

    private static final String ANY_TYPE = "*";
    private static final Pattern RESOURCE_SCOPE =
            Pattern.compile(Pattern.quote(SmartAppLaunch.PATIENT_SCOPE_PREFIX) + "(\\*|[A-Z][A-Za-z]{1,63})\\.([a-z*]+)");
    private static final String V2_ORDER = "cruds";

    private final List<String> scopes;
    private final Map<String, Set<Permission>> byType;

    private SmartScopes(List<String> scopes, Map<String, Set<Permission>> byType) {
        this.scopes = List.copyOf(scopes);
        this.byType = Map.copyOf(byType);
    }

    /** Reads a token's {@code scope} claim (scopes separated by spaces); {@code null} grants nothing. */
    public static SmartScopes parse(String scopeClaim) {
        List<String> scopes = scopeClaim == null || scopeClaim.isBlank()
                ? List.of()
                : List.of(scopeClaim.strip().split("\\s+"));
        Map<String, Set<Permission>> byType = new LinkedHashMap<>();
        for (String scope : scopes) {
            Matcher resource = RESOURCE_SCOPE.matcher(scope);
            if (resource.matches()) {
                permissionsOf(resource.group(2)).ifPresent(granted -> byType
                        .computeIfAbsent(resource.group(1), type -> EnumSet.noneOf(Permission.class))
                        .addAll(granted));
            }
        }
        return new SmartScopes(scopes, byType);
    }

    /** Whether the scopes let the app do this with resources of this type of the patient in context. */
    public boolean permits(String resourceType, Permission permission) {
        return byType.getOrDefault(resourceType, Set.of()).contains(permission)
                || byType.getOrDefault(ANY_TYPE, Set.of()).contains(permission);
    }

    /** Whether any scope grants data at all. */
    public boolean grantsData() {
        return !byType.isEmpty();
    }

    /** The token's scopes as granted, for messages: {@code "openid patient/Observation.rs"}. */
    public String describe() {
        return scopes.isEmpty() ? "no scopes" : String.join(" ", scopes);
    }

    /** The scope an app asks for to read and search a type: {@code patient/Condition.rs}. */
    public static String readScopeFor(String resourceType) {
        return SmartAppLaunch.PATIENT_SCOPE_PREFIX + resourceType + ".rs";
    }

    /** v2 letters in their fixed order ({@code rs}, {@code cruds}), or a v1 name; anything else grants nothing. */
    private static Optional<Set<Permission>> permissionsOf(String text) {
        switch (text) {
            case "read":
                return Optional.of(EnumSet.of(Permission.READ, Permission.SEARCH));
            case "write":
                return Optional.of(EnumSet.of(Permission.CREATE, Permission.UPDATE, Permission.DELETE));
            case "*":
                return Optional.of(EnumSet.allOf(Permission.class));
            default:
                break;
        }
        Set<Permission> granted = EnumSet.noneOf(Permission.class);
        int last = -1;
        for (char letter : text.toCharArray()) {
            int position = V2_ORDER.indexOf(letter);
            if (position <= last) {
                return Optional.empty(); // unknown letter, repeated or out of order: not a v2 scope
            }
            last = position;
            Permission.ofLetter(letter).ifPresent(granted::add);
        }
        return Optional.of(granted);
    }

    @Override
    public String toString() {
        return "SmartScopes[" + describe() + "]";
    }
}
