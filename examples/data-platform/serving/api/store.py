"""Read access to the serving store (PostgreSQL), filled hourly by the reverse ETL job."""
import os
from contextlib import contextmanager

import psycopg

SERVING_DSN = os.environ.get("SERVING_DSN", "postgresql://serving@serving-db:5432/serving")


@contextmanager
def connection():
    # Read-only session: only reverse_etl_job may write to the serving store (ADR-0009).
    with psycopg.connect(SERVING_DSN, autocommit=True) as conn:
        conn.execute("SET default_transaction_read_only = on")
        yield conn


def fetch_customer_features(customer_ids: list[str]) -> dict[str, dict]:
    with connection() as conn:
        rows = conn.execute(
            "SELECT customer_id, lifetime_value, orders_90d, churn_score, synced_at "
            "FROM customer_features WHERE customer_id = ANY(%s)",
            (customer_ids,),
        ).fetchall()
    return {
        row[0]: {"lifetime_value": row[1], "orders_90d": row[2], "churn_score": row[3], "synced_at": row[4]}
        for row in rows
    }


def last_sync_watermark() -> str | None:
    with connection() as conn:
        row = conn.execute("SELECT max(synced_at) FROM customer_features").fetchone()
    return row[0].isoformat() if row and row[0] else None
