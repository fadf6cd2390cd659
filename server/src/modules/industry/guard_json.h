#pragma once
// A page of guards written as JSON text straight from the rows: the bytes that
// modules::pageJson(items of GuardService::toJson).dump() writes (keys sorted, as nlohmann orders them),
// without building the document first — a third of a list request's time went into that tree
// (bench/README.md). guard_json_test compares the two byte for byte.
#include <string>

#include "modules/industry/guard_service.h"

namespace baoan::industry {

std::string guardPageJson(const GuardPage& page);

}  // namespace baoan::industry
