"""Hourly reverse ETL: copies gold-layer marts from the warehouse into the serving store."""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.python import PythonOperator

from serving.reverse_etl.reverse_etl_job import run_reverse_etl_job

# ADR-0009: the serving API reads only the serving store; this DAG is the one writer that fills it.
with DAG(
    dag_id="reverse_etl_sync",
    start_date=datetime(2024, 8, 19),
    schedule="15 * * * *",
    catchup=False,
    max_active_runs=1,  # two syncs at once would race on the same upsert keys
    default_args={"owner": "serving", "retries": 3, "retry_delay": timedelta(minutes=2)},
    tags=["reverse-etl", "serving", "gold"],
) as dag:
    # The customer_features dataset is small (about two million rows), so an hourly incremental sync is cheap.
    sync_customer_features = PythonOperator(
        task_id="sync_customer_features",
        python_callable=run_reverse_etl_job,
        op_kwargs={"mapping": "customer_features", "watermark_column": "updated_at"},
        sla=timedelta(minutes=30),
    )
