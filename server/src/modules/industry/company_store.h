#pragma once
// SQL of what is particular to companies (manual §3.2) beyond the generic registry
// (registry_store.h): their deregistration and the portal's 初始化, and the company a portal
// account acts for.
#include <optional>
#include <string>

#include "db/db.h"

namespace baoan::industry {

struct CompanyRecord {
  long long id = 0;
  std::string name;
  std::string creditCode;
  std::string status;  // active | deregistered | licence_revoked | licence_cancelled (licence_holders.h)
  std::string legalName, legalIdNo, legalMobile;
  long long orgId = 0;  // the supervising org
  std::string orgPath;
  bool initialized = false;  // the portal's first-login guide is done
};

// A company as the approval engine's grant records it (issue 11: the licence's holder).
struct LicensedCompany {
  std::string name, creditCode, regionCode, address, serviceScope;  // serviceScope: codes "door,patrol"
  std::optional<long long> regCapital;
  std::string legalName, legalIdNo, legalMobile;
  std::string licenceNo;
  long long orgId = 0;
  std::string orgPath;
};

class CompanyStore {
 public:
  std::optional<long long> idByCreditCode(db::Conn& c, const std::string& creditCode) const;
  long long insertLicensed(db::Conn& c, const LicensedCompany& co, long long by, long long now) const;
  // The licence's facts over the record's (name, address, capital, scope, legal person, licence number).
  void updateLicensed(db::Conn& c, long long id, const LicensedCompany& co, long long now) const;
  void setLicenceNo(db::Conn& c, long long id, const std::string& licenceNo) const;
  std::optional<CompanyRecord> find(db::Conn& c, long long id) const;
  void deregister(db::Conn& c, long long id, const std::string& date, const std::string& reason, long long now) const;
  void markInitialized(db::Conn& c, long long id, long long now) const;
};

}  // namespace baoan::industry
