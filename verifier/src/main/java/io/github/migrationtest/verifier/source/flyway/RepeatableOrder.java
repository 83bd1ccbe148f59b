package io.github.migrationtest.verifier.source.flyway;

import io.github.migrationtest.verifier.source.MigrationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;

/**
 * A repeatable migration that fails on a function or relation another repeatable makes, one Flyway runs after it:
 * Flyway runs repeatables in the order of their descriptions, so on a new database {@code R__get_user.sql}, which
 * calls {@code sp_drop_function}, runs before {@code R__sp_drop_function.sql} makes it (RobWagMLP/mlp-backend). The
 * statement is not wrong; the order is, and "fix the statement" sent the team to the wrong place.
 */
final class RepeatableOrder {

    /** Postgres' words for a function or relation that does not exist: the name. */
    private static final Pattern MISSING = Pattern.compile(
            "(?:function (?:\\w+\\.)?(\\w+)\\(.*?\\)|relation \"(?:\\w+\\.)?(\\w+)\") does not exist");

    private RepeatableOrder() {}

    /** The failure with the hint and fix when a repeatable Flyway runs later makes what it lacks; else unchanged. */
    static MigrationFailure explain(MigrationFailure failure, Flyway flyway) {
        Matcher missing = MISSING.matcher(failure.message());
        if (!failure.fix().isEmpty() || !missing.find()) {
            return failure;
        }
        String name = missing.group(1) != null ? missing.group(1) : missing.group(2);
        String failed = Path.of(failure.file()).getFileName().toString();
        List<MigrationInfo> repeatables;
        try {
            repeatables = Arrays.stream(flyway.info().pending()).filter(info -> info.getVersion() == null).toList();
        } catch (FlywayException | IllegalStateException e) {
            return failure;
        }
        int at = -1;
        for (int i = 0; i < repeatables.size() && at < 0; i++) {
            at = fileName(repeatables.get(i)).equals(failed) ? i : -1;
        }
        Pattern makes = Pattern.compile("(?i)\\bcreate\\s+(?:or\\s+replace\\s+)?(?:function|procedure|(?:materialized\\s+)?view"
                + "|table)\\s+(?:\"?\\w+\"?\\.)?\"?" + Pattern.quote(name) + "\"?\\s*[(\\s]");
        for (MigrationInfo later : at < 0 ? List.<MigrationInfo>of() : repeatables.subList(at + 1, repeatables.size())) {
            if (later.getPhysicalLocation() == null || !makes.matcher(text(later.getPhysicalLocation())).find()) {
                continue;
            }
            String maker = fileName(later);
            return failure.withHint(name + " is made by " + maker + ", a repeatable migration Flyway runs after " + failed
                            + ": Flyway runs repeatable migrations in the order of their descriptions (\""
                            + repeatables.get(at).getDescription() + "\" before \"" + later.getDescription()
                            + "\"), so on a new database " + name + " does not exist yet")
                    .withFix("Make " + name + " before " + failed + " runs: give " + maker + " a description that sorts"
                            + " first (R__00_...), or create " + name + " in a versioned migration");
        }
        return failure;
    }

    private static String fileName(MigrationInfo info) {
        String script = info.getScript();
        return script.substring(script.lastIndexOf('/') + 1);
    }

    private static String text(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
