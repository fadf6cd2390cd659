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

// A new guard of a bulk import (one employer for all).
struct NewGuard {
  GuardPerson person;
  std::string hiredOn;
};

class GuardStore {
 public:
  static const char* columns();
  static std::string piecesQuery(const std::string& column, const std::string& part);
  std::pair<std::vector<db::Row>, long long> list(db::Conn& c, const GuardFilter& f, const core::DataScope* scope,
                                                  const core::PageRequest& page);
  void forEach(db::Conn& c, const GuardFilter& f, const core::DataScope* scope, const std::function<void(const db::Row&)>& fn);
  std::optional<db::Row> find(db::Conn& c, long long id);
  std::optional<db::Row> findByIdNo(db::Conn& c, const std::string& idNo);
  long long insert(db::Conn& c, const GuardPerson& p, const Employer& e, const std::string& hiredOn, long long by);
  // The same for many people at once, in multi-row statements (imports), with their "create" change
  // records; the ID numbers must be new.
  void insertMany(db::Conn& c, const std::vector<NewGuard>& guards, const Employer& e, long long by);
  void updatePerson(db::Conn& c, long long id, const GuardPerson& p);
  void hire(db::Conn& c, long long id, const Employer& e, const std::string& hiredOn);
  void leave(db::Conn& c, long long id, const std::string& leftOn);
  void logChange(db::Conn& c, long long id, const std::string& change, long long by);
  std::vector<db::Row> employments(db::Conn& c, long long id);
  // An employer was edited: its guards (current and former) carry its name, and follow it when its
  // supervising org changed.
  void followEmployer(db::Conn& c, const Employer& e);

 private:
  struct Plan;
  Plan plan(db::Conn& c, const GuardFilter& f, const core::DataScope* scope) const;
  void appendContains(db::Conn& c, Plan& p, const std::string& column, const std::string& part) const;
  db::Query pageIds(const Plan& p, const core::PageRequest& page) const;
  db::Query where(const Plan& p) const;
  long long keptTotal(db::Conn& c, const Plan& p) const;
};

}  // namespace baoan::industry
