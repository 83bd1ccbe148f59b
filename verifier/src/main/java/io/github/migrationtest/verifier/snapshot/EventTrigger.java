package io.github.migrationtest.verifier.snapshot;

import java.util.Map;

/** A database-wide event trigger: the event, its tag filter, the function and whether it fires. */
public record EventTrigger(String name, String event, String tags, String function, String enabled, String comment)
        implements DatabaseObject {

    @Override
    public ObjectKind kind() {
        return ObjectKind.EVENT_TRIGGER;
    }

    @Override
    public Map<String, String> properties() {
        return new Props().put("event", event).put("tags", tags).put("function", function)
                .put("enabled", enabled).put("comment", comment).build();
    }

    static EventTrigger read(Identifiers.Split name, PropertyReader p) {
        return new EventTrigger(name.part(0, "event trigger"), p.require("event"), p.get("tags"),
                p.require("function"), p.get("enabled"), p.get("comment"));
    }
}
