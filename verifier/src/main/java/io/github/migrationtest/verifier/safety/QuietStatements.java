package io.github.migrationtest.verifier.safety;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements of a transactional step after which a read would find nothing: they take no lock that blocks
 * writes, and rewrite, scan, index and drop nothing, on any relation that existed when the step started (what
 * {@link StepObserver} measures). Their read is skipped; what the next read finds is what the next statement did, as
 * before. Each kind was checked against {@code pg_locks} on Postgres 15 and 17: {@code COMMENT} takes SHARE UPDATE
 * EXCLUSIVE; a function's, view's, sequence's or policy's creation at most ACCESS SHARE or ROW EXCLUSIVE (a body or
 * query parsed, an {@code OWNED BY}); {@code GRANT}, {@code REVOKE}, an enum's new or renamed value, a sequence's
 * change and the drop of a function, view, type or sequence without {@code CASCADE} none; an index, trigger, policy
 * or {@code ALTER TABLE} on a table the step created locks only that table, and a foreign key between tables it
 * created only those (an initial schema's hundreds of keys). A read costs a round trip and a pass over
 * the transaction's locks, which an initial schema of hundreds of such statements pays for every one of them.
 *
 * <p>A user's event trigger could do anything on any DDL: none may be installed when the step starts
 * ({@link StepStart#userEventTriggers()}), and a statement that can create one (or run code that can) ends the
 * skipping for the rest of the step. A table counts as the step's own only by the name its {@code CREATE TABLE} gave it
 * (written the same way, no {@code IF NOT EXISTS}, which may leave an older table there), and only until a statement
 * renames or moves a relation, makes one a child of another (whose {@code ALTER} would then reach it), or changes
 * where names are looked up.
 */
final class QuietStatements {

    /**
     * One part of a name: quoted (a doubled quote inside), or not. Possessive and without an alternation repeated
     * per character, which Java's regex engine recurses into: a statement of hundreds of quoted names overflowed the
     * stack.
     */
    static final String IDENTIFIER = "(?:\"[^\"]*+(?:\"\"[^\"]*+)*+\"|[^\\s.,;()\"]++)";
    /** A name as a statement's code has it: upper-cased unless quoted, its schema written or not. */
    static final String NAME = "(" + IDENTIFIER + "(?:\\." + IDENTIFIER + ")?)";

    private static final Pattern ALWAYS_QUIET = Pattern.compile("^(COMMENT ON|GRANT|REVOKE"
            + "|CREATE (OR REPLACE )?(FUNCTION|PROCEDURE|(TEMP |TEMPORARY )?(RECURSIVE )?VIEW)"
            + "|CREATE (TYPE|DOMAIN|SEQUENCE)|ALTER SEQUENCE|ALTER TYPE \\S+ (ADD|RENAME) VALUE)\\b");
    /**
     * A drop of what is not a table or index, without {@code CASCADE}: what depends on it makes it fail rather than go
     * with it. A sequence, view or type is not a relation safety measures, and these take no lock on one that is.
     */
    private static final Pattern PLAIN_DROP = Pattern.compile("^DROP (FUNCTION|PROCEDURE|VIEW|TYPE|DOMAIN|SEQUENCE)\\b");
    private static final Pattern CASCADE = Pattern.compile("\\bCASCADE\\b");
    /** {@code CREATE SCHEMA} without elements of its own (a {@code CREATE TABLE} inside it is not looked at). */
    private static final Pattern PLAIN_SCHEMA = Pattern.compile(
            "^CREATE SCHEMA (IF NOT EXISTS )?(\\S+( AUTHORIZATION \\S+)?|AUTHORIZATION \\S+)$");
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "^CREATE ((GLOBAL |LOCAL )?(TEMP |TEMPORARY )|UNLOGGED )?TABLE (IF NOT EXISTS )?" + NAME + "[ (]");
    /**
     * What makes a {@code CREATE TABLE} or {@code ALTER TABLE} reach another relation or fill itself from one (found
     * anywhere in the statement, a string's text too: such a statement is then read after, as any other).
     */
    private static final Pattern REACHES_OTHERS = Pattern.compile(
            "\\b(INHERITS?|PARTITION OF|ATTACH|DETACH|LIKE|SELECT|VALUES|EXECUTE|OF|AS TABLE|RENAME|SET SCHEMA)\\b");
    /**
     * A foreign key's reach: the table it references locked (SHARE ROW EXCLUSIVE) and read to validate the key. Quiet
     * only when that table is the step's own too, as in an initial schema's keys between its new tables.
     */
    private static final Pattern REFERENCES = Pattern.compile("\\bREFERENCES\\b");
    private static final Pattern REFERENCED = Pattern.compile("\\bREFERENCES " + NAME + "(?=[ (;,)]|$)");
    private static final Pattern ON_OWN_TABLE = Pattern.compile(
            "^(CREATE (UNIQUE )?INDEX (IF NOT EXISTS )?(\\S+ )?ON (ONLY )?|ALTER TABLE (IF EXISTS )?(ONLY )?"
                    + "|CREATE (OR REPLACE )?TRIGGER \\S+ (BEFORE|AFTER) .*? ON (ONLY )?|CREATE POLICY \\S+ ON )" + NAME
                    + "[ *(]");
    /**
     * After these, a table of the step's name may be another relation, or another table may be its child: statements
     * that start so (after a drop of the step's table its name may find another schema's), and any that has these words.
     */
    private static final Pattern NAMES_CHANGE = Pattern.compile("^(SET|RESET|DO|CALL|ROLLBACK|DROP (TABLE|SCHEMA))\\b");
    private static final Pattern NAMES_CHANGE_ANYWHERE = Pattern.compile("\\b(RENAME|SET SCHEMA|INHERIT|ATTACH)\\b");
    /** Statements that can create or enable an event trigger, or run code that can. */
    private static final Pattern MAY_ADD_EVENT_TRIGGER = Pattern.compile(
            "^((CREATE|ALTER) (EVENT TRIGGER|EXTENSION)|DO|CALL|SELECT|WITH|EXECUTE|PERFORM)\\b");

    private final Set<String> ownTables = new HashSet<>();
    private boolean off;

    QuietStatements(boolean userEventTriggers) {
        this.off = userEventTriggers;
    }

    /**
     * Whether a user's event trigger may be installed or may have been since the step started: it could do anything on
     * any DDL, so only a read after a statement tells what the statement did.
     */
    boolean eventTriggersPossible() {
        return off;
    }

    /**
     * Whether a read after this statement would find nothing; to be asked of every statement of the step in order,
     * as the tables it creates and what ends the skipping are followed here.
     */
    boolean quiet(String code) {
        if (off) {
            return false; // for the rest of the step: nothing more to follow
        }
        Matcher created = CREATE_TABLE.matcher(code);
        boolean creates = created.lookingAt();
        boolean quiet = isQuiet(code, creates ? created.group(5) : null);
        if (MAY_ADD_EVENT_TRIGGER.matcher(code).lookingAt()) {
            off = true;
        }
        if (NAMES_CHANGE.matcher(code).lookingAt() || NAMES_CHANGE_ANYWHERE.matcher(code).find()) {
            ownTables.clear();
        }
        if (creates && created.group(4) == null) {
            ownTables.add(created.group(5));
        }
        return quiet;
    }

    /** @param creating the table a {@code CREATE TABLE} makes; null for another statement */
    private boolean isQuiet(String code, String creating) {
        if (ALWAYS_QUIET.matcher(code).lookingAt() || PLAIN_SCHEMA.matcher(code).matches()) {
            return true;
        }
        if (PLAIN_DROP.matcher(code).lookingAt()) {
            return !CASCADE.matcher(code).find();
        }
        if (creating != null) {
            return !REACHES_OTHERS.matcher(code).find() && referencesOnlyOwn(code, creating);
        }
        Matcher own = ON_OWN_TABLE.matcher(code);
        return own.lookingAt() && ownTables.contains(own.group(own.groupCount()))
                && !(code.startsWith("ALTER") && (REACHES_OTHERS.matcher(code).find() || !referencesOnlyOwn(code, null)));
    }

    /**
     * Whether every {@code REFERENCES} of the statement names a table of the step's own, or the one being created
     * (a key to itself). A name not read as one (the word in a string, say) is not.
     */
    private boolean referencesOnlyOwn(String code, String creating) {
        Matcher word = REFERENCES.matcher(code);
        Matcher target = REFERENCED.matcher(code);
        while (word.find()) {
            if (!target.find(word.start()) || target.start() != word.start()) {
                return false;
            }
            if (!ownTables.contains(target.group(1)) && !target.group(1).equals(creating)) {
                return false;
            }
        }
        return true;
    }
}
