package io.github.migrationtest.verifier.model.jpa;

import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;

/** A naming strategy a persistence unit names, to prove that the unit's own settings are used. */
public class PrefixedNames extends PhysicalNamingStrategyStandardImpl {
    @Override
    public Identifier toPhysicalTableName(Identifier name, JdbcEnvironment context) {
        return Identifier.toIdentifier("unit_" + name.getText(), name.isQuoted());
    }
}
