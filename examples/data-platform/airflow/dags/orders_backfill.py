"""Backfill of the orders bronze tables from a point-in-time snapshot of the source database."""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator

# ADR-0003: backfills run inside the nightly batch window so they never compete with the day's load.
BATCH_WINDOW_START = "01:00"

default_args = {
    "owner": "data-platform",
    "retries": 2,
    "retry_delay": timedelta(minutes=10),
    # A backfill must be idempotent: re-running a day overwrites that day's partition, never appends.
    "depends_on_past": False,
}

with DAG(
    dag_id="orders_backfill",
    start_date=datetime(2024, 5, 1),
    schedule=None,  # triggered by hand with {"from": "...", "to": "..."}
    catchup=False,
    default_args=default_args,
    tags=["backfill", "orders", "bronze"],
) as dag:
    export_snapshot = BashOperator(
        task_id="export_snapshot",
        bash_command=(
            "pg_dump --snapshot={{ dag_run.conf['snapshot_id'] }} "
            "--table=public.orders --data-only --format=custom -f /tmp/orders.dump"
        ),
    )
    load_bronze = BashOperator(
        task_id="load_bronze_partition",
        bash_command="python -m ingest.load_partition --table orders --from {{ dag_run.conf['from'] }}",
    )
    export_snapshot >> load_bronze
