package io.github.migrationtest.verifier.source;

/**
 * Opens one type of migration source. {@link MigrationSources} finds the built-in providers by class
 * name, so a provider for an optional tool is loaded only when asked for.
 */
public interface MigrationSourceProvider {

    SourceType type();

    /** Whether the tool this provider drives is on the class path. */
    boolean isAvailable(ClassLoader classLoader);

    /** Whether the location looks like this type of history (a cheap look, no parsing). */
    boolean recognises(String location, SourceOptions options);

    /**
     * Reads the history at the location. Malformed input becomes findings of the returned source;
     * only a location this provider cannot handle at all is an exception.
     */
    MigrationSource open(String location, SourceOptions options);

    /** Whether a class can be found, without initialising it: how providers check for their tool. */
    static boolean classPresent(String className, ClassLoader classLoader) {
        try {
            Class.forName(className, false, classLoader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
