package io.github.migrationtest.verifier.ci;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * GitHub Actions' workflow commands ({@code ::error file=f,line=1,title=t::message}), escaped as the
 * runner unescapes them: in the message {@code %}, CR and LF; in a property also {@code :} and {@code ,},
 * which would otherwise end it.
 */
final class WorkflowCommands {

    private WorkflowCommands() {
    }

    static String command(String name, Map<String, String> properties, String message) {
        Map<String, String> present = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            if (value != null && !value.isEmpty()) {
                present.put(key, value);
            }
        });
        String props = present.entrySet().stream().map(e -> e.getKey() + "=" + escapeProperty(e.getValue()))
                .collect(Collectors.joining(","));
        return "::" + name + (props.isEmpty() ? "" : " " + props) + "::" + escapeData(message);
    }

    static String escapeData(String value) {
        return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    static String escapeProperty(String value) {
        return escapeData(value).replace(":", "%3A").replace(",", "%2C");
    }
}
