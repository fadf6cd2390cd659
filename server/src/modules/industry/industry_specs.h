#pragma once
// The four registries of manual §3.1–3.4, declared as specs (industry_specs.cpp).
#include "core/form.h"
#include "modules/industry/registry_spec.h"
#include "modules/system/user_service.h"

namespace baoan::industry {

EntitySpec associationSpec();
// The declaration alone (for `baoan forms`); with the user service, every company gets its portal
// account when it is registered.
EntitySpec companySpec();
EntitySpec companySpec(system::UserService& users);
EntitySpec inhouseSpec();
EntitySpec trainingSpec();

// The registries' create/update forms (their text fields), named by their OpenAPI schemas.
std::vector<const core::FormSpec*> registryForms();

}  // namespace baoan::industry
