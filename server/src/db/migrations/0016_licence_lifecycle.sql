-- The lifecycle of an issued licence (issue 12): its history, 吊销 / 注销 by an officer, and 换发.
--
-- licence_events: what happened to a licence document, each fact written once:
--   issued        the document was issued (发证; backfilled below for the licences issued before);
--   revoked       吊销 (an administrative penalty: decision_no is the 行政处罚决定书 number);
--   cancelled     注销 (行政许可法 art. 70: the holder ended, gave the licence up …; decision_no optional);
--   replaced      换发: this document was replaced by a new one (related_licence_id) with the same number;
--   reissued_from the new document of a 换发 (related_licence_id: the document it replaces).
-- file_id: the uploaded decision document (files.owner_kind 'licence'); application_id: the case that
-- caused it (the grant, the licence change).
CREATE TABLE licence_events (
  id {{ID}},
  licence_id BIGINT NOT NULL REFERENCES licences(id),
  kind TEXT NOT NULL,
  decision_no TEXT,
  reason TEXT,
  happened_on TEXT NOT NULL,
  file_id TEXT,
  related_licence_id BIGINT,
  application_id BIGINT,
  by_user_id BIGINT,
  by_name TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX licence_events_licence ON licence_events(licence_id, id);

INSERT INTO licence_events (licence_id, kind, happened_on, application_id, by_user_id, by_name, at)
SELECT l.id, 'issued', l.issued_on, l.application_id, l.created_by, COALESCE(u.name, l.issuer_name), l.created_at
FROM licences l LEFT JOIN users u ON u.id = l.created_by;

-- 换发 keeps the licence number (a 变更 changes the facts printed on the licence, not the licence) but
-- issues a new document with its own verification token: the old row stays, status 'replaced', so that
-- its QR code keeps answering 已换发. A number is therefore unique among the documents not replaced
-- (one current document per number, whatever its status), no longer among all rows.
DROP INDEX licences_number;
CREATE UNIQUE INDEX licences_number_current ON licences(number) WHERE status <> 'replaced';
CREATE INDEX licences_number ON licences(number, id);

-- Export of the case lists is a permission per business type (core/permissions.cpp): every role that
-- may view a type's cases may export them, as the demo seed grants it.
INSERT INTO role_permissions (role_id, permission)
SELECT rp.role_id, REPLACE(rp.permission, ':view', ':export') FROM role_permissions rp
WHERE rp.permission IN ('company_licence:view', 'training_licence:view', 'branch_filing:view', 'inhouse_filing:view',
                        'cross_region_filing:view', 'annual_report:view', 'licence_change:view', 'inhouse_revocation:view')
  AND NOT EXISTS (SELECT 1 FROM role_permissions x WHERE x.role_id = rp.role_id AND x.permission = REPLACE(rp.permission, ':view', ':export'));
