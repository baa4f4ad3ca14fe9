-- Seeds the SQLite store with one million past queries for the listing benchmark, by
-- copying the newest real record (one the service itself stored) with new ids and ever
-- older timestamps, 1 ms apart. The newest 10,000 copies keep the full answer, so every
-- page the benchmark reads is real-size; older copies keep the request but an empty
-- answer, which keeps the file at a few GB instead of ~25 GB (a listing reads only
-- the rows on its page, so their size does not change what a first page costs).
PRAGMA journal_mode = DELETE;
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE
  template AS (SELECT * FROM recommendation ORDER BY created_at_us DESC, id DESC LIMIT 1),
  n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000)
INSERT INTO recommendation
  (id, created_at_us, client_id, idempotency_key, request_digest, recommended_option, region,
   request, response)
SELECT printf('00000000-0000-4000-8000-%012x', i), template.created_at_us - i * 1000, NULL,
  NULL, template.request_digest, template.recommended_option, template.region,
  template.request, CASE WHEN i <= 10000 THEN template.response ELSE CAST('{}' AS BLOB) END
FROM n, template;
COMMIT;
PRAGMA journal_mode = WAL;
SELECT count(*) || ' rows, ' || (page_count * page_size / 1048576) || ' MiB'
FROM recommendation, pragma_page_count, pragma_page_size;
