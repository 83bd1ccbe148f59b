"""create customer

Revision ID: 1a2b3c4d5e6f
Revises:
Create Date: 2026-11-02 09:14:00
"""
import sqlalchemy as sa
from alembic import op

revision = "1a2b3c4d5e6f"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "customer",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("email", sa.Text, nullable=False),
    )


def downgrade():
    op.drop_table("customer")
