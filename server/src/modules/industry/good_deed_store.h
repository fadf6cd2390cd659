#pragma once
// SQL of 好人好事 (§3.6): a company's record of a good deed of one of its guards, supervised by the
// company's org.
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/data_scope.h"
#include "core/form.h"
#include "db/db.h"
#include "db/scope_sql.h"

namespace baoan::industry {

inline constexpr db::ScopedTable kGoodDeeds{"good_deeds", "d", "org_path", "created_by"};

// The conditions of a list or export: the police side by scope, the portal side by company.
struct DeedFilter {
  const core::DataScope* scope = nullptr;  // police: the caller's scope
  std::optional<long long> companyId;      // portal: the company's own deeds
  std::optional<std::string> orgPath;      // the subtree of the org picked in the tree
  std::string guardName, idNo, mobile, companyName;  // contains
};

struct DeedRow {
  long long id = 0;
  long long guardId = 0;
  std::string guardName, guardIdNo, guardMobile;
  long long companyId = 0;
  std::string companyName;
  long long orgId = 0;  // the supervising org: the company's
  std::string title, content, occurredOn;
  std::optional<std::string> place;
  long long createdAt = 0;
  long long updatedAt = 0;
};

// What a deed says, as written.
struct DeedFields {
  long long guardId = 0;
  std::string title, content, occurredOn;
  std::optional<std::string> place;
};

// A deed as the guard's record lists it.
struct GuardDeed {
  long long id = 0;
  std::string title, occurredOn, companyName;
};

class GoodDeedStore {
 public:
  // One page, the latest deeds first, and the total.
  std::pair<std::vector<DeedRow>, long long> list(db::Conn& c, const DeedFilter& f, const core::PageRequest& page) const;
  void forEach(db::Conn& c, const DeedFilter& f, const std::function<void(const DeedRow&)>& fn) const;
  std::optional<DeedRow> find(db::Conn& c, long long id) const;
  // The deed exists and the scope covers it.
  bool visible(db::Conn& c, const core::DataScope& scope, long long id) const;
  bool ownedBy(db::Conn& c, long long id, long long companyId) const;
  long long insert(db::Conn& c, const DeedFields& f, long long companyId, const std::string& orgPath, long long now, long long by) const;
  void update(db::Conn& c, long long id, const DeedFields& f, long long now) const;
  std::vector<GuardDeed> ofGuard(db::Conn& c, long long guardId) const;
  // The company moved to another supervising org: its deeds follow.
  void followCompany(db::Conn& c, long long companyId, const std::string& orgPath) const;

 private:
  db::Query where(const DeedFilter& f) const;
};

}  // namespace baoan::industry
