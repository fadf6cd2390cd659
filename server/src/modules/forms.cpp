// The forms of every module, for `baoan forms` (and the test that holds docs/openapi.yaml to them).
#include "modules/registry.h"
#include "modules/system/system_forms.h"

namespace baoan::modules {

std::vector<const core::FormSpec*> allForms() { return {&system::orgForm(), &system::roleForm(), &system::userForm()}; }

}  // namespace baoan::modules
