-- The guard list at province scale (bench/README.md has the measurements behind each step).
--
-- Totals without counting: COUNT(*) costs ~15 ns per guard in scope (5 ms for a province of
-- 300 000, on every page view). The number of guards of each supervising org is kept here by
-- triggers, so that no code path can forget it, and a list's total is the sum over the orgs of its
-- scope (a few hundred rows at most). Lists filtered by a search term still count their matches.
CREATE TABLE guard_counts (
  org_id BIGINT PRIMARY KEY,
  total BIGINT NOT NULL,
  employed BIGINT NOT NULL
);
INSERT INTO guard_counts (org_id, total, employed) SELECT org_id, COUNT(*), SUM(employed) FROM guards GROUP BY org_id;
CREATE TRIGGER guard_counts_insert AFTER INSERT ON guards
BEGIN
  INSERT INTO guard_counts (org_id, total, employed) VALUES (new.org_id, 1, new.employed)
    ON CONFLICT (org_id) DO UPDATE SET total = total + 1, employed = employed + excluded.employed;
END;
CREATE TRIGGER guard_counts_delete AFTER DELETE ON guards
BEGIN
  UPDATE guard_counts SET total = total - 1, employed = employed - old.employed WHERE org_id = old.org_id;
END;
CREATE TRIGGER guard_counts_update AFTER UPDATE OF org_id, employed ON guards
BEGIN
  UPDATE guard_counts SET total = total - 1, employed = employed - old.employed WHERE org_id = old.org_id;
  INSERT INTO guard_counts (org_id, total, employed) VALUES (new.org_id, 1, new.employed)
    ON CONFLICT (org_id) DO UPDATE SET total = total + 1, employed = employed + excluded.employed;
END;

-- Name search sorted by time: the matching ids and their times come from this index alone, and only
-- the page's rows are read from the table (0.2 ms instead of 1.3 ms for the 868 guards named 张伟…).
CREATE INDEX guards_name_created ON guards(name, created_at);
DROP INDEX guards_name;
-- "仅本人数据" (records the officer created) walks its own index in time order.
CREATE INDEX guards_created_by ON guards(created_by, created_at);

-- Partial ID numbers and mobiles, replacing the trigram index of 0003. A trigram phrase for 8 digits of
-- a birth date joins six long doclists (digits are few, so every trigram is common): 3.5 ms at province
-- scale. Here each value is indexed as the substrings of up to 6 characters that start at each of
-- its positions ("610112198107076330" → "610112 101121 … 6330 330 30 0"): a part of up to 6
-- characters is a prefix of one of them ("6330" *), a longer part is the phrase of its consecutive
-- 6-character pieces ("196902 969021 690212"). Measured: 0.3 ms for those 8 digits, 0.1–0.3 ms for
-- 4–6 digits; the index is 47 MB for 300 000 guards (the trigram one: 28 MB). The table keeps no copy
-- of the text (content=''); the triggers compute the pieces from the row, and deleting replays them.
DROP TRIGGER guards_search_insert;
DROP TRIGGER guards_search_delete;
DROP TRIGGER guards_search_update;
DROP TABLE guards_search;
CREATE VIRTUAL TABLE guards_search USING fts5(id_no, mobile, content='', tokenize='unicode61');
CREATE TRIGGER guards_search_insert AFTER INSERT ON guards
BEGIN
  INSERT INTO guards_search (rowid, id_no, mobile) VALUES (new.id,
    substr(new.id_no, 1, 6) || ' ' || substr(new.id_no, 2, 6) || ' ' || substr(new.id_no, 3, 6) || ' ' || substr(new.id_no, 4, 6) || ' ' || substr(new.id_no, 5, 6) || ' ' || substr(new.id_no, 6, 6) || ' ' || substr(new.id_no, 7, 6) || ' ' || substr(new.id_no, 8, 6) || ' ' || substr(new.id_no, 9, 6) || ' ' || substr(new.id_no, 10, 6) || ' ' || substr(new.id_no, 11, 6) || ' ' || substr(new.id_no, 12, 6) || ' ' || substr(new.id_no, 13, 6) || ' ' || substr(new.id_no, 14, 6) || ' ' || substr(new.id_no, 15, 6) || ' ' || substr(new.id_no, 16, 6) || ' ' || substr(new.id_no, 17, 6) || ' ' || substr(new.id_no, 18, 6),
    substr(new.mobile, 1, 6) || ' ' || substr(new.mobile, 2, 6) || ' ' || substr(new.mobile, 3, 6) || ' ' || substr(new.mobile, 4, 6) || ' ' || substr(new.mobile, 5, 6) || ' ' || substr(new.mobile, 6, 6) || ' ' || substr(new.mobile, 7, 6) || ' ' || substr(new.mobile, 8, 6) || ' ' || substr(new.mobile, 9, 6) || ' ' || substr(new.mobile, 10, 6) || ' ' || substr(new.mobile, 11, 6));
