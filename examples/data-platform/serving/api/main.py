"""Serving API: low-latency reads of customer features for the product teams."""
from fastapi import FastAPI

from serving.api.routes import features, health

# ADR-0009: every route reads the serving store that reverse ETL fills; none of them query the warehouse.
app = FastAPI(title="Data Platform Serving API", version="2.3.0")
app.include_router(health.router)
app.include_router(features.router, prefix="/v1")
