#pragma once
// What the industry registry needs beyond the generic registry: company actions.
#include <nlohmann/json.hpp>

#include "adapters/sms/sms_gateway.h"
#include "app/context.h"
#include "core/catalog.h"
#include "core/principal.h"
#include "modules/industry/registry.h"
#include "modules/system/user_service.h"

namespace baoan::industry {

// The company's portal account: its 统一社会信用代码, the initial password (change forced),
// announced by SMS to the legal representative's mobile.
void createCompanyAccount(db::Conn& c, system::UserService& users, long long companyId, const std::string& initialHash);

nlohmann::json deregisterCompany(app::Context& ctx, RegistryService& companies, system::UserService& users, const core::Actor& a,
                                 long long id, const nlohmann::json& body);
// The portal: the company's own record; confirming it in the first-login guide; later edits of the
// fields a company maintains itself.
nlohmann::json portalCompany(app::Context& ctx, RegistryService& companies, const core::Principal& p);
nlohmann::json portalUpdateCompany(app::Context& ctx, RegistryService& companies, const core::Actor& a,
                                   const nlohmann::json& body, bool initialize);

nlohmann::json resetCompanyPassword(app::Context& ctx, RegistryService& companies, system::UserService& users, const core::Actor& a,
                                    long long id);

}  // namespace baoan::industry
