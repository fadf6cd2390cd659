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
constexpr const char* kIdByCreditCode = "SELECT id FROM companies WHERE credit_code = ?";
constexpr const char* kInsertLicensed =
    "INSERT INTO companies (name, credit_code, reg_address, region_code, reg_capital, service_scope, licence_no, legal_name, "
    "legal_id_no, legal_mobile, org_id, org_path, created_at, updated_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kUpdateLicensed =
    "UPDATE companies SET name = ?, reg_address = ?, reg_capital = ?, service_scope = ?, licence_no = ?, legal_name = ?, "
    "legal_id_no = ?, legal_mobile = ?, status = 'active', deregistered_on = NULL, deregister_reason = NULL, updated_at = ? WHERE id = ?";
constexpr const char* kSetLicenceNo = "UPDATE companies SET licence_no = ? WHERE id = ?";

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

std::optional<long long> CompanyStore::idByCreditCode(db::Conn& c, const std::string& creditCode) const {
  auto r = c.queryOne(Query(kIdByCreditCode, creditCode));
  if (!r) return std::nullopt;
  return r->i64("id");
}

long long CompanyStore::insertLicensed(db::Conn& c, const LicensedCompany& co, long long by, long long now) const {
  return c.insert(Query(kInsertLicensed, co.name, co.creditCode, co.address, co.regionCode, co.regCapital, co.serviceScope, co.licenceNo,
                        co.legalName, co.legalIdNo, co.legalMobile, co.orgId, co.orgPath, now, now, by));
}

void CompanyStore::updateLicensed(db::Conn& c, long long id, const LicensedCompany& co, long long now) const {
  c.exec(Query(kUpdateLicensed, co.name, co.address, co.regCapital, co.serviceScope, co.licenceNo, co.legalName, co.legalIdNo,
               co.legalMobile, now, id));
}

void CompanyStore::setLicenceNo(db::Conn& c, long long id, const std::string& licenceNo) const {
  c.exec(Query(kSetLicenceNo, licenceNo, id));
}

void CompanyStore::deregister(db::Conn& c, long long id, const std::string& date, const std::string& reason, long long now) const {
  c.exec(Query(kDeregister, date, reason, now, id));
}

void CompanyStore::markInitialized(db::Conn& c, long long id, long long now) const { c.exec(Query(kMarkInitialized, now, id)); }

}  // namespace baoan::industry
