#include "modules/industry/company_store.h"

namespace baoan::industry {

using db::Query;

namespace {
// The named queries of this store.
constexpr const char* kFind =
    "SELECT id, name, credit_code, status, legal_name, legal_id_no, legal_mobile, org_id, org_path, initialized "
    "FROM companies WHERE id = ?";
constexpr const char* kDeregister =
    "UPDATE companies SET status = 'deregistered', deregistered_on = ?, deregister_reason = ?, updated_at = ? WHERE id = ?";
constexpr const char* kMarkInitialized = "UPDATE companies SET initialized = 1, initialized_at = ? WHERE id = ?";

CompanyRecord toRecord(const db::Row& r) {
  CompanyRecord co;
  co.id = r.i64("id");
  co.name = r.str("name");
  co.creditCode = r.str("credit_code");
  co.status = r.str("status");
  co.legalName = r.str("legal_name");
  co.legalIdNo = r.str("legal_id_no");
  co.legalMobile = r.str("legal_mobile");
  co.orgId = r.i64("org_id");
  co.orgPath = r.str("org_path");
  co.initialized = r.boolean("initialized");
  return co;
}
}  // namespace

std::optional<CompanyRecord> CompanyStore::find(db::Conn& c, long long id) const {
  auto r = c.queryOne(Query(kFind, id));
  if (!r) return std::nullopt;
  return toRecord(*r);
}

void CompanyStore::deregister(db::Conn& c, long long id, const std::string& date, const std::string& reason, long long now) const {
  c.exec(Query(kDeregister, date, reason, now, id));
}

void CompanyStore::markInitialized(db::Conn& c, long long id, long long now) const { c.exec(Query(kMarkInitialized, now, id)); }

}  // namespace baoan::industry
