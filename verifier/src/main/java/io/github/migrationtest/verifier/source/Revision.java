package io.github.migrationtest.verifier.source;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a migration history: its id (a version, or a Liquibase changeset id), what it does,
 * the files behind it, and whether it can be undone.
 *
 * @param id the version or changeset id as the user writes it, e.g. {@code 1.10} or {@code 0003}
 * @param description a readable name, e.g. {@code add email index}
 * @param files the files behind the revision (upgrade first), as paths the user recognises
 * @param noDowngradeReason empty when the revision has a downgrade; otherwise why it has none and
 *     what would give it one
 * @param downgradeToAdd the file a downgrade that runs no SQL because its file is missing belongs in (a
 *     golang-migrate pair without its {@code .down.sql}); empty otherwise
 * @param oneWayBecause non-empty when the tool never undoes the revision by design (a Flyway baseline migration): it
 *     is not round-tripped, as if declared irreversible, and this says why
 */
public record Revision(String id, String description, List<String> files, String noDowngradeReason,
                       String downgradeToAdd, String oneWayBecause) {

    public Revision {
        Objects.requireNonNull(id, "id");
        description = description == null ? "" : description;
        files = List.copyOf(files);
        noDowngradeReason = noDowngradeReason == null ? "" : noDowngradeReason;
        downgradeToAdd = downgradeToAdd == null ? "" : downgradeToAdd;
        oneWayBecause = oneWayBecause == null ? "" : oneWayBecause;
    }

    /** A revision with a downgrade. */
    public static Revision reversible(String id, String description, List<String> files) {
        return new Revision(id, description, files, "", "", "");
    }

    /** A revision whose downgrade's file is missing, which its tool runs as a downgrade that does nothing. */
    public static Revision withEmptyDowngrade(String id, String description, List<String> files, String downgradeToAdd) {
        return new Revision(id, description, files, "", downgradeToAdd, "");
    }

    /** A revision without a downgrade, with the reason and the fix. */
    public static Revision irreversible(String id, String description, List<String> files, String reason) {
        return new Revision(id, description, files, reason, "", "");
    }

    /** A revision its tool never undoes by design, so not round-tripped: {@code because} says why. */
    public static Revision oneWay(String id, String description, List<String> files, String because) {
        return new Revision(id, description, files, because, "", because);
    }

    /** Why the tool never undoes this revision, when it is one-way by design. */
    public Optional<String> oneWay() {
        return oneWayBecause.isEmpty() ? Optional.empty() : Optional.of(oneWayBecause);
    }

    /** Whether {@link MigrationSource#downgrade} can undo this revision. */
    public boolean hasDowngrade() {
        return noDowngradeReason.isEmpty();
    }

    /** Why the revision has no downgrade, when it has none. */
    public Optional<String> whyNoDowngrade() {
        return hasDowngrade() ? Optional.empty() : Optional.of(noDowngradeReason);
    }

    /** {@code 3 (add email index)}, the way messages name a revision. */
    public String label() {
        return description.isEmpty() ? id : id + " (" + description + ")";
    }
}
