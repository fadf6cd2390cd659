// The forms of every module, for `baoan forms` (and the test that holds docs/openapi.yaml to them).
#include "modules/calendar/calendar_service.h"
#include "modules/background/background_forms.h"
#include "modules/certificates/certificate_service.h"
#include "modules/industry/industry_forms.h"
#include "modules/registry.h"
#include "modules/system/system_forms.h"

namespace baoan::modules {

std::vector<const core::FormSpec*> allForms() {
  std::vector<const core::FormSpec*> out = {&system::orgForm(), &system::roleForm(), &system::userForm()};
  for (const auto* f : industry::industryForms()) out.push_back(f);
  out.push_back(&calendar::calendarDayForm());
  out.push_back(&background::watchListForm());
  out.push_back(&licences::licenceRevokeForm());
  out.push_back(&certificates::handoverForm());
  out.push_back(&certificates::revokeForm());
  return out;
}

}  // namespace baoan::modules
