#include "modules/certificates/certificate_store.h"

namespace baoan::certificates {

using db::Query;

namespace {
// The named queries of this store.
constexpr const char* kSelect =
    "SELECT c.id, c.number, c.registration_id, c.id_no, c.name, c.gender, c.photo_file_id, c.issuing_org_id, c.issuing_org_name, "
    "c.issued_on, c.status, c.verify_token, c.printed_at, c.print_count, c.handed_over_at, c.receiver_name, c.handed_over_by, "
    "u.name AS handed_over_by_name, c.revoked_on, c.revoke_decision_no, c.revoke_reason, c.revoked_by, c.org_path, c.created_at, "
    "c.updated_at, r.status AS registration_status, r.exam_id "
    "FROM certificates c LEFT JOIN exam_registrations r ON r.id = c.registration_id LEFT JOIN users u ON u.id = c.handed_over_by";
constexpr const char* kCount = "SELECT COUNT(*) FROM certificates c LEFT JOIN exam_registrations r ON r.id = c.registration_id";
constexpr const char* kById = " WHERE c.id = ?";
constexpr const char* kByToken = " WHERE c.verify_token = ?";
constexpr const char* kByRegistration = " WHERE c.registration_id = ? ORDER BY c.id DESC LIMIT 1";
constexpr const char* kNameContains = " AND c.name LIKE ? ESCAPE '\\'";
constexpr const char* kIdNoContains = " AND c.id_no LIKE ? ESCAPE '\\'";
constexpr const char* kOfStatus = " AND c.status = ?";
constexpr const char* kOfExam = " AND r.exam_id = ?";
constexpr const char* kWithPhoto = " AND c.photo_file_id IS NOT NULL AND c.photo_file_id <> ''";
constexpr const char* kWithoutPhoto = " AND (c.photo_file_id IS NULL OR c.photo_file_id = '')";
constexpr const char* kLatestFirst = " ORDER BY c.id DESC LIMIT ? OFFSET ?";
constexpr const char* kInsert =
    "INSERT INTO certificates (number, registration_id, id_no, name, gender, photo_file_id, issuing_org_id, issuing_org_name, "
    "issued_on, status, verify_token, org_path, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'valid', ?, ?, ?, ?)";
constexpr const char* kMarkPrinted = "UPDATE certificates SET printed_at = ?, print_count = print_count + 1, updated_at = ? WHERE id = ?";
constexpr const char* kHandOver =
    "UPDATE certificates SET handed_over_at = ?, receiver_name = ?, handed_over_by = ?, updated_at = ? "
    "WHERE id = ? AND handed_over_at IS NULL";
constexpr const char* kRevoke =
    "UPDATE certificates SET status = 'revoked', revoked_on = ?, revoke_decision_no = ?, revoke_reason = ?, revoked_by = ?, "
    "updated_at = ? WHERE id = ? AND status = 'valid'";
constexpr const char* kRevocations =
    "SELECT COUNT(*) AS n, MAX(revoked_on) AS last_on FROM certificates WHERE id_no = ? AND status = 'revoked'";
constexpr const char* kRegistration =
    "SELECT r.id, r.application_id, r.status, r.id_no, r.name, r.gender, r.household_region, r.city_code, r.org_path, "
    "r.photo_file_id, r.exam_id, r.certificate_id, r.person_user_id, r.registered_by_user_id FROM exam_registrations r WHERE r.id = ?";
constexpr const char* kLink = "UPDATE exam_registrations SET certificate_id = ?, updated_at = ? WHERE id = ?";
constexpr const char* kOrgName = "SELECT name FROM orgs WHERE id = ?";

CertificateRow toRow(const db::Row& r) {
  CertificateRow o;
  o.id = r.i64("id");
  o.number = r.str("number");
  o.registrationId = r.optI64("registration_id");
  o.idNo = r.str("id_no");
  o.name = r.str("name");
  o.gender = r.str("gender");
  o.photoFileId = r.optStr("photo_file_id");
  o.issuingOrgId = r.i64("issuing_org_id");
  o.issuingOrgName = r.str("issuing_org_name");
  o.issuedOn = r.str("issued_on");
  o.status = r.str("status");
  o.verifyToken = r.str("verify_token");
  o.printedAt = r.optI64("printed_at");
  o.printCount = r.i64("print_count");
  o.handedOverAt = r.optStr("handed_over_at");
  o.receiverName = r.optStr("receiver_name");
  o.handedOverBy = r.optI64("handed_over_by");
  o.handedOverByName = r.optStr("handed_over_by_name");
  o.revokedOn = r.optStr("revoked_on");
  o.revokeDecisionNo = r.optStr("revoke_decision_no");
  o.revokeReason = r.optStr("revoke_reason");
  o.revokedBy = r.optI64("revoked_by");
  o.orgPath = r.str("org_path");
  o.createdAt = r.i64("created_at");
  o.updatedAt = r.i64("updated_at");
  o.registrationStatus = r.optStr("registration_status");
  o.examId = r.optI64("exam_id");
  return o;
}
}  // namespace

std::pair<std::vector<CertificateRow>, long long> CertificateStore::list(db::Conn& c, const CertificateFilter& f,
                                                                         const core::PageRequest& page) const {
  Query w(" WHERE ");
  w.add(db::inScope(kCertificates, *f.scope));
  if (!f.name.empty()) w.append(kNameContains, db::likeContains(f.name));
  if (!f.idNo.empty()) w.append(kIdNoContains, db::likeContains(f.idNo));
  if (!f.status.empty()) w.append(kOfStatus, f.status);
  if (f.examId) w.append(kOfExam, *f.examId);
  if (f.hasPhoto) w.append(*f.hasPhoto ? kWithPhoto : kWithoutPhoto);
  const long long total = c.scalar(Query(kCount).add(w));
  std::vector<CertificateRow> rows;
  for (const auto& r : c.query(Query(kSelect).add(w).append(kLatestFirst, page.size, page.offset()))) rows.push_back(toRow(r));
  return {std::move(rows), total};
}

std::optional<CertificateRow> CertificateStore::find(db::Conn& c, long long id) const {
  auto r = c.queryOne(Query(kSelect).append(kById, id));
  if (!r) return std::nullopt;
  return toRow(*r);
}

std::optional<CertificateRow> CertificateStore::byToken(db::Conn& c, const std::string& token) const {
  auto r = c.queryOne(Query(kSelect).append(kByToken, token));
  if (!r) return std::nullopt;
  return toRow(*r);
}

std::optional<CertificateRow> CertificateStore::ofRegistration(db::Conn& c, long long registrationId) const {
  auto r = c.queryOne(Query(kSelect).append(kByRegistration, registrationId));
  if (!r) return std::nullopt;
  return toRow(*r);
}

bool CertificateStore::visible(db::Conn& c, const core::DataScope& scope, long long id) const {
  return db::visible(c, kCertificates, scope, id);
}

long long CertificateStore::insert(db::Conn& c, const CertificateRow& r) const {
  return c.insert(Query(kInsert, r.number, r.registrationId, r.idNo, r.name, r.gender, r.photoFileId, r.issuingOrgId, r.issuingOrgName,
                       r.issuedOn, r.verifyToken, r.orgPath, r.createdAt, r.updatedAt));
}

void CertificateStore::markPrinted(db::Conn& c, long long id, long long now) const { c.exec(Query(kMarkPrinted, now, now, id)); }

bool CertificateStore::handOver(db::Conn& c, long long id, const std::string& at, const std::string& receiver, long long by,
                                long long now) const {
  return c.exec(Query(kHandOver, at, receiver, by, now, id)) == 1;
}

bool CertificateStore::revoke(db::Conn& c, long long id, const std::string& on, const std::string& decisionNo, const std::string& reason,
                              long long by, long long now) const {
  return c.exec(Query(kRevoke, on, decisionNo, reason, by, now, id)) == 1;
}

Revocations CertificateStore::revocationsOf(db::Conn& c, const std::string& idNo) const {
  auto r = c.queryOne(Query(kRevocations, idNo));
  return {r->i64("n"), r->optStr("last_on")};
}

std::optional<RegistrationRow> CertificateStore::registration(db::Conn& c, long long id) const {
  auto r = c.queryOne(Query(kRegistration, id));
  if (!r) return std::nullopt;
  RegistrationRow o;
  o.id = r->i64("id");
  o.applicationId = r->i64("application_id");
  o.status = r->str("status");
  o.idNo = r->str("id_no");
  o.name = r->str("name");
  o.gender = r->str("gender");
  o.householdRegion = r->str("household_region");
  o.cityCode = r->str("city_code");
  o.orgPath = r->str("org_path");
  o.photoFileId = r->str("photo_file_id");
  o.examId = r->optI64("exam_id");
  o.certificateId = r->optI64("certificate_id");
  o.personUserId = r->optI64("person_user_id");
  o.registeredByUserId = r->i64("registered_by_user_id");
  return o;
}

void CertificateStore::linkCertificate(db::Conn& c, long long registrationId, long long certificateId, long long now) const {
  c.exec(Query(kLink, certificateId, now, registrationId));
}

std::optional<std::string> CertificateStore::orgName(db::Conn& c, long long orgId) const {
  auto r = c.queryOne(Query(kOrgName, orgId));
  if (!r) return std::nullopt;
  return r->str("name");
}

}  // namespace baoan::certificates
