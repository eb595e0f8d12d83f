"""Feature lookups: one customer, or a batch of up to 500."""
from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field

from serving.api import store

router = APIRouter(tags=["features"])

MAX_BATCH = 500


class BatchRequest(BaseModel):
    customer_ids: list[str] = Field(min_length=1, max_length=MAX_BATCH)


@router.get("/customers/{customer_id}/features")
def customer_features(customer_id: str) -> dict:
    found = store.fetch_customer_features([customer_id])
    if customer_id not in found:
        raise HTTPException(status_code=404, detail="unknown customer")
    return found[customer_id]


@router.post("/customers/features:batch")
def customer_features_batch(request: BatchRequest) -> dict:
    # One round trip for the whole batch keeps p99 latency inside the SLO (ADR-0013).
    return {"features": store.fetch_customer_features(request.customer_ids)}
