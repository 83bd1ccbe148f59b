package io.github.migrationtest.examples.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order of a customer, with a sequence id. The foreign key and the index are not named here,
 * so Hibernate makes their names up ({@code fk…}, {@code idx…}).
 */
@Entity
@Table(name = "purchase_orders", indexes = @Index(columnList = "customer_id"))
public class PurchaseOrder {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "purchase_orders")
    @SequenceGenerator(name = "purchase_orders", sequenceName = "purchase_orders_seq") // allocationSize 50
    private Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "customer_id")
    private Customer customer;

    @Column(nullable = false, precision = 12, scale = 2)
    private BigDecimal total;

    @Column(name = "placed_at", nullable = false)
    private Instant placedAt;

    protected PurchaseOrder() {
    }

    public PurchaseOrder(Customer customer, BigDecimal total, Instant placedAt) {
        this.customer = customer;
        this.total = total;
        this.placedAt = placedAt;
    }

    public Long getId() {
        return id;
    }
}
