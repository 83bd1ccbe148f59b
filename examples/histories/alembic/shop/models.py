"""The application's tables, as SQLAlchemy declares them: the model the head of the history must match."""
import sqlalchemy as sa
from sqlalchemy.orm import declarative_base

Base = declarative_base()

order_status = sa.Enum("new", "paid", "shipped", name="order_status")


class Customer(Base):
    __tablename__ = "customer"
    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.Text, nullable=False)
    email = sa.Column(sa.Text, nullable=False)
    __table_args__ = (sa.Index("customer_email_idx", sa.func.lower(email), unique=True),)


class PurchaseOrder(Base):
    __tablename__ = "purchase_order"
    id = sa.Column(sa.Integer, primary_key=True)
    customer_id = sa.Column(sa.Integer, sa.ForeignKey("customer.id", name="purchase_order_customer_id_fkey"),
                            nullable=False)
    status = sa.Column(order_status, nullable=False, server_default="new")
