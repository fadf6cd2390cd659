#pragma once
// The routes of the industry module (manual §3 行业信息), one function per part; industry_routes.cpp
// builds the services and composes them.
#include <memory>

#include "http/router.h"
#include "modules/industry/company_service.h"
#include "modules/industry/good_deed_service.h"
#include "modules/industry/guard_service.h"
#include "modules/industry/industry_specs.h"
#include "modules/industry/registry_service.h"
#include "modules/industry/unit_filings.h"

namespace baoan::modules {

// list/get/create/update/delete and export under /api/v1/<resource> of one registry.
void registerRegistryRoutes(http::Router& r, const std::shared_ptr<industry::RegistryService>& registry);
// A company's deregistration and password reset; the portal's company record.
void registerCompanyRoutes(http::Router& r, const std::shared_ptr<industry::CompanyService>& companies);
// Guards: police side (/guards) and company portal side (/portal/guards).
void registerGuardRoutes(http::Router& r, const std::shared_ptr<industry::GuardService>& guards);
// Good deeds: police side (/good-deeds) and company portal side (/portal/good-deeds).
void registerGoodDeedRoutes(http::Router& r, const std::shared_ptr<industry::GoodDeedService>& deeds);

// A company's branches, cross-region filings and annual reports; cross-region filings in scope;
// annual report rounds.
void registerUnitFilingRoutes(http::Router& r, const std::shared_ptr<industry::UnitFilingService>& filings);

}  // namespace baoan::modules