END;
CREATE TRIGGER guards_search_delete AFTER DELETE ON guards
BEGIN
  INSERT INTO guards_search (guards_search, rowid, id_no, mobile) VALUES ('delete', old.id,
    substr(old.id_no, 1, 6) || ' ' || substr(old.id_no, 2, 6) || ' ' || substr(old.id_no, 3, 6) || ' ' || substr(old.id_no, 4, 6) || ' ' || substr(old.id_no, 5, 6) || ' ' || substr(old.id_no, 6, 6) || ' ' || substr(old.id_no, 7, 6) || ' ' || substr(old.id_no, 8, 6) || ' ' || substr(old.id_no, 9, 6) || ' ' || substr(old.id_no, 10, 6) || ' ' || substr(old.id_no, 11, 6) || ' ' || substr(old.id_no, 12, 6) || ' ' || substr(old.id_no, 13, 6) || ' ' || substr(old.id_no, 14, 6) || ' ' || substr(old.id_no, 15, 6) || ' ' || substr(old.id_no, 16, 6) || ' ' || substr(old.id_no, 17, 6) || ' ' || substr(old.id_no, 18, 6),
    substr(old.mobile, 1, 6) || ' ' || substr(old.mobile, 2, 6) || ' ' || substr(old.mobile, 3, 6) || ' ' || substr(old.mobile, 4, 6) || ' ' || substr(old.mobile, 5, 6) || ' ' || substr(old.mobile, 6, 6) || ' ' || substr(old.mobile, 7, 6) || ' ' || substr(old.mobile, 8, 6) || ' ' || substr(old.mobile, 9, 6) || ' ' || substr(old.mobile, 10, 6) || ' ' || substr(old.mobile, 11, 6));
END;
CREATE TRIGGER guards_search_update AFTER UPDATE OF id_no, mobile ON guards
BEGIN
  INSERT INTO guards_search (guards_search, rowid, id_no, mobile) VALUES ('delete', old.id,
    substr(old.id_no, 1, 6) || ' ' || substr(old.id_no, 2, 6) || ' ' || substr(old.id_no, 3, 6) || ' ' || substr(old.id_no, 4, 6) || ' ' || substr(old.id_no, 5, 6) || ' ' || substr(old.id_no, 6, 6) || ' ' || substr(old.id_no, 7, 6) || ' ' || substr(old.id_no, 8, 6) || ' ' || substr(old.id_no, 9, 6) || ' ' || substr(old.id_no, 10, 6) || ' ' || substr(old.id_no, 11, 6) || ' ' || substr(old.id_no, 12, 6) || ' ' || substr(old.id_no, 13, 6) || ' ' || substr(old.id_no, 14, 6) || ' ' || substr(old.id_no, 15, 6) || ' ' || substr(old.id_no, 16, 6) || ' ' || substr(old.id_no, 17, 6) || ' ' || substr(old.id_no, 18, 6),
    substr(old.mobile, 1, 6) || ' ' || substr(old.mobile, 2, 6) || ' ' || substr(old.mobile, 3, 6) || ' ' || substr(old.mobile, 4, 6) || ' ' || substr(old.mobile, 5, 6) || ' ' || substr(old.mobile, 6, 6) || ' ' || substr(old.mobile, 7, 6) || ' ' || substr(old.mobile, 8, 6) || ' ' || substr(old.mobile, 9, 6) || ' ' || substr(old.mobile, 10, 6) || ' ' || substr(old.mobile, 11, 6));
  INSERT INTO guards_search (rowid, id_no, mobile) VALUES (new.id,
    substr(new.id_no, 1, 6) || ' ' || substr(new.id_no, 2, 6) || ' ' || substr(new.id_no, 3, 6) || ' ' || substr(new.id_no, 4, 6) || ' ' || substr(new.id_no, 5, 6) || ' ' || substr(new.id_no, 6, 6) || ' ' || substr(new.id_no, 7, 6) || ' ' || substr(new.id_no, 8, 6) || ' ' || substr(new.id_no, 9, 6) || ' ' || substr(new.id_no, 10, 6) || ' ' || substr(new.id_no, 11, 6) || ' ' || substr(new.id_no, 12, 6) || ' ' || substr(new.id_no, 13, 6) || ' ' || substr(new.id_no, 14, 6) || ' ' || substr(new.id_no, 15, 6) || ' ' || substr(new.id_no, 16, 6) || ' ' || substr(new.id_no, 17, 6) || ' ' || substr(new.id_no, 18, 6),
    substr(new.mobile, 1, 6) || ' ' || substr(new.mobile, 2, 6) || ' ' || substr(new.mobile, 3, 6) || ' ' || substr(new.mobile, 4, 6) || ' ' || substr(new.mobile, 5, 6) || ' ' || substr(new.mobile, 6, 6) || ' ' || substr(new.mobile, 7, 6) || ' ' || substr(new.mobile, 8, 6) || ' ' || substr(new.mobile, 9, 6) || ' ' || substr(new.mobile, 10, 6) || ' ' || substr(new.mobile, 11, 6));
END;
INSERT INTO guards_search (rowid, id_no, mobile) SELECT id,
    substr(id_no, 1, 6) || ' ' || substr(id_no, 2, 6) || ' ' || substr(id_no, 3, 6) || ' ' || substr(id_no, 4, 6) || ' ' || substr(id_no, 5, 6) || ' ' || substr(id_no, 6, 6) || ' ' || substr(id_no, 7, 6) || ' ' || substr(id_no, 8, 6) || ' ' || substr(id_no, 9, 6) || ' ' || substr(id_no, 10, 6) || ' ' || substr(id_no, 11, 6) || ' ' || substr(id_no, 12, 6) || ' ' || substr(id_no, 13, 6) || ' ' || substr(id_no, 14, 6) || ' ' || substr(id_no, 15, 6) || ' ' || substr(id_no, 16, 6) || ' ' || substr(id_no, 17, 6) || ' ' || substr(id_no, 18, 6),
    substr(mobile, 1, 6) || ' ' || substr(mobile, 2, 6) || ' ' || substr(mobile, 3, 6) || ' ' || substr(mobile, 4, 6) || ' ' || substr(mobile, 5, 6) || ' ' || substr(mobile, 6, 6) || ' ' || substr(mobile, 7, 6) || ' ' || substr(mobile, 8, 6) || ' ' || substr(mobile, 9, 6) || ' ' || substr(mobile, 10, 6) || ' ' || substr(mobile, 11, 6)
  FROM guards;
