-- Partial ID-number and mobile search at province scale: trigram GIN indexes serve LIKE '%…%'.
-- pg_trgm is a trusted extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX guards_id_no_trgm ON guards USING gin (id_no gin_trgm_ops);
CREATE INDEX guards_mobile_trgm ON guards USING gin (mobile gin_trgm_ops);
