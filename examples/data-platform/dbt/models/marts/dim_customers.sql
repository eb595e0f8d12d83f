-- SCD type 2 customer dimension built from the customers snapshot. see ADR-0004
select
    {{ dbt_utils.generate_surrogate_key(['customer_id', 'dbt_valid_from']) }} as customer_sk,
    customer_id,
    email,
    country_code,
    segment,
    dbt_valid_from as valid_from,
    dbt_valid_to   as valid_to,
    dbt_valid_to is null as is_current,
    -- feature columns read by the serving API through reverse ETL
    lifetime_value,
    orders_90d,
    churn_score,
    updated_at
from {{ ref('customers_snapshot') }}
