package io.github.migrationtest.verifier.model.jpa.shop;

public enum Tier {
    BASIC, GOLD
}
