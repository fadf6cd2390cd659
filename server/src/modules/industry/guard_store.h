#pragma once
// SQL of guards (§3.5): people, their current employment copied onto the row, employment history,
// and the change log that background screening (§9.3) reads.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/data_scope.h"
#include "core/form.h"
#include "db/db.h"
#include "db/scope_sql.h"

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
  // The map's statistics (§7.2) and the lists its bars open: each is one dimension's group key
  // (GuardStore::groupTerm), so that a bar's count and the list's total share one condition.
  std::string gender;     // male | female
  std::string education;  // a code of the educations dictionary, or "none" (not filled in)
  std::string ageBand;    // a key of core::ageBands() (age today)
  std::optional<bool> certified;  // holds a 保安员证 number
  // 入职日期 (§7.2 筛选): hired_on (the current or last employment's) within [hiredFrom, hiredTo],
  // YYYY-MM-DD China dates, either end open when empty.
  std::string hiredFrom, hiredTo;
  // 离职日期 (8.5's 离职): left_on within [leftFrom, leftTo], the same China dates, either end open.
  std::string leftFrom, leftTo;
  // 8.5's 实名认证 and App 初始化 (real_name.h): the flags kept on the row.
  std::optional<bool> realNameVerified, appInitialized;
  std::string regionCode;  // the region of the guard's employer: resolved by the service into orgPath
  // The map's chart by employer (§7.2, groupBy=employer): one bar's filter, resolved by the service
  // into employerKind/employerId; or the 其他 bar (otherEmployers): every guard whose employer is not
  // one of the chart's top employers under the same filter (resolved into excludedEmployers).
  std::optional<std::pair<std::string, long long>> employerGroup;
  bool otherEmployers = false;
  std::vector<std::pair<std::string, long long>> excludedEmployers;
  // employerKind without employerId: company | inhouse (kind of the current or last employer)
};

// The dimensions of the guard statistics besides region, with their groups (key → Chinese label), in
// order; the list filter of the same name takes the key.
struct GuardDimension {
  std::string name;  // employed | certified | gender | ageBand | education | employerKind
  std::vector<std::pair<std::string, std::string>> groups;
  // A column whose values the groups are ("none": NULL) and which has an index of its own: over the
  // whole table, one GROUP BY along that index counts every group (see GuardStore::countGroups).
  const char* indexedColumn = nullptr;
};
const std::vector<GuardDimension>& guardDimensions();

// The chart by employer shows this many employers, the rest as 其他.
inline constexpr std::size_t kTopEmployers = 10;

// One employer's guards under a filter (the chart by employer): most guards first.
struct EmployerCount {
  std::string kind;  // company | inhouse
  long long id = 0;
  std::string name;
  long long count = 0;
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

// A guard as read: the person, the current (or last) employment copied onto the row, the
// supervising org.
struct GuardRow {
  long long id = 0;
  GuardPerson person;
  bool realNameVerified = false;
  bool appInitialized = false;
  std::string employerKind;
  long long employerId = 0;
  std::string employerName;
  bool employed = false;
  std::optional<std::string> hiredOn, leftOn;
  long long orgId = 0;
  std::string orgName;
  long long createdAt = 0;
  long long updatedAt = 0;
};

// One employment of a guard's history.
struct Employment {
  std::string employerKind;
  long long employerId = 0;
  std::string employerName;
  std::optional<std::string> hiredOn, leftOn;
};

// Guards are supervised by their employer's org; the ancestor at each level is kept (org_l1 … org_l5),
// so that a subtree is one indexed equality at province scale.
inline constexpr db::ScopedTable kGuards{"guards", "g", "org_path", "created_by", true};

class GuardStore {
 public:
  // Where the company-name filter changes its plan (tests lower them to reach every plan on small data).
  struct Limits {
    // The matching names' guards are read by name and sorted when they are at most this many (~1 ms);
    // with more, the page is a walk in time order, bounded in time by the largest names' own walks.
    long long sortedNameHits = 5000;
    // The most names bound in one IN (…) list; with more, the LIKE is tested along the time order.
    std::size_t inlineNames = 200;
  };
  Limits limits;

