-- Interop Kit schema v12: what the first screens show.
-- A visitor's, before the first message: the company's greeting and a few suggested topics
-- ({"greeting": "…", "topics": ["…"]}); NULL: the kit's own greeting, no topics.
ALTER TABLE corps ADD COLUMN welcome jsonb;
-- An employee's, beside a conversation: where the customer last came from — the page (without its query), their
-- time zone and language as their browser says, their device as its user agent says, and when.
ALTER TABLE customers ADD COLUMN last_visit jsonb;
