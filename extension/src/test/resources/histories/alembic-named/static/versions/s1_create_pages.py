"""create pages"""
from alembic import context, op
import sqlalchemy as sa

revision = "s1"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(context.get_x_argument(as_dictionary=True)["prefix"] + "pages",
                    sa.Column("id", sa.Integer, primary_key=True))


def downgrade():
    op.drop_table(context.get_x_argument(as_dictionary=True)["prefix"] + "pages")
