// Freshness panel: how far behind the source each data product is, against its SLO.
// @adr 13

export interface FreshnessReading {
  product: string;
  lagSeconds: number;
  sloSeconds: number;
}

export type FreshnessState = 'ok' | 'at-risk' | 'breached';

/** A reading within 80% of its SLO is at risk: the on-call has time to act before the SLA is missed. */
export function freshnessState(reading: FreshnessReading): FreshnessState {
  if (reading.lagSeconds > reading.sloSeconds) return 'breached';
  return reading.lagSeconds > reading.sloSeconds * 0.8 ? 'at-risk' : 'ok';
}

export async function readServingFreshness(baseUrl: string): Promise<FreshnessReading> {
  const response = await fetch(`${baseUrl}/readyz`);
  const body = (await response.json()) as { freshness_lag_seconds?: number };
  return { product: 'customer_features', lagSeconds: body.freshness_lag_seconds ?? Infinity, sloSeconds: 2 * 60 * 60 };
}
