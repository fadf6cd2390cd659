#pragma once
// Rules of officer accounts (§2.3): the manual's fields, ID number checked and mined for gender and
// birth date, at least one approval post or role, roles only as the caller could grant them, the
// account and initial password 123456 sent by SMS, reset/enable/disable/unlock.
#include <nlohmann/json.hpp>

#include "app/context.h"
#include "core/principal.h"
#include "modules/system/user_store.h"

namespace baoan::system {

class UserService {
 public:
  static constexpr const char* kInitialPassword = "123456";
  explicit UserService(app::Context& ctx) : ctx_(ctx) {}
  nlohmann::json list(const core::Principal& p, UserFilter filter, const core::PageRequest& page);
  nlohmann::json get(const core::Actor& a, long long id);
  nlohmann::json create(const core::Actor& a, const nlohmann::json& body);
  nlohmann::json update(const core::Actor& a, long long id, const nlohmann::json& body);
  nlohmann::json resetPassword(const core::Actor& a, long long id);
  nlohmann::json setEnabled(const core::Actor& a, long long id, bool enabled);
  nlohmann::json unlock(const core::Actor& a, long long id);

 private:
  UserFields readFields(db::Conn& c, const core::Principal& p, const nlohmann::json& body, const User* existing);
  User visibleUser(db::Conn& c, const core::Principal& p, long long id);
  app::Context& ctx_;
  UserStore store_;
};

}  // namespace baoan::system
