-- Silver layer: one row per order, latest CDC image only. See ADR-0004 for the layer rules.
with cdc as (
    select
        record_content:after:order_id::varchar       as order_id,
        record_content:after:customer_id::varchar    as customer_id,
        record_content:after:status::varchar         as order_status,
        record_content:after:total_cents::number     as total_cents,
        record_content:op::varchar                   as cdc_op,
        to_timestamp_ltz(record_content:source:ts_ms::number, 3) as changed_at
    from {{ source('cdc', 'orders') }}
),

latest as (
    -- The binlog/WAL can replay an event after a connector restart; keep the newest image per key.
    select *
    from cdc
    qualify row_number() over (partition by order_id order by changed_at desc) = 1
)

select order_id, customer_id, order_status, total_cents / 100.0 as order_total, changed_at
from latest
where cdc_op != 'd'
