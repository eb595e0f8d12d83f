"""Reverse ETL: upserts gold-layer rows from the warehouse into the serving store."""
import logging
from pathlib import Path

import yaml

from serving.reverse_etl import warehouse, serving_store

log = logging.getLogger(__name__)
CONFIG = Path(__file__).with_name("sync_config.yml")


def run_reverse_etl_job(mapping: str, watermark_column: str) -> int:
    """Copies rows changed since the last watermark. Safe to re-run: every write is an idempotent upsert."""
    spec = yaml.safe_load(CONFIG.read_text())["mappings"][mapping]
    watermark = serving_store.read_watermark(spec["target"])
    # ADR-0009: the warehouse is the source of truth; the serving store is a disposable read model.
    rows = warehouse.query(
        f"SELECT {', '.join(spec['columns'])} FROM {spec['source']} WHERE {watermark_column} > %(watermark)s",
        {"watermark": watermark},
    )
    written = serving_store.upsert(spec["target"], rows, key=spec["key"])
    serving_store.write_watermark(spec["target"], max((r[watermark_column] for r in rows), default=watermark))
    log.info("reverse ETL %s: %d rows upserted into %s", mapping, written, spec["target"])
    return written
