#pragma once
// The text fields of the industry forms that are not registry specs (the guard, the good deed, a
// company's deregistration), declared once: the services read them from here and `baoan forms`
// lists them for the test that holds docs/openapi.yaml to the same limits.
#include <vector>

#include "core/form.h"

namespace baoan::industry {

const core::FormSpec& guardForm();             // GuardCreate (GuardUpdate is its subset)
const core::FormSpec& guardLeaveForm();        // GuardLeave
const core::FormSpec& goodDeedForm();          // GoodDeedInput
const core::FormSpec& companyDeregisterForm(); // CompanyDeregister

// Every industry form: the registries' (derived from their specs) and the ones above.
std::vector<const core::FormSpec*> industryForms();

}  // namespace baoan::industry
