#pragma once
// The registry pages of manual §3 share one shape: an org-scoped table of records with a form of
// typed fields, a search form, paging, export, create/edit/delete and an audit trail. Each record
// kind is described once by an EntitySpec; RegistryService does the rest for all of them, so that
// associations, companies, in-house units and training units are not four copies of one module.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "core/catalog.h"
#include "core/error.h"
#include "core/form.h"
#include "core/principal.h"
#include "db/db.h"
#include "http/router.h"

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

enum class FilterKind { contains, equals, prefix, dateFrom, dateTo };

struct FilterSpec {
  std::string param;   // query parameter
  std::string column;  // SQL column (of the main table, alias t)
  std::string label;
  FilterKind kind = FilterKind::contains;
};

using Values = std::map<std::string, db::Value>;  // column → value

struct EntitySpec {
  std::string module;    // permission module: "association"
  std::string resource;  // URL segment: "associations"
  std::string table;
  std::string title;  // "保安协会"
  std::vector<FieldSpec> fields;
  std::vector<FilterSpec> filters;
  std::vector<std::string> uniqueColumns;  // each must be unique (→ 409 naming the field)
  bool deletable = true;
  std::string extraColumns;  // more SELECT columns appended to list/detail rows (e.g. "t.status")
  std::function<void(const Values&, FieldErrors&)> validate;                                        // cross-field rules
  // Slow work done before the transaction opens (hashing an initial password); its result is handed
  // to afterCreate.
  std::function<std::string()> prepareCreate;
  std::function<void(db::Conn&, long long id, const Values&, const core::Actor&, const std::string& prepared)> afterCreate;
  // Inside the update's transaction, with the record's supervising org after it (an employer's guards
  // follow its name and org).
  std::function<void(db::Conn&, long long id, const Values&, long long orgId, const std::string& orgPath)> afterUpdate;
  std::function<void(db::Conn&, long long id)> beforeDelete;                                        // refuse with conflict()
  std::function<void(nlohmann::json&, const db::Row&, std::size_t firstExtra)> decorate;           // extra JSON from extraColumns
};

class RegistryService {
 public:
  RegistryService(app::Context& ctx, EntitySpec spec) : ctx_(ctx), spec_(std::move(spec)) {}
  const EntitySpec& spec() const { return spec_; }

  nlohmann::json list(const core::Principal& p, const http::Request& req, const core::PageRequest& page);
  nlohmann::json get(const core::Actor& a, long long id);
  nlohmann::json create(const core::Actor& a, const nlohmann::json& body);
  nlohmann::json update(const core::Actor& a, long long id, const nlohmann::json& body);
  void remove(const core::Actor& a, long long id);
  // Every row the filters select, in list order, for export (streamed to fn).
  void forEachFiltered(const core::Principal& p, const http::Request& req, const std::function<void(const nlohmann::json&)>& fn);

  // The filtered list as an xlsx file (personal fields masked unless <module>:pii); audited.
  http::Response exportFile(const core::Actor& a, const http::Request& req);

  // org_path of a visible record; 404 when it does not exist or lies outside the scope.
  std::string visiblePath(db::Conn& c, const core::Principal& p, long long id);
  nlohmann::json rowJson(const db::Row& r, bool fullPersonal) const;
  std::string selectSql() const;

 private:
  Values readValues(const nlohmann::json& body, FieldErrors& errors) const;
  std::pair<long long, std::string> supervisingOrg(db::Conn& c, const core::Principal& p, const nlohmann::json& body,
                                                   const Values& v, std::optional<long long> current);
  db::Query whereClause(db::Conn& c, const core::Principal& p, const http::Request& req) const;
  void checkUnique(db::Conn& c, const Values& v, long long exceptId) const;
  app::Context& ctx_;
  EntitySpec spec_;
};

// Registers list/get/create/update/delete routes under /api/v1/<resource>; returns the service for
// extra routes (export, module-specific actions).
std::shared_ptr<RegistryService> registerRegistryRoutes(http::Router& r, app::Context& ctx, EntitySpec spec);

// The supervising org of a region: the police org whose region is the nearest enclosing one
// (county bureau for a county or town, city bureau for a city).
std::optional<std::pair<long long, std::string>> orgOfRegion(db::Conn& c, const std::string& regionCode);

}  // namespace baoan::industry
