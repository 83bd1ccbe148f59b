from alembic import context
from sqlalchemy import engine_from_config, pool

config = context.config
# Each environment's tables get the prefix `alembic -x prefix=<p>` gives.
prefix = context.get_x_argument(as_dictionary=True).get("prefix")
if prefix is None:
    raise RuntimeError("run with -x prefix=<table prefix>")

connectable = engine_from_config(config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.",
                                 poolclass=pool.NullPool)
with connectable.connect() as connection:
    context.configure(connection=connection, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()
