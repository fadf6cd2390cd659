#pragma once
// What every module's routes get: the database, the adapters and the settings. Built once by the
// composition root (app/server_command.cpp).
#include "adapters/sms/sms_gateway.h"
#include "app/config.h"
#include "db/db.h"

namespace baoan::app {

struct Context {
  db::Database& db;
  sms::Gateway& sms;
  const Config& config;
};

}  // namespace baoan::app
