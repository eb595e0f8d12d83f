"""Liveness, readiness and freshness probes, scraped by the SLO dashboards."""
from datetime import datetime, timezone

from fastapi import APIRouter, Response

from serving.api import store

router = APIRouter(tags=["health"])

# ADR-0013: data older than two hours breaks the freshness SLO; readiness fails so the SLA page shows it.
FRESHNESS_SLO_SECONDS = 2 * 60 * 60


@router.get("/healthz")
def liveness() -> dict:
    return {"status": "ok"}


@router.get("/readyz")
def readiness(response: Response) -> dict:
    watermark = store.last_sync_watermark()
    if watermark is None:
        response.status_code = 503
        return {"status": "no data synced yet"}
    lag = (datetime.now(timezone.utc) - datetime.fromisoformat(watermark)).total_seconds()
    if lag > FRESHNESS_SLO_SECONDS:
        response.status_code = 503
    return {"status": "stale" if lag > FRESHNESS_SLO_SECONDS else "ok", "freshness_lag_seconds": int(lag)}
