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
  std::string status;  // active | deregistered
  std::string legalName, legalIdNo, legalMobile;
  long long orgId = 0;  // the supervising org
  std::string orgPath;
  bool initialized = false;  // the portal's first-login guide is done
};

class CompanyStore {
 public:
  std::optional<CompanyRecord> find(db::Conn& c, long long id) const;
  void deregister(db::Conn& c, long long id, const std::string& date, const std::string& reason, long long now) const;
  void markInitialized(db::Conn& c, long long id, long long now) const;
};

}  // namespace baoan::industry
