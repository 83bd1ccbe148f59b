"""create purchase_order with its status enum

Revision ID: 2b3c4d5e6f7a
Revises: 1a2b3c4d5e6f
Create Date: 2026-11-09 16:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = "2b3c4d5e6f7a"
down_revision = "1a2b3c4d5e6f"
branch_labels = None
depends_on = None

order_status = sa.Enum("new", "paid", "shipped", name="order_status")


def upgrade():
    op.create_table(
        "purchase_order",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("customer_id", sa.Integer, sa.ForeignKey("customer.id", name="purchase_order_customer_id_fkey"),
                  nullable=False),
        sa.Column("status", order_status, nullable=False, server_default="new"),
    )


def downgrade():
    op.drop_table("purchase_order")
    # drop_table leaves the enum type behind; without this line the round trip fails.
    order_status.drop(op.get_bind())
