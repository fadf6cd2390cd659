#pragma once
// The four registries of manual §3.1–3.4, declared as specs (industry_specs.cpp).
#include "modules/industry/registry_spec.h"
#include "modules/system/user_service.h"

namespace baoan::industry {

EntitySpec associationSpec();
// Every company gets its portal account when it is registered, through the user service.
EntitySpec companySpec(system::UserService& users);
EntitySpec inhouseSpec();
EntitySpec trainingSpec();

}  // namespace baoan::industry
