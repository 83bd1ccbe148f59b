"""unique customer email, case-insensitive

Revision ID: 3c4d5e6f7a8b
Revises: 2b3c4d5e6f7a
Create Date: 2026-11-20 11:05:00
"""
import sqlalchemy as sa
from alembic import op

revision = "3c4d5e6f7a8b"
down_revision = "2b3c4d5e6f7a"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("customer_email_idx", "customer", [sa.text("lower(email)")], unique=True)


def downgrade():
    op.drop_index("customer_email_idx", table_name="customer")
