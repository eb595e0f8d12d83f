-- Gold layer fact table: one row per order, joined to the customer version valid when it was placed.
-- see ADR-0004 (medallion layers) and ADR-0042 for late-arriving order lines.
{{ config(materialized='incremental', unique_key='order_id', on_schema_change='append_new_columns') }}

select
    o.order_id,
    o.customer_id,
    c.customer_sk,
    o.order_status,
    o.order_total,
    o.changed_at
from {{ ref('stg_orders') }} as o
left join {{ ref('dim_customers') }} as c
    on o.customer_id = c.customer_id
   and o.changed_at >= c.valid_from
   and o.changed_at < coalesce(c.valid_to, '9999-12-31'::timestamp)
{% if is_incremental() %}
-- The watermark is the newest change already in the table; a backfill resets it by running with --full-refresh.
where o.changed_at > (select max(changed_at) from {{ this }})
{% endif %}
