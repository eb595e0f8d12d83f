-- see ADR-0004: staging models clean and type the CDC payload, nothing more.
select
    record_content:after:id::varchar            as customer_id,
    lower(record_content:after:email::varchar)  as email,
    record_content:after:country::varchar       as country_code,
    record_content:after:segment::varchar       as segment,
    to_timestamp_ltz(record_content:source:ts_ms::number, 3) as changed_at
from {{ source('cdc', 'customers') }}
where record_content:op::varchar != 'd'
qualify row_number() over (partition by customer_id order by changed_at desc) = 1
