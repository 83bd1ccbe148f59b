package io.github.migrationtest.verifier.source.alembic;

import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A small Alembic project a test writes into a folder: {@code alembic.ini} naming a script location
 * {@code migrations/} and a URL nobody can reach, an {@code env.py} in the style {@code alembic init}
 * writes (offline and online modes, the URL from {@code sqlalchemy.url}), and revision files.
 */
record AlembicProjectDir(Path root) {

    /** A URL of no database: the steps only reach the verifier's if the connect-time redirection works. */
    static final String UNREACHABLE_URL = "postgresql://app:secret@127.0.0.2:1/app_production";

    /** The online part of {@code alembic init}'s generic env.py, without logging configuration. */
    static final String GENERIC_ENV = """
            from alembic import context
            from sqlalchemy import engine_from_config, pool

            config = context.config
            target_metadata = None


            def run_migrations_offline():
                context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                                  literal_binds=True, dialect_opts={"paramstyle": "named"})
                with context.begin_transaction():
                    context.run_migrations()


            def run_migrations_online():
                connectable = engine_from_config(config.get_section(config.config_ini_section, {}),
                                                 prefix="sqlalchemy.", poolclass=pool.NullPool)
                with connectable.connect() as connection:
                    context.configure(connection=connection, target_metadata=target_metadata)
                    with context.begin_transaction():
                        context.run_migrations()


            if context.is_offline_mode():
                run_migrations_offline()
            else:
                run_migrations_online()
            """;

    /** A project with {@code alembic.ini} and the generic {@code env.py}, and no revision yet. */
    static AlembicProjectDir generic(Path root) {
        AlembicProjectDir project = new AlembicProjectDir(root);
        project.ini(UNREACHABLE_URL);
        project.env(GENERIC_ENV);
        return project;
    }

    /** Writes {@code alembic.ini} with this {@code sqlalchemy.url}. */
    Path ini(String url) {
        return write("alembic.ini", """
                [alembic]
                script_location = %(here)s/migrations
                sqlalchemy.url = URL
                """.replace("URL", url));
    }

    Path env(String content) {
        return write("migrations/env.py", content);
    }

    /**
     * Writes {@code migrations/versions/<id>_<slug>.py}.
     *
     * @param down the {@code down_revision} as Python: {@code None}, {@code "'a1'"}, {@code "('b1', 'c1')"}
     * @param upgrade the body of {@code upgrade()}; {@code op} and {@code sa} are imported
     * @param downgrade the body of {@code downgrade()}
     */
    Path revision(String id, String down, String doc, String upgrade, String downgrade) {
        return write("migrations/versions/" + id + "_" + doc.toLowerCase().replaceAll("[^a-z0-9]+", "_") + ".py",
                "\"\"\"" + doc + "\"\"\"\n"
                        + "from alembic import op\n"
                        + "import sqlalchemy as sa\n\n"
                        + "revision = '" + id + "'\n"
                        + "down_revision = " + (down == null ? "None" : down) + "\n"
                        + "branch_labels = None\n"
                        + "depends_on = None\n\n\n"
                        + "def upgrade():\n" + indented(upgrade) + "\n\n"
                        + "def downgrade():\n" + indented(downgrade));
    }

    /** A first revision {@code id}: a table {@code users (id, name)}, dropped by its downgrade. */
    Path users(String id) {
        return revision(id, null, "create users", """
                op.create_table("users", sa.Column("id", sa.Integer, primary_key=True),
                                sa.Column("name", sa.String(50), nullable=False))
                """, "op.drop_table(\"users\")");
    }

    Path write(String relative, String content) {
        Path file = root.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How reports name a file of the project: relative to its root. */
    String shown(Path file) {
        return root.relativize(file).toString();
    }

    /** The 1-based line of the first line of {@code file} that contains {@code text}. */
    static int lineOf(Path file, String text) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(text)) {
                    return i + 1;
                }
            }
            throw new IllegalArgumentException(text + " is not in " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The options that run this project in the tests' Python. */
    static SourceOptions options() {
        return SourceOptions.defaults().withAlembicPython(AlembicPython.interpreter());
    }

    MigrationSource open() {
        return MigrationSources.open(root, options());
    }

    private static String indented(String body) {
        return body.strip().lines().map(line -> "    " + line).collect(Collectors.joining("\n")) + "\n";
    }
}
