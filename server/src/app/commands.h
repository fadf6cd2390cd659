#pragma once
// The subcommands of the `baoan` binary.
#include <string>

#include "app/config.h"

namespace baoan::app {

int runMigrate(const Config& cfg);
struct IndustryOptions;
int runSeed(const Config& cfg, bool demo, const IndustryOptions& industry);
int runSetPassword(const Config& cfg, const std::string& account, bool temporary);
int runServe(const Config& cfg);
int runRoutes(bool asJson);
// The text fields of every form with their limits, as JSON (compared with docs/openapi.yaml by a test).
int runForms();
int runSmsList(const Config& cfg, const std::string& mobile, const std::string& status, int limit);

}  // namespace baoan::app
