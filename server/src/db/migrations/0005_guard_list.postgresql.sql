-- The guard list at province scale (bench/README.md has the measurements behind each step).
--
-- Totals without counting: COUNT(*) costs ~15 ns per guard in scope (5 ms for a province of
-- 300 000, on every page view). The number of guards of each supervising org is kept here by a
-- trigger, so that no code path can forget it, and a list's total is the sum over the orgs of its
-- scope (a few hundred rows at most). Lists filtered by a search term still count their matches.
CREATE TABLE guard_counts (
  org_id BIGINT PRIMARY KEY,
  total BIGINT NOT NULL,
  employed BIGINT NOT NULL
);
INSERT INTO guard_counts (org_id, total, employed) SELECT org_id, COUNT(*), SUM(employed) FROM guards GROUP BY org_id;
CREATE FUNCTION guard_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE guard_counts SET total = total - 1, employed = employed - OLD.employed WHERE org_id = OLD.org_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO guard_counts AS gc (org_id, total, employed) VALUES (NEW.org_id, 1, NEW.employed)
      ON CONFLICT (org_id) DO UPDATE SET total = gc.total + 1, employed = gc.employed + EXCLUDED.employed;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER guard_counts_change AFTER INSERT OR DELETE OR UPDATE OF org_id, employed ON guards
  FOR EACH ROW EXECUTE FUNCTION guard_counts_apply();

-- Name search sorted by time: the matching ids and their times come from this index alone, and only
-- the page's rows are read from the table.
CREATE INDEX guards_name_created ON guards(name, created_at);
DROP INDEX guards_name;
-- "仅本人数据" (records the officer created) walks its own index in time order.
CREATE INDEX guards_created_by ON guards(created_by, created_at);
