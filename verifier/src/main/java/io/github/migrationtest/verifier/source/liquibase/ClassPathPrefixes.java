package io.github.migrationtest.verifier.source.liquibase;

import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;

/**
 * The search path as the application's class path: a path written {@code classpath:db/changes.yaml} or
 * {@code classpath*:db/changelog/changes/} (an {@code include} or {@code includeAll} in a Spring Boot project, whose
 * Liquibase resolves both against the class path) is looked up without its prefix, in the folders of the search path
 * ({@code src/main/resources} among them) and then on the class path. Liquibase's own command line finds neither.
 */
final class ClassPathPrefixes implements ResourceAccessor {

    private static final Pattern PREFIX = Pattern.compile("^classpath\\*?:/*");

    private final ResourceAccessor delegate;

    ClassPathPrefixes(ResourceAccessor delegate) {
        this.delegate = delegate;
    }

    static String withoutPrefix(String path) {
        return path == null ? null : PREFIX.matcher(path).replaceFirst("");
    }

    @Override
    public List<Resource> search(String path, SearchOptions searchOptions) throws IOException {
        return delegate.search(withoutPrefix(path), searchOptions);
    }

    @Override
    public List<Resource> search(String path, boolean recursive) throws IOException {
        return delegate.search(withoutPrefix(path), recursive);
    }

    @Override
    public List<Resource> getAll(String path) throws IOException {
        return delegate.getAll(withoutPrefix(path));
    }

    @Override
    public List<String> describeLocations() {
        return delegate.describeLocations();
    }

    @Override
    public void close() throws Exception {
        delegate.close();
    }
}
