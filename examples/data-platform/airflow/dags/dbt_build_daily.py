"""Daily dbt build: staging, snapshots and marts, then a freshness check against the SLA."""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator

DBT_DIR = "/opt/airflow/dbt"

with DAG(
    dag_id="dbt_build_daily",
    start_date=datetime(2024, 3, 12),
    schedule="0 4 * * *",
    catchup=False,
    # ADR-0002: dbt owns every transformation inside the warehouse; this DAG only decides when it runs.
    default_args={"owner": "analytics-engineering", "retries": 1, "retry_delay": timedelta(minutes=5)},
    sla_miss_callback=None,
    tags=["dbt", "silver", "gold"],
) as dag:
    source_freshness = BashOperator(
        task_id="source_freshness",
        bash_command=f"cd {DBT_DIR} && dbt source freshness",
    )
    # SCD type 2 history for customers is taken before the marts read it.
    snapshot_customers = BashOperator(
        task_id="snapshot_customers",
        bash_command=f"cd {DBT_DIR} && dbt snapshot --select customers_snapshot",
    )
    build_marts = BashOperator(
        task_id="build_marts",
        bash_command=f"cd {DBT_DIR} && dbt build --select staging+ marts+",
        sla=timedelta(hours=2),
    )
    source_freshness >> snapshot_customers >> build_marts
