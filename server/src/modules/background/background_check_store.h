#pragma once
// SQL of the background checks' results: every result of every run, written once.
#include <optional>
#include <string>
#include <vector>

#include "db/db.h"

namespace baoan::background {

struct CheckRow {
  long long id = 0;
  std::string subjectKind;  // "application", "guard", …
  long long subjectId = 0;
  std::string database;     // the database's code
  std::string idNo, name;
  std::optional<std::string> role;
  std::string result;  // pass | hit | error
  std::string detail;
  long long checkedAt = 0;
  std::optional<long long> checkedBy;
  std::string checkedByName;
};

class BackgroundCheckStore {
 public:
  void insert(db::Conn& c, const CheckRow& r) const;
  // The latest result of each (ID number, database) of the subject, oldest first.
  std::vector<CheckRow> latest(db::Conn& c, const std::string& subjectKind, long long subjectId) const;
};

}  // namespace baoan::background
