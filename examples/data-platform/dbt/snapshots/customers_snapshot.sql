{% snapshot customers_snapshot %}
-- SCD type 2: dbt closes the old version (dbt_valid_to) whenever a tracked column changes.
{{ config(
    target_schema='snapshots',
    unique_key='customer_id',
    strategy='timestamp',
    updated_at='updated_at',
    invalidate_hard_deletes=True
) }}

select
    c.customer_id, c.email, c.country_code, c.segment,
    f.lifetime_value, f.orders_90d, f.churn_score,
    greatest(c.changed_at, f.computed_at) as updated_at
from {{ ref('stg_customers') }} as c
left join {{ source('features', 'customer_scores') }} as f using (customer_id)

{% endsnapshot %}
