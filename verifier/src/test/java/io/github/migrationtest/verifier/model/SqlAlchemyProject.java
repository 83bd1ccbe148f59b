package io.github.migrationtest.verifier.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small Alembic project with a SQLAlchemy model, as tests write it into a temporary folder: two
 * revisions (users with an enum and a length-limited name; then an email), an env.py that configures
 * {@code app.models}' metadata as target_metadata, and that model, matching the head.
 */
public final class SqlAlchemyProject {

    /** The model the history builds at head: users with an enum, a length-limited name and an email. */
    public static final String MODELS = """
            import sqlalchemy as sa
            from sqlalchemy.orm import declarative_base

            Base = declarative_base()


            class User(Base):
                __tablename__ = "users"
                id = sa.Column(sa.Integer, primary_key=True)
                name = sa.Column(sa.String(100), nullable=False)
                mood = sa.Column(sa.Enum("happy", "sad", name="mood"))
                email = sa.Column(sa.Text)
            """;

    public static final String ENV = """
            from alembic import context
            from sqlalchemy import engine_from_config, pool
            from app.models import Base

            config = context.config
            target_metadata = Base.metadata

            if context.is_offline_mode():
                context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                                  literal_binds=True)
                with context.begin_transaction():
                    context.run_migrations()
            else:
                engine = engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.",
                                            poolclass=pool.NullPool)
                with engine.connect() as connection:
                    context.configure(connection=connection, target_metadata=target_metadata)
                    with context.begin_transaction():
                        context.run_migrations()
            """;

    private SqlAlchemyProject() {
    }

    /** Writes the project into {@code project}. */
    public static void write(Path project) throws IOException {
        write(project, "alembic.ini", """
                [alembic]
                script_location = migrations
                sqlalchemy.url = postgresql://app@db.example/app
                """);
        write(project, "app/__init__.py", "");
        write(project, "app/models.py", MODELS);
        write(project, "migrations/env.py", ENV);
        write(project, "migrations/versions/0001_users.py", """
                \"""users\"""
                from alembic import op
                import sqlalchemy as sa

                revision = "0001"
                down_revision = None


                def upgrade():
                    op.create_table("users", sa.Column("id", sa.Integer, primary_key=True),
                                    sa.Column("name", sa.String(100), nullable=False),
                                    sa.Column("mood", sa.Enum("happy", "sad", name="mood")))


                def downgrade():
                    op.drop_table("users")
                    op.execute("DROP TYPE mood")
                """);
        write(project, "migrations/versions/0002_email.py", """
                \"""email\"""
                from alembic import op
                import sqlalchemy as sa

                revision = "0002"
                down_revision = "0001"


                def upgrade():
                    op.add_column("users", sa.Column("email", sa.Text))


                def downgrade():
                    op.drop_column("users", "email")
                """);
    }

    /** Writes one file of the project, with its folders. */
    public static Path write(Path project, String file, String text) throws IOException {
        Path path = project.resolve(file);
        Files.createDirectories(path.getParent());
        return Files.writeString(path, text);
    }
}
