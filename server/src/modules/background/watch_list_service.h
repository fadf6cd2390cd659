#pragma once
// 名单管理: the watch list the local background-check provider answers from (身份证号, 姓名, 库, 情形,
// 来源). Administrators keep the entries of their data scope — by hand, or by xlsx import (all rows or
// none, a report of every bad row) — and export them. ID numbers are masked unless watch_list:pii.
#include <string>

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "core/form.h"
#include "core/principal.h"
#include "modules/export_util.h"
#include "modules/background/watch_list_store.h"

namespace baoan::background {

struct WatchQuery {
  std::string idNo, name, database;
  std::string conditions;  // the request as the export's audit entry names it
};

struct WatchImportResult {
  long long imported = 0;
  nlohmann::json errors = nlohmann::json::array();  // at most 1000 listed
  std::size_t errorCount = 0;
};

class WatchListService {
 public:
  explicit WatchListService(app::Context& ctx) : ctx_(ctx) {}
  nlohmann::json list(const core::Principal& p, const WatchQuery& q, const core::PageRequest& page);
  nlohmann::json get(const core::Actor& a, long long id);
  nlohmann::json create(const core::Actor& a, const nlohmann::json& body);
  nlohmann::json update(const core::Actor& a, long long id, const nlohmann::json& body);
  void remove(const core::Actor& a, long long id);
  modules::ExportFile exportFile(const core::Actor& a, const WatchQuery& q);
  modules::ExportFile importTemplate() const;
  WatchImportResult importXlsx(const core::Actor& a, const std::string& xlsx);
  // The configured databases: [{"code", "name"}].
  nlohmann::json databases() const;

 private:
  WatchFields readFields(const nlohmann::json& body, FieldErrors& errors) const;
  // The code of a database given by code or name; "" when it is not configured.
  std::string databaseCode(const std::string& codeOrName) const;
  std::string databaseName(const std::string& code) const;
  nlohmann::json toJson(const WatchRow& w, bool full) const;
  WatchFilter filter(const core::Principal& p, const WatchQuery& q) const;
  void requireVisible(db::Conn& c, const core::Principal& p, long long id) const;
  app::Context& ctx_;
  WatchListStore store_;
};

}  // namespace baoan::background
