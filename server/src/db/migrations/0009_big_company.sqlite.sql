-- A big company's guards (tens of thousands in one company, issue 10 §1; bench/README.md has the
-- measurements): the portal's list and its filters, and the police side's company-name filter.
--
-- Totals without counting, as guard_counts (0005) does per org: the guards of each employer (its kind,
-- id and name as the guards carry them) in each supervising org, kept by triggers. The portal's total
-- is the sum of its employer's rows (COUNT(*) of 54 000 employed guards: 2.5 ms), the company-name
-- filter's the sum of the rows whose employer_name matches (a scan of the guards: 120 ms), both within
-- the orgs of the reader's scope.
CREATE TABLE guard_employer_counts (
  employer_kind TEXT NOT NULL,
  employer_id BIGINT NOT NULL,
  employer_name TEXT NOT NULL,
  org_id BIGINT NOT NULL,
  total BIGINT NOT NULL,
  employed BIGINT NOT NULL,
  PRIMARY KEY (employer_kind, employer_id, employer_name, org_id)
);
CREATE INDEX guard_employer_counts_org ON guard_employer_counts(org_id);
INSERT INTO guard_employer_counts (employer_kind, employer_id, employer_name, org_id, total, employed)
  SELECT employer_kind, employer_id, employer_name, org_id, COUNT(*), SUM(employed) FROM guards
  GROUP BY employer_kind, employer_id, employer_name, org_id;
CREATE TRIGGER guard_employer_counts_insert AFTER INSERT ON guards
BEGIN
  INSERT INTO guard_employer_counts (employer_kind, employer_id, employer_name, org_id, total, employed)
    VALUES (new.employer_kind, new.employer_id, new.employer_name, new.org_id, 1, new.employed)
    ON CONFLICT (employer_kind, employer_id, employer_name, org_id) DO UPDATE SET total = total + 1, employed = employed + excluded.employed;
END;
CREATE TRIGGER guard_employer_counts_delete AFTER DELETE ON guards
BEGIN
  UPDATE guard_employer_counts SET total = total - 1, employed = employed - old.employed
    WHERE employer_kind = old.employer_kind AND employer_id = old.employer_id AND employer_name = old.employer_name AND org_id = old.org_id;
END;
CREATE TRIGGER guard_employer_counts_update AFTER UPDATE OF employer_kind, employer_id, employer_name, org_id, employed ON guards
BEGIN
  UPDATE guard_employer_counts SET total = total - 1, employed = employed - old.employed
    WHERE employer_kind = old.employer_kind AND employer_id = old.employer_id AND employer_name = old.employer_name AND org_id = old.org_id;
  INSERT INTO guard_employer_counts (employer_kind, employer_id, employer_name, org_id, total, employed)
    VALUES (new.employer_kind, new.employer_id, new.employer_name, new.org_id, 1, new.employed)
    ON CONFLICT (employer_kind, employer_id, employer_name, org_id) DO UPDATE SET total = total + 1, employed = employed + excluded.employed;
END;

-- The pages, newest first, each from an index walked in time order or from the matches alone:
-- an employer's guards (the portal's list), its employed or former guards (在职 filter; also the count
-- of employed guards that refuses deleting an employer), its guards by name prefix (the portal's name
-- filter: only the matches are read and sorted; for a common name, the walk in time order tests the name
-- held in guards_employer_created), and guards by employer name (the police side's
-- company-name filter, when the matching names hold few guards).
DROP INDEX guards_employer;
CREATE INDEX guards_employer ON guards(employer_kind, employer_id, employed, created_at);
CREATE INDEX guards_employer_created ON guards(employer_kind, employer_id, created_at, id, name);
CREATE INDEX guards_employer_name ON guards(employer_kind, employer_id, name, created_at);
CREATE INDEX guards_employer_name_created ON guards(employer_name, created_at);
-- The company-name filter with many matches walks the guards in time order: the index holds the
-- employer's name, so that entries are tested without reading their rows (an import puts its 10 000
-- guards first in that order: 10 ms of row reads before the first match). The id follows the time in
-- both indexes that hold more after it: the order of the lists is (created_at, id), and an import's rows
-- share one created_at (without it, SQLite sorted each such group: 1.2 ms for the province's first page).
DROP INDEX guards_created;
CREATE INDEX guards_created ON guards(created_at, id, employer_name);
