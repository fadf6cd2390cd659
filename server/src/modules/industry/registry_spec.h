#pragma once
// The declaration language of the registries of manual §3 (ARCHITECTURE.md "Generic registries").
// They share one shape: an org-scoped table of records with a form of typed fields, a search form,
// paging, export, create/edit/delete and an audit trail. Each record kind is described once by an
// EntitySpec; RegistryStore (registry_store.h) derives its SQL from it and RegistryService
// (registry_service.h) applies its rules, so that associations, companies, in-house units and
// training units are not four copies of one module.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/catalog.h"
#include "core/error.h"
#include "db/db.h"
#include "db/scope_sql.h"

namespace baoan::industry {

enum class FieldType {
  text,        // free text, one line
  multiline,   // free text with line breaks (备注)
  idNo,        // 公民身份号码 (GB 11643)
  mobile,      // 手机号
  phone,       // landline or mobile
  creditCode,  // 统一社会信用代码 (GB 32100)
  date,        // YYYY-MM-DD
  pastDate,    // YYYY-MM-DD, not in the future (成立日期, 颁发日期 …)
  integer,     // whole number ≥ 0
  decimal,     // number (coordinates)
  region,      // GB/T 2260 code
  option,      // one code of `options`
  options,     // several codes of `options`, stored comma-separated
};

struct FieldSpec {
  std::string key;     // JSON name (camelCase)
  std::string column;  // SQL column
  std::string label;   // Chinese label, used in messages, headers and exports
  FieldType type = FieldType::text;
  bool required = false;
  std::size_t maxLength = 100;
  bool personal = false;  // ID / mobile: masked unless the role holds "<module>:pii"
  std::vector<core::CodeName> options;
  bool inList = true;  // shown in list rows (details always show everything)
};

// flag: a 0/1 column asked as true|1 (else false): initialized=true
enum class FilterKind { contains, equals, prefix, dateFrom, dateTo, flag };

struct FilterSpec {
  std::string param;   // query parameter
  std::string column;  // SQL column of the record's table
  std::string label;
  FilterKind kind = FilterKind::contains;
};

using Values = std::map<std::string, db::Value>;  // column → value, as written

// One record as read: what every registry record has, typed, and the spec's field and extra
// columns by their names (values.str("name"), values.isNull("founded_on")).
struct Record {
  long long id = 0;
  long long orgId = 0;  // the supervising org
  std::string orgPath;
  std::string orgName;
  long long createdAt = 0;
  long long updatedAt = 0;
  db::Row values;
};

// A registry's table, as db::inScope and db::visible need it: alias t in the store's queries,
// supervised through org_path, created_by for the "仅本人数据" scope.
constexpr db::ScopedTable registryTable(const char* name) { return {name, "t", "org_path", "created_by"}; }

struct EntitySpec {
  std::string module;    // permission module: "association"
  std::string resource;  // URL segment: "associations"
  db::ScopedTable table = registryTable("");
  std::string title;  // "保安协会"
  std::vector<FieldSpec> fields;
  std::vector<FilterSpec> filters;
  std::vector<std::string> uniqueColumns;  // each must be unique (→ 409 naming the field)
  bool deletable = true;
  // More values of each record, by name, for decorate: columns of the table ("status"), or values
  // the store derives from other tables (RegistryStore::kDerived: "company_guards").
  std::vector<std::string> extraColumns;

  // Cross-field rules, after each field passed its own.
  std::function<void(const Values&, FieldErrors&)> validate;
  // Slow work done before the transaction opens (hashing an initial password); its result is handed
  // to afterCreate.
  std::function<std::string()> prepareCreate;
  // Inside the create's transaction, after the insert.
  std::function<void(db::Conn&, long long id, const std::string& prepared)> afterCreate;
  // Inside the update's transaction, with the record's supervising org after it (an employer's guards
  // follow its name and org).
  std::function<void(db::Conn&, long long id, const Values&, long long orgId, const std::string& orgPath)> afterUpdate;
  // Inside the delete's transaction, before it: refuses with conflict() what may not go.
  std::function<void(db::Conn&, long long id)> beforeDelete;
  // More JSON from the extra columns.
  std::function<void(nlohmann::json&, const Record&)> decorate;
};

}  // namespace baoan::industry
