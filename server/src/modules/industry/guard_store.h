#pragma once
// SQL of guards (§3.5): people, their current employment copied onto the row, employment history,
// and the change log that background screening (§9.3) reads.
#include <optional>
#include <string>
#include <vector>

#include "core/data_scope.h"
#include "core/form.h"
#include "db/db.h"

namespace baoan::industry {

struct GuardFilter {
  std::string name;         // prefix (full 2- or 3-character names, or the family name)
  std::string idNo;         // 18 characters: exact; fewer: contains
  std::string mobile;       // 11 digits: exact; fewer: contains
  std::string companyName;  // contains
  std::optional<long long> employerId;
  std::string employerKind;  // with employerId
  std::optional<bool> employed;
  std::optional<std::string> orgPath;  // subtree
};

struct GuardPerson {
  std::string idNo, name, gender, birthDate, mobile;
  std::optional<std::string> ethnicity, education, householdAddress, currentAddress, certificateNo, certificateDate;
  std::optional<std::string> photoFileId;
};

struct Employer {
  std::string kind;  // company | inhouse
  long long id = 0;
  std::string name;
  long long orgId = 0;
  std::string orgPath;
};

class GuardStore {
 public:
  static const char* columns();
  std::pair<std::vector<db::Row>, long long> list(db::Conn& c, const GuardFilter& f, const core::DataScope* scope,
                                                  const core::PageRequest& page);
  void forEach(db::Conn& c, const GuardFilter& f, const core::DataScope* scope, const std::function<void(const db::Row&)>& fn);
  std::optional<db::Row> find(db::Conn& c, long long id);
  std::optional<db::Row> findByIdNo(db::Conn& c, const std::string& idNo);
  long long insert(db::Conn& c, const GuardPerson& p, const Employer& e, const std::string& hiredOn, long long by);
  void updatePerson(db::Conn& c, long long id, const GuardPerson& p);
  void hire(db::Conn& c, long long id, const Employer& e, const std::string& hiredOn);
  void leave(db::Conn& c, long long id, const std::string& leftOn);
  void logChange(db::Conn& c, long long id, const std::string& change, long long by);
  std::vector<db::Row> employments(db::Conn& c, long long id);
  // The supervising org of an employer changed: its guards follow.
  void moveEmployerGuards(db::Conn& c, const std::string& kind, long long employerId, long long orgId, const std::string& orgPath);

 private:
  db::Query where(const GuardFilter& f, const core::DataScope* scope, db::Dialect d) const;
  void appendContains(db::Query& w, db::Dialect d, const std::string& column, const std::string& part) const;
};

}  // namespace baoan::industry
