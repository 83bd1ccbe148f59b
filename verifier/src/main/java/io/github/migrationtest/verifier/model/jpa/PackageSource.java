package io.github.migrationtest.verifier.model.jpa;

import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.BootstrapServiceRegistry;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.tool.schema.spi.DelayedDropRegistryNotAvailableImpl;
import org.hibernate.tool.schema.spi.SchemaManagementToolCoordinator;

/** The mapped classes of a package, bootstrapped with Hibernate's native API. */
record PackageSource(String packageName, List<Class<?>> classes, ClassLoader loader, Map<String, String> settings)
        implements EntitySource {

    PackageSource {
        classes = List.copyOf(classes);
        settings = Map.copyOf(settings);
    }

    @Override
    public String description() {
        return "JPA entities in package " + packageName;
    }

    @Override
    public void export(DataSource dataSource) {
        Map<String, Object> all = ExportSettings.forExport(settings);
        all.put(AvailableSettings.DATASOURCE, dataSource);
        BootstrapServiceRegistry bootstrap = new BootstrapServiceRegistryBuilder().applyClassLoader(loader).build();
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder(bootstrap).applySettings(all).build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            classes.forEach(sources::addAnnotatedClass);
            Metadata metadata = sources.buildMetadata();
            SchemaManagementToolCoordinator.process(metadata, registry,
                    registry.requireService(ConfigurationService.class).getSettings(),
                    DelayedDropRegistryNotAvailableImpl.INSTANCE);
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }
}
