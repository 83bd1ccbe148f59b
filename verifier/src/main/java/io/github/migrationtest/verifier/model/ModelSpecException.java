package io.github.migrationtest.verifier.model;

/** A model spec is none of the forms {@link Models#FORMS} lists. */
public final class ModelSpecException extends ModelException {

    private static final long serialVersionUID = 1L;

    public ModelSpecException(String spec) {
        super("Not a model: '" + spec + "'. Allowed: " + Models.FORMS);
    }
}