  static std::string piecesQuery(const std::string& column, const std::string& part);
  // scope: nullptr = no scope (the company portal, which filters by employer instead).
  std::pair<std::vector<GuardRow>, long long> list(db::Conn& c, const GuardFilter& f, const core::DataScope* scope,
                                                   const core::PageRequest& page);
  // The list's total (what list() reports) without reading a page.
  long long count(db::Conn& c, const GuardFilter& f, const core::DataScope* scope);
  // The number of the filter's guards in each condition (one pass; conditions from groupTerm).
  // The count of each group of a dimension under the filter, in the dimension's order: each group's
  // condition counted in one pass (countEach), or, over the whole table of a dimension with an indexed
  // column, one GROUP BY along that index (province 文化程度: 9 conditions on 360 000 entries → one walk).
  std::vector<long long> countGroups(db::Conn& c, const GuardFilter& f, const core::DataScope* scope, const GuardDimension& dim,
                                     const std::string& today);
  std::vector<long long> countEach(db::Conn& c, const GuardFilter& f, const core::DataScope* scope,
                                   const std::vector<db::Query>& conditions);
  // The condition (on alias g, no leading AND) of one group of a dimension of guardDimensions(), as of
  // `today` (YYYY-MM-DD) for the age bands; nullopt for an unknown dimension or key.
  static std::optional<db::Query> groupTerm(const std::string& dimension, const std::string& key, const std::string& today);
  // The path of the police bureau (province department, city, district or county bureau) whose region
  // is exactly this code: the org a guard of that region is supervised by; nullopt when none.
  std::optional<std::string> bureauPathOfRegion(db::Conn& c, const std::string& regionCode);
  // Every guard the filter selects, in list order (exports); fn may move from the row.
  void forEach(db::Conn& c, const GuardFilter& f, const core::DataScope* scope, const std::function<void(GuardRow&&)>& fn);
  std::optional<GuardRow> find(db::Conn& c, long long id);
  std::optional<GuardRow> findByIdNo(db::Conn& c, const std::string& idNo);
  // The guards of these ID numbers that exist (imports), by ID number.
  std::map<std::string, GuardRow> findByIdNos(db::Conn& c, const std::vector<std::string>& idNos);
  // The guard exists and the scope covers it.
  bool visible(db::Conn& c, const core::DataScope& scope, long long id);
  // The guard's current (or last) employer: kind and id; nullopt when there is no such guard.
  std::optional<std::pair<std::string, long long>> employerOf(db::Conn& c, long long id);
  // The guard is, or was, employed by this employer.
  bool everEmployedBy(db::Conn& c, long long id, const std::string& employerKind, long long employerId);
  // Guards in employment at this employer.
  long long countEmployed(db::Conn& c, const std::string& employerKind, long long employerId);
  // The guards of the list under the filter, counted per employer (current or last), most first, then
  // by kind and id: from the kept counts when only scope and 在职 narrow the list.
  std::vector<EmployerCount> countByEmployer(db::Conn& c, const GuardFilter& f, const core::DataScope* scope);
  // insert, insertMany and updatePerson also set the row's 实名认证 / App 初始化 from the person account
  // of its ID number (projectRealName), so that no way of writing a guard can leave them stale.
  long long insert(db::Conn& c, const GuardPerson& p, const Employer& e, const std::string& hiredOn, long long by);
  // The same for many people at once, in multi-row statements (imports), with their "create" change
  // records; the ID numbers must be new.
  void insertMany(db::Conn& c, const std::vector<NewGuard>& guards, const Employer& e, long long by);
  void updatePerson(db::Conn& c, long long id, const GuardPerson& p);
  void hire(db::Conn& c, long long id, const Employer& e, const std::string& hiredOn);
  void leave(db::Conn& c, long long id, const std::string& leftOn);
  void logChange(db::Conn& c, long long id, const std::string& change, long long by);
  std::vector<Employment> employments(db::Conn& c, long long id);
  // An employer was edited: its guards (current and former) carry its name, and follow it when its
  // supervising org changed.
  void followEmployer(db::Conn& c, const Employer& e);
  // The guard with this ID number gets a certificate number and date; false when there is none.
  bool setCertificate(db::Conn& c, const std::string& idNo, const std::string& number, const std::string& date);
  // The projection of person accounts onto the rows of these ID numbers (modules/industry/real_name.h):
  // real_name_verified when a person account of the ID number has the row's name, app_initialized when
  // that account has also signed in once.
  void projectRealName(db::Conn& c, const std::vector<std::string>& idNos);

 private:
  struct Plan;
  Plan plan(db::Conn& c, const GuardFilter& f, const core::DataScope* scope) const;
  void appendContains(db::Conn& c, Plan& p, const std::string& column, const std::string& part) const;
  void appendCompanyName(db::Conn& c, Plan& p, const std::string& part, std::optional<bool> employed) const;
  static db::Query containsTerm(db::Conn& c, const std::string& column, const std::string& part);
  db::Query pageIds(const Plan& p, const core::PageRequest& page) const;
  db::Query where(const Plan& p) const;
  db::Query nameTerm(const Plan& p, bool alongTime) const;
  long long keptTotal(db::Conn& c, const Plan& p) const;
  long long keptEmployerTotal(db::Conn& c, const Plan& p) const;
};

}  // namespace baoan::industry
