-- Partial ID-number and mobile search at province scale (STACK-NOTES.md, measured): an FTS5 trigram
-- index answers "contains" for 3+ characters in milliseconds where LIKE '%…%' scans every guard.
-- Names are searched by prefix on guards_name (a 2-character name has no trigram at all).
CREATE VIRTUAL TABLE guards_search USING fts5(id_no, mobile, content='guards', content_rowid='id', tokenize='trigram');
CREATE TRIGGER guards_search_insert AFTER INSERT ON guards BEGIN INSERT INTO guards_search(rowid, id_no, mobile) VALUES (new.id, new.id_no, new.mobile); END;
CREATE TRIGGER guards_search_delete AFTER DELETE ON guards BEGIN INSERT INTO guards_search(guards_search, rowid, id_no, mobile) VALUES ('delete', old.id, old.id_no, old.mobile); END;
CREATE TRIGGER guards_search_update AFTER UPDATE OF id_no, mobile ON guards BEGIN INSERT INTO guards_search(guards_search, rowid, id_no, mobile) VALUES ('delete', old.id, old.id_no, old.mobile); INSERT INTO guards_search(rowid, id_no, mobile) VALUES (new.id, new.id_no, new.mobile); END;
INSERT INTO guards_search(guards_search) VALUES ('rebuild');
