#pragma once
// 好人好事 (§3.6): companies record good deeds of their guards; police read those of their
// jurisdiction.
#include <nlohmann/json.hpp>

#include "app/context.h"
#include "core/principal.h"
#include "core/form.h"
#include "db/db.h"
#include "http/message.h"

namespace baoan::industry {

class GoodDeedService {
 public:
  explicit GoodDeedService(app::Context& ctx) : ctx_(ctx) {}
  nlohmann::json list(const core::Principal& p, const http::Request& req, const core::PageRequest& page, bool portal);
  nlohmann::json get(const core::Principal& p, long long id, bool portal);
  http::Response exportFile(const core::Actor& a, const http::Request& req);
  nlohmann::json create(const core::Actor& a, const nlohmann::json& body);
  nlohmann::json update(const core::Actor& a, long long id, const nlohmann::json& body);

 private:
  db::Query where(db::Conn& c, const core::Principal& p, const http::Request& req, bool portal) const;
  app::Context& ctx_;
};

}  // namespace baoan::industry
