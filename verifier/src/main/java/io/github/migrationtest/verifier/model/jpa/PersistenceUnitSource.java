package io.github.migrationtest.verifier.model.jpa;

import java.util.Map;
import javax.sql.DataSource;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jpa.boot.spi.Bootstrap;
import org.hibernate.jpa.boot.spi.PersistenceUnitDescriptor;

/**
 * A persistence unit of {@code META-INF/persistence.xml}, with its own classes, mapping files and
 * properties (naming strategies, dialect); only its connection and schema actions are replaced.
 */
record PersistenceUnitSource(PersistenceUnitDescriptor unit, ClassLoader loader, Map<String, String> settings)
        implements EntitySource {

    PersistenceUnitSource {
        settings = Map.copyOf(settings);
    }

    @Override
    public String description() {
        return "JPA persistence unit " + unit.getName();
    }

    @Override
    public void export(DataSource dataSource) {
        Map<String, Object> all = ExportSettings.forExport(settings);
        // The unit's own data source (often JTA, from JNDI) is not there in a test: ours replaces it.
        all.put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
        all.put(AvailableSettings.JAKARTA_TRANSACTION_TYPE, "RESOURCE_LOCAL");
        Bootstrap.getEntityManagerFactoryBuilder(unit, all, loader).generateSchema();
    }
}
