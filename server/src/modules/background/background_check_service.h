#pragma once
// 背景审查 (§4.1.1): runs the configured police-database checks (four by default) for every person of
// a subject — an application's legal person and managers, a guard — through the background-check
// adapter, records every result, and tells whether all of them passed. Used by the approval module
// (POST /api/v1/applications/{id}/background-checks) and later by the screening of guards (§9.3).
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/background_check/background_check_provider.h"
#include "app/context.h"
#include "core/principal.h"
#include "modules/background/background_check_store.h"
#include "modules/background/watch_list_store.h"

namespace baoan::background {

// A person to check: 身份证号, 姓名 and their part in the subject (法定代表人, 主要管理人员, 保安员, …).
struct Person {
  std::string idNo;
  std::string name;
  std::string role;
};

// One result: the person against one database.
struct CheckResult {
  std::string database;      // the database's code (fugitive, criminal, drug, key_person, …)
  std::string databaseName;  // 全国在逃人员信息库, …
  std::string idNo;
  std::string name;
  std::string role;
  std::string result;  // "pass" | "hit" | "error"
  std::string detail;
  long long checkedAt = 0;  // UTC epoch ms
  std::optional<long long> checkedBy;  // the user who ran it
  std::string checkedByName;
};

class BackgroundCheckService {
 public:
  // The provider named by ctx.config.backgroundCheck (the local one reads the watch list).
  explicit BackgroundCheckService(app::Context& ctx);
  // With a given provider (tests).
  BackgroundCheckService(app::Context& ctx, std::shared_ptr<background_check::Provider> provider);

  // Checks every person against every configured database — OUTSIDE any transaction: call it with no
  // transaction open, the provider may take seconds — then records every result and an audit entry in
  // one transaction, and returns the results, person by person in the given order, each against the
  // databases in the configured order. A person whose ID number is not a valid GB 11643 number gets
  // an error result for every database without asking the provider. Never throws for a provider's
  // failure (that is an "error" result).
  std::vector<CheckResult> run(const core::Actor& a, const std::string& subjectKind, long long subjectId,
                               const std::vector<Person>& persons);

  // The latest result of each (person, database) of the subject: persons in the order they were
  // first checked, databases in the configured order.
  std::vector<CheckResult> latest(const std::string& subjectKind, long long subjectId);
  std::vector<CheckResult> latest(db::Conn& c, const std::string& subjectKind, long long subjectId);

  // True only when each of the persons (matched by ID number and name) has "pass" as the latest
  // result on every configured database. False for an empty list. The db::Conn form reads inside the
  // caller's transaction (e.g. the approve action's).
  bool allPassed(const std::string& subjectKind, long long subjectId, const std::vector<Person>& persons);
  bool allPassed(db::Conn& c, const std::string& subjectKind, long long subjectId, const std::vector<Person>& persons);

  // {"checks": [{"database", "databaseName", "idNo", "name", "result", "detail", "checkedAt",
  // "checkedBy"}]}: checkedAt ISO 8601, checkedBy the user's name; ID numbers masked
  // (core::maskIdNumber) unless fullIdNumbers (the caller holds the relevant "<module>:pii").
  static nlohmann::json checksJson(const std::vector<CheckResult>& checks, bool fullIdNumbers);

  const std::vector<background_check::Database>& databases() const;
  background_check::Provider& provider() { return *provider_; }

 private:
  CheckResult fromRow(const CheckRow& r) const;
  app::Context& ctx_;
  std::shared_ptr<background_check::Provider> provider_;
  BackgroundCheckStore store_;
};

}  // namespace baoan::background
