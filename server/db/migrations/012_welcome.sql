-- Interop Kit schema v12: what a visitor's chat shows before the first message. The company's greeting and a few
-- suggested topics ({"greeting": "…", "topics": ["…"]}); NULL: the kit's own greeting, no topics.
ALTER TABLE corps ADD COLUMN welcome jsonb;
