#pragma once
// What is particular to companies (manual §3.2) beyond the generic registry: their portal account
// (through system::UserService), deregistration, password reset, and the company's own record in
// the portal with its first-login guide (初始化), after which it counts as 已初始化 (§8.4).
#include <memory>

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "core/principal.h"
#include "modules/industry/company_store.h"
#include "modules/industry/registry_service.h"
#include "modules/system/user_service.h"

namespace baoan::industry {

class CompanyService {
 public:
  // companies: the registry of companies (industry_specs.h: companySpec).
  CompanyService(app::Context& ctx, std::shared_ptr<RegistryService> companies, system::UserService& users)
      : ctx_(ctx), companies_(std::move(companies)), users_(users) {}

  nlohmann::json deregister(const core::Actor& a, long long id, const nlohmann::json& body);
  nlohmann::json resetPassword(const core::Actor& a, long long id);

  // The portal: the company's own record; confirming it in the first-login guide (initialize); later
  // edits of the fields a company maintains itself.
  nlohmann::json portalGet(const core::Principal& p);
  nlohmann::json portalUpdate(const core::Actor& a, const nlohmann::json& body, bool initialize);

  // In the create's transaction (the registry's afterCreate): the company's portal account — its
  // 统一社会信用代码, the initial password (change forced), announced by SMS to the legal
  // representative's mobile.
  static void openPortalAccount(db::Conn& c, system::UserService& users, long long companyId, const std::string& initialHash);

 private:
  app::Context& ctx_;
  std::shared_ptr<RegistryService> companies_;
  system::UserService& users_;
  CompanyStore store_;
};

}  // namespace baoan::industry
