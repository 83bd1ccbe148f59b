package io.github.migrationtest.verifier.model.jpa.converted;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Auto-applied: every {@link Cents} attribute is stored as a bigint. */
@Converter(autoApply = true)
public class CentsConverter implements AttributeConverter<Cents, Long> {
    @Override
    public Long convertToDatabaseColumn(Cents cents) {
        return cents == null ? null : cents.value();
    }

    @Override
    public Cents convertToEntityAttribute(Long value) {
        return value == null ? null : new Cents(value);
    }
}
