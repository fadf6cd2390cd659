#pragma once
// 注册 on the portal (issue 11): a unit with a 营业执照 but no licence signs up with its 统一社会信用代码,
// its legal person and an SMS code sent to the legal person's mobile; it then signs in with the
// password it chose and may apply.
#include <string>

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "modules/approval/approval_store.h"
#include "modules/system/user_service.h"

namespace baoan::approval {

class SignUpService {
 public:
  SignUpService(app::Context& ctx, system::UserService& users) : ctx_(ctx), users_(users) {}
  // Sends a code to the mobile (one a minute per mobile; valid 5 minutes).
  void sendCode(const std::string& ip, const nlohmann::json& body);
  // Creates the applicant account; its id and account.
  nlohmann::json signUp(const std::string& ip, const nlohmann::json& body);
  // unitKind "person": a person who registers for the guard exam.
  nlohmann::json signUpPerson(const std::string& ip, const nlohmann::json& body);

 private:
  app::Context& ctx_;
  system::UserService& users_;
  ApprovalStore store_;
};

}  // namespace baoan::approval
