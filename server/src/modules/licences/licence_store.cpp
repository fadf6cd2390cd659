#include "modules/licences/licence_store.h"

#include "modules/number_sequence.h"

namespace baoan::licences {

using db::Query;

namespace {
// The named queries of this store.
constexpr const char* kSelect =
    "SELECT l.id, l.number, l.business_type, l.application_id, l.holder_kind, l.holder_id, l.holder_name, l.legal_name, "
    "l.address, l.reg_capital, l.service_scope, l.issuer_org_id, l.issuer_name, l.issued_on, l.status, l.status_changed_at, "
    "l.verify_token, l.org_id, l.org_path, o.name AS org_name, l.created_at, l.created_by "
    "FROM licences l JOIN orgs o ON o.id = l.org_id";
constexpr const char* kCount = "SELECT COUNT(*) FROM licences l";
constexpr const char* kById = " WHERE l.id = ?";
constexpr const char* kByToken = " WHERE l.verify_token = ?";
constexpr const char* kByNumber = " WHERE l.number = ?";
constexpr const char* kLatestFirst = " ORDER BY l.issued_on DESC, l.id DESC";
constexpr const char* kPageOf = " LIMIT ? OFFSET ?";
constexpr const char* kOfType = " AND l.business_type = ?";
constexpr const char* kNumberContains = " AND l.number LIKE ? ESCAPE '\\'";
constexpr const char* kHolderContains = " AND l.holder_name LIKE ? ESCAPE '\\'";
constexpr const char* kOfStatus = " AND l.status = ?";
constexpr const char* kIssuedFrom = " AND l.issued_on >= ?";
constexpr const char* kIssuedTo = " AND l.issued_on <= ?";
constexpr const char* kInsert =
    "INSERT INTO licences (number, business_type, application_id, holder_kind, holder_id, holder_name, legal_name, address, "
    "reg_capital, service_scope, issuer_org_id, issuer_name, issued_on, status, verify_token, org_id, org_path, created_at, "
    "created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kByApplication = " WHERE l.application_id = ? ORDER BY l.id DESC";
constexpr const char* kSetStatus = "UPDATE licences SET status = ?, status_changed_at = ? WHERE id = ?";
constexpr const char* kOrg = "SELECT name, path, region_code FROM orgs WHERE id = ?";

LicenceRow toLicence(const db::Row& r) {
  LicenceRow l;
  l.id = r.i64("id");
  l.number = r.str("number");
  l.businessType = r.str("business_type");
  l.applicationId = r.optI64("application_id");
  l.holderKind = r.optStr("holder_kind");
  l.holderId = r.optI64("holder_id");
  l.holderName = r.str("holder_name");
  l.legalName = r.str("legal_name");
  l.address = r.str("address");
  l.regCapital = r.optI64("reg_capital");
  l.serviceScope = r.str("service_scope");
  l.issuerOrgId = r.i64("issuer_org_id");
  l.issuerName = r.str("issuer_name");
  l.issuedOn = r.str("issued_on");
  l.status = r.str("status");
  l.statusChangedAt = r.optI64("status_changed_at");
  l.verifyToken = r.str("verify_token");
  l.orgId = r.i64("org_id");
  l.orgPath = r.str("org_path");
  l.orgName = r.str("org_name");
  l.createdAt = r.i64("created_at");
  l.createdBy = r.optI64("created_by");
  return l;
}
}  // namespace

Query LicenceStore::where(const LicenceFilter& f) const {
  Query w(" WHERE ");
  w.add(db::inScope(kLicences, *f.scope));
  if (!f.businessType.empty()) w.append(kOfType, f.businessType);
  if (!f.number.empty()) w.append(kNumberContains, db::likeContains(f.number));
  if (!f.holderName.empty()) w.append(kHolderContains, db::likeContains(f.holderName));
  if (!f.status.empty()) w.append(kOfStatus, f.status);
  if (!f.issuedFrom.empty()) w.append(kIssuedFrom, f.issuedFrom);
  if (!f.issuedTo.empty()) w.append(kIssuedTo, f.issuedTo);
  return w;
}

std::pair<std::vector<LicenceRow>, long long> LicenceStore::list(db::Conn& c, const LicenceFilter& f,
                                                                 const core::PageRequest& page) const {
  const Query w = where(f);
  const long long total = c.scalar(Query(kCount).add(w));
  std::vector<LicenceRow> rows;
  rows.reserve(static_cast<std::size_t>(page.size));
  for (const auto& r : c.query(Query(kSelect).add(w).append(kLatestFirst).append(kPageOf, page.size, page.offset())))
    rows.push_back(toLicence(r));
  return {std::move(rows), total};
}

void LicenceStore::forEach(db::Conn& c, const LicenceFilter& f, const std::function<void(const LicenceRow&)>& fn) const {
  c.forEach(Query(kSelect).add(where(f)).append(kLatestFirst), [&](const db::Row& r) { fn(toLicence(r)); });
}

std::optional<LicenceRow> LicenceStore::find(db::Conn& c, long long id) const {
  auto r = c.queryOne(Query(kSelect).append(kById, id));
  if (!r) return std::nullopt;
  return toLicence(*r);
}

std::optional<LicenceRow> LicenceStore::byToken(db::Conn& c, const std::string& token) const {
  auto r = c.queryOne(Query(kSelect).append(kByToken, token));
  if (!r) return std::nullopt;
  return toLicence(*r);
}

std::optional<LicenceRow> LicenceStore::byNumber(db::Conn& c, const std::string& number) const {
  auto r = c.queryOne(Query(kSelect).append(kByNumber, number));
  if (!r) return std::nullopt;
  return toLicence(*r);
}

bool LicenceStore::visible(db::Conn& c, const core::DataScope& scope, long long id) const {
  return db::visible(c, kLicences, scope, id);
}

long long LicenceStore::nextSequence(db::Conn& c, const std::string& prefix, int year) const {
  return modules::nextInSequence(c, prefix, year);
}

void LicenceStore::raiseSequence(db::Conn& c, const std::string& prefix, int year, long long value) const {
  modules::raiseSequence(c, prefix, year, value);
}

long long LicenceStore::insert(db::Conn& c, const LicenceRow& l) const {
  return c.insert(Query(kInsert, l.number, l.businessType, l.applicationId, l.holderKind, l.holderId, l.holderName, l.legalName,
                        l.address, l.regCapital, l.serviceScope, l.issuerOrgId, l.issuerName, l.issuedOn, l.status, l.verifyToken,
                        l.orgId, l.orgPath, l.createdAt, l.createdBy));
}

std::optional<LicenceRow> LicenceStore::ofApplication(db::Conn& c, long long applicationId) const {
  auto r = c.queryOne(Query(kSelect).append(kByApplication, applicationId));
  if (!r) return std::nullopt;
  return toLicence(*r);
}

void LicenceStore::setStatus(db::Conn& c, long long id, const std::string& status, long long at) const {
  c.exec(Query(kSetStatus, status, at, id));
}

std::optional<LicenceStore::OrgInfo> LicenceStore::org(db::Conn& c, long long orgId) const {
  auto r = c.queryOne(Query(kOrg, orgId));
  if (!r) return std::nullopt;
  return OrgInfo{r->str("name"), r->str("path"), r->str("region_code")};
}

}  // namespace baoan::licences
