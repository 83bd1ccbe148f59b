package io.github.migrationtest.maven;

import java.io.File;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves what a user writes relative to the module's folder. Maven runs every module of a build in
 * one process whose working folder is where {@code mvn} started, so a relative path that the command
 * line would read from its working folder is made absolute against the module here.
 */
final class ProjectPaths {

    /** Model specs whose rest is a file: {@code snapshot:<file>}, {@code sql:<file>}. */
    private static final Pattern FILE_MODEL = Pattern.compile("(snapshot|sql):(.+)");
    /** Location prefixes that name something other than a file (resolved by the tool itself). */
    private static final List<String> NOT_FILES = List.of("classpath:", "jpa:");
    private static final String FILESYSTEM = "filesystem:";

    private final File basedir;
    private final File workingFolder;

    ProjectPaths(File basedir) {
        this(basedir, new File(System.getProperty("user.dir")));
    }

    ProjectPaths(File basedir, File workingFolder) {
        this.basedir = basedir;
        this.workingFolder = workingFolder;
    }

    /**
     * The location to pass when the user gave none: none either, as on the command line, which then
     * looks for the history in the project it runs in (a Spring Boot project's settings). A module other
     * than the folder {@code mvn} runs in is named, since the command line would look in the wrong one.
     */
    String defaultLocation() {
        return basedir.getAbsoluteFile().toPath().normalize().equals(workingFolder.getAbsoluteFile().toPath().normalize())
                ? null : basedir.getPath();
    }

    /** A history location: a folder, a changelog, {@code filesystem:<path>} or {@code classpath:<path>}. */
    String location(String location) {
        if (location == null || location.isBlank()) {
            return defaultLocation();
        }
        if (NOT_FILES.stream().anyMatch(location::startsWith)) {
            return location;
        }
        if (location.startsWith(FILESYSTEM)) {
            return FILESYSTEM + file(location.substring(FILESYSTEM.length()));
        }
        return file(location);
    }

    /** A {@code --model} value: the file of a snapshot or SQL model is resolved, others are left as they are. */
    String model(String model) {
        if (model == null) {
            return null;
        }
        Matcher matcher = FILE_MODEL.matcher(model);
        return matcher.matches() ? matcher.group(1) + ":" + file(matcher.group(2)) : model;
    }

    /**
     * A tool's configuration file: the one given, else the module's own (the first of {@code names} it has)
     * when {@code mvn} runs in another folder, where the command line would not find it; {@code null} when
     * the command line finds it itself, or there is none.
     */
    File toolConfig(File given, String... names) {
        if (given != null) {
            return given;
        }
        if (defaultLocation() == null) {
            return null;
        }
        for (String name : names) {
            File file = new File(basedir, name);
            if (file.isFile()) {
                return file;
            }
        }
        return null;
    }

    /** An Alembic env.py, or the word {@code minimal}. */
    String alembicEnv(String env) {
        return env == null || env.isBlank() || "minimal".equals(env.strip()) ? env : file(env);
    }

    private String file(String path) {
        File file = new File(path);
        return file.isAbsolute() ? path : new File(basedir, path).getPath();
    }
}
