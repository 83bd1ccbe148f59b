package io.github.migrationtest.verifier.model.jpa;

import java.util.ArrayList;
import java.util.List;

/** Hibernate wraps its failures several times over; people need every distinct message, innermost last. */
final class HibernateFailures {
    private HibernateFailures() {
    }

    /** The distinct messages of {@code failure} and its causes, joined with {@code ": "}. */
    static String causes(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null && messages.size() < 8; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
            if (messages.stream().noneMatch(m -> m.contains(message))) {
                messages.add(message);
            }
        }
        return String.join(": ", messages);
    }
}
