#pragma once
// The text fields of the watch-list form (名单管理), each limit in one place: the service and the
// import read entries with these rules and `baoan forms` prints them for the OpenAPI comparison test.
#include "core/form.h"

namespace baoan::background {

const core::FormSpec& watchListForm();  // WatchListEntryInput

}  // namespace baoan::background
