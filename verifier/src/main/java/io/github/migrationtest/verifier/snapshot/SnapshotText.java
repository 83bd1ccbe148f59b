package io.github.migrationtest.verifier.snapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text form of a snapshot, for golden files and code review, and its parser.
 *
 * <pre>
 * # migrationtest schema snapshot 1
 *
 * table public.users
 *   comment: people who sign in
 *
 * column public.users.email
 *   type: character varying(255)
 *   not null: true
 *
 * function public.touch()
 *   language: plpgsql
 *   body: |
 *     BEGIN
 *       NEW.updated_at := now();
 * </pre>
 *
 * One block per object, in the snapshot's canonical order: a header {@code <kind> <name>} at the
 * start of a line, then its properties indented by two spaces. A value is written bare, or in
 * double quotes with backslash escapes when it has odd characters or edge spaces, or after
 * {@code |} as lines indented by four spaces when it spans lines. Lines starting with {@code #}
 * between blocks are comments. Columns take their position from their order in the file.
 */
public final class SnapshotText {
    static final String HEADER = "# migrationtest schema snapshot 1";

    private SnapshotText() {
    }

    /** Renders the snapshot; equal snapshots render to identical text. */
    public static String render(SchemaSnapshot snapshot) {
        StringBuilder out = new StringBuilder(64 * snapshot.objects().size() + 64);
        out.append(HEADER).append('\n');
        for (SchemaObject object : snapshot.objects()) {
            out.append('\n').append(object.kind().keyword()).append(' ').append(object.qualifiedName()).append('\n');
            object.properties().forEach((key, value) -> appendProperty(out, key, value));
        }
        return out.toString();
    }

    private static void appendProperty(StringBuilder out, String key, String value) {
        out.append("  ").append(key).append(": ");
        if (!TextValues.isBlock(value)) {
            out.append(TextValues.inline(value)).append('\n');
            return;
        }
        out.append(TextValues.BLOCK).append('\n');
        for (String line : value.split("\n", -1)) {
            out.append(TextValues.BLOCK_INDENT).append(line).append('\n');
        }
    }

    /**
     * Reads the text form back into the snapshot it was rendered from.
     *
     * @throws SnapshotFormatException naming the line, when the text is not a snapshot
     */
    public static SchemaSnapshot parse(String text) {
        String[] lines = text.split("\n", -1);
        List<SchemaObject> objects = new ArrayList<>();
        Map<String, Integer> columnsSeen = new LinkedHashMap<>();
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            if (line.isEmpty() || line.startsWith("#")) {
                i++;
                continue;
            }
            if (line.startsWith(" ")) {
                throw new SnapshotFormatException(i + 1, "a property outside any object: " + line);
            }
            int headerLine = i + 1;
            Map<String, String> properties = new LinkedHashMap<>();
            i++;
            while (i < lines.length && isProperty(lines[i])) {
                i = readProperty(lines, i, properties);
            }
            try {
                objects.add(readObject(line, properties, columnsSeen));
            } catch (IllegalArgumentException e) {
                throw new SnapshotFormatException(headerLine, e.getMessage() + " in: " + line);
            }
        }
        try {
            return SchemaSnapshot.of(objects);
        } catch (IllegalArgumentException e) {
            throw new SnapshotFormatException(0, e.getMessage());
        }
    }

    private static boolean isProperty(String line) {
        return line.startsWith("  ") && line.length() > 2 && line.charAt(2) != ' ';
    }

    private static int readProperty(String[] lines, int i, Map<String, String> properties) {
        String line = lines[i];
        int colon = keyEnd(line);
        if (colon < 0) {
            throw new SnapshotFormatException(i + 1, "expected 'key: value' but was: " + line);
        }
        String key = line.substring(2, colon);
        String raw = line.substring(colon + 2);
        if (!raw.equals(TextValues.BLOCK)) {
            putOnce(properties, key, TextValues.parseInline(raw), i);
            return i + 1;
        }
        List<String> block = new ArrayList<>();
        int next = i + 1;
        while (next < lines.length && continuesBlock(lines, next)) {
            String content = lines[next];
            block.add(content.isEmpty() ? "" : content.substring(TextValues.BLOCK_INDENT.length()));
            next++;
        }
        putOnce(properties, key, String.join("\n", block), i);
        return next;
    }

    /** An empty line belongs to a block when more block lines follow it; otherwise it ends the object. */
    private static boolean continuesBlock(String[] lines, int index) {
        for (int j = index; j < lines.length; j++) {
            if (lines[j].startsWith(TextValues.BLOCK_INDENT)) {
                return true;
            }
            if (!lines[j].isEmpty()) {
                return false;
            }
        }
        return false;
    }

    private static void putOnce(Map<String, String> properties, String key, String value, int index) {
        if (properties.put(key, value) != null) {
            throw new SnapshotFormatException(index + 1, "property '" + key + "' given twice");
        }
    }

    /** The offset of the ': ' that ends the key; keys may hold quoted names with ': ' in them. */
    private static int keyEnd(String line) {
        boolean quoted = false;
        for (int i = 2; i < line.length() - 1; i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ':' && line.charAt(i + 1) == ' ') {
                return i;
            }
        }
        return -1;
    }

    private static SchemaObject readObject(String header, Map<String, String> properties,
            Map<String, Integer> columnsSeen) {
        ObjectKind kind = ObjectKind.ofHeader(header);
        if (kind == null) {
            throw new IllegalArgumentException("unknown object kind");
        }
        PropertyReader p = new PropertyReader(properties);
        if (CatalogObject.KINDS.contains(kind)) {
            // Named as SQL names it after its kind's words, which may go on after the name (an operator class's USING).
            CatalogObject object = CatalogObject.read(kind, header.substring(kind.keyword().length() + 1), p);
            p.requireAllUsed();
            return object;
        }
        Identifiers.Split name = Identifiers.split(header.substring(kind.keyword().length() + 1));
        if (!name.rest().isEmpty() && kind != ObjectKind.FUNCTION && kind != ObjectKind.PROCEDURE) {
            throw new IllegalArgumentException("unexpected text after the name: " + name.rest());
        }
        SchemaObject object = switch (kind) {
            case EXTENSION -> Extension.read(name, p);
            case EVENT_TRIGGER -> EventTrigger.read(name, p);
            case DATABASE_SETTING -> DatabaseSetting.read(name, p);
            case DEFAULT_PRIVILEGES -> DefaultPrivileges.read(name, p);
            case PUBLICATION -> Publication.read(name, p);
            case SCHEMA -> Schema.read(name, p);
            case TABLE -> Table.read(name, p);
            case COLUMN -> {
                String table = Identifiers.qualify(name.part(0, "column"), name.part(1, "column"));
                yield Column.read(name, columnsSeen.merge(table, 1, Integer::sum), p);
            }
            case CONSTRAINT -> Constraint.read(name, p);
            case INDEX -> Index.read(name, p);
            case STATISTICS -> Statistics.read(name, p);
            case TRIGGER -> Trigger.read(name, p);
            case RULE -> Rule.read(name, p);
            case POLICY -> Policy.read(name, p);
            case SEQUENCE -> Sequence.read(name, p);
            case VIEW -> View.read(name, false, p);
            case MATERIALIZED_VIEW -> View.read(name, true, p);
            case FUNCTION -> Routine.read(name, false, p);
            case PROCEDURE -> Routine.read(name, true, p);
            case ENUM -> EnumType.read(name, p);
            case DOMAIN -> DomainType.read(name, p);
            case COMPOSITE_TYPE -> CompositeType.read(name, p);
            case RANGE_TYPE -> RangeType.read(name, p);
            default -> throw new IllegalStateException("read above: " + kind);
        };
        p.requireAllUsed();
        if (!object.qualifiedName().equals(header.substring(kind.keyword().length() + 1))) {
            throw new IllegalArgumentException("the name is not written in canonical form");
        }
        return object;
    }
}
