#include "app/commands.h"

#include <spdlog/spdlog.h>

#include <iostream>

#include "adapters/sms/sms_gateway.h"
#include "adapters/sms/sms_provider.h"
#include "adapters/sms/sms_relay.h"
#include "modules/exam/payment_timer.h"
#include "modules/supervision/screening_worker.h"
#include "app/context.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/validation.h"
#include "crypto/crypto.h"
#include "db/db.h"
#include "db/migrations.h"
#include "http/server.h"
#include "io/pdf.h"
#include "io/work_dir.h"
#include "modules/approval/approval_service.h"
#include "modules/registry.h"

namespace baoan::app {

namespace {

http::Hooks makeHooks(auth::AuthService& auth) {
  http::Hooks hooks;
  hooks.authenticate = [&auth](const http::Request& req) -> std::optional<core::Principal> {
    const std::string bearer = req.header("authorization");
    if (bearer.rfind("Bearer ", 0) == 0) return auth.authenticate(bearer.substr(7), false);
    const std::string cookie = req.cookie("baoan_session");
    if (!cookie.empty()) return auth.authenticate(cookie, true);
    return std::nullopt;
  };
  hooks.mapError = [](const std::exception& e, http::Response& out) {
    // A unique index caught a duplicate that the service's own check missed (a race).
    if (!db::isUniqueViolation(e)) return false;
    out = http::errorResponse(409, "conflict", "数据已存在(重复),请检查后重试", "");
    return true;
  };
  return hooks;
}

std::pair<std::string, unsigned short> splitListen(const std::string& listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) throw std::invalid_argument("--listen must be HOST:PORT");
  return {listen.substr(0, colon), static_cast<unsigned short>(std::stoi(listen.substr(colon + 1)))};
}

}  // namespace

int runMigrate(const Config& cfg) {
  db::Database db(cfg.dbUrl, 1);
  auto applied = db::migrate(db);
  approval::ensureChains(db);
  if (applied.empty()) std::cout << "schema is current (version " << db::schemaVersion(db) << ")\n";
  for (const auto& name : applied) std::cout << "applied " << name << "\n";
  return 0;
}

int runSetPassword(const Config& cfg, const std::string& account, bool temporary) {
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (auto e = core::checkPassword(password, account)) {
    std::cerr << "error: 密码" << *e << "\n";
    return 2;
  }
  db::Database db(cfg.dbUrl, 1);
  auto sms = sms::makeLocalGateway();
  Context ctx{db, *sms, cfg};
  auth::CredentialsService credentials(ctx);
  const std::string hash = auth::CredentialsService::hashPassword(password);
  const bool found = db.write([&](db::Conn& c) {
    auto creds = auth::AuthStore().findByAccount(c, account);
    if (!creds) return false;
    credentials.setPassword(c, creds->userId, hash, temporary);
    return true;
  });
  if (!found) {
    std::cerr << "error: no account " << account << "\n";
    return 1;
  }
  std::cout << "password of " << account << " set" << (temporary ? " (must be changed at next sign-in)" : "") << "\n";
  return 0;
}

int runSmsList(const Config& cfg, const std::string& mobile, const std::string& status, int limit) {
  db::Database db(cfg.dbUrl, 1);
  db::Query q("SELECT at, mobile, purpose, status, content, attempts, provider, last_error, next_attempt_at, sent_at "
              "FROM sms_messages WHERE 1 = 1");
  if (!mobile.empty()) q.append(" AND mobile = ?", mobile);
  if (!status.empty()) q.append(" AND status = ?", status);
  q.append(" ORDER BY id DESC LIMIT ?", limit);
  for (const auto& r : db.read([&](db::Conn& c) { return c.query(q); })) {
    std::cout << core::toIso(r.i64(0)) << "  " << r.str(1) << "  " << r.str(2) << "  " << r.str(3) << "  " << r.str(4) << "\n";
    const std::string st = r.str(3);
    std::string detail = "    " + r.str(6) + ", " + std::to_string(r.i64(5)) + " attempt(s)";
    if (st == "sent" && r.optI64(9)) detail += ", sent " + core::toIso(*r.optI64(9));
    if (st == "queued" && r.optI64(8)) detail += ", next " + core::toIso(*r.optI64(8));
    if (!r.str(7).empty() && st != "sent") detail += ", last error: " + r.str(7);
    if (st != "sent") std::cout << detail << "\n";
  }
  return 0;
}

int runRoutes(bool asJson) {
  Config cfg;
  // Registering routes touches no data; an in-memory database stands in.
  db::Database none("sqlite3://db=:memory:", 1);
  auto sms = sms::makeLocalGateway();
  Context ctx{none, *sms, cfg};
  modules::Shared shared(ctx);
  http::Router router;
  modules::registerAll(router, ctx, shared);
  // Who may call each route: a permission code, any signed-in user, or anyone (public). The
  // authorisation-matrix test reads the JSON form and probes every route with it.
  auto access = [](const http::RouteOptions& o) {
    return o.isPublic ? std::string("public") : o.permission.empty() ? std::string("signed-in") : o.permission;
  };
  if (asJson) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : router.routes())
      out.push_back({{"method", r->method}, {"path", r->pattern}, {"access", access(r->options)},
                     {"bodyLimit", r->options.bodyLimit}, {"allowedWhileMustChange", r->options.allowedWhileMustChange}});
    std::cout << out.dump(1) << "\n";
    return 0;
  }
  for (const auto& r : router.routes()) std::cout << r->method << " " << r->pattern << " " << access(r->options) << "\n";
  return 0;
}

int runForms() {
  nlohmann::json out = nlohmann::json::array();
  for (const auto* form : modules::allForms()) {
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& f : form->fields)
      fields.push_back({{"key", f.key}, {"label", f.label}, {"maxLength", f.rule.maxLength}, {"required", f.rule.required},
                        {"multiline", f.rule.multiline}});
    out.push_back({{"schema", form->schema}, {"fields", fields}});
  }
  std::cout << out.dump(1) << "\n";
  return 0;
}

namespace {
// Where the provider sends, for the start-up log: scheme, host and path, never a query string.
std::string endpointOf(const sms::Settings& s) {
  std::string url = s.provider == "aliyun" ? s.aliyun.endpoint : s.provider == "http" ? s.http.url : "";
  if (auto q = url.find_first_of("?#"); q != std::string::npos) url.erase(q);
  const auto host = url.find("://") == std::string::npos ? 0 : url.find("://") + 3;
  if (auto at = url.find('@', host); at != std::string::npos && at < url.find('/', host)) url.erase(host, at + 1 - host);
  return url.empty() ? "" : " " + url;
}
}  // namespace

int runServe(const Config& cfg) {
  spdlog::set_level(spdlog::level::from_str(cfg.logLevel));
  const int ioThreads = cfg.ioThreads > 0 ? cfg.ioThreads : http::defaultIoThreads();
  if (cfg.ioModel != "per-thread" && cfg.ioModel != "shared") throw std::runtime_error("io_model must be per-thread or shared");
  if (cfg.handlers != "inline" && cfg.handlers != "pool") throw std::runtime_error("handlers must be inline or pool");
  if (cfg.keepAliveSeconds < 1 || cfg.keepAliveSeconds > 3600) throw std::runtime_error("keep_alive_seconds must be 1 to 3600");
  sms::validate(cfg.sms);
  background_check::validate(cfg.backgroundCheck);
  payment::validate(cfg.payment);
  supervision::validate(supervision::screeningSettings());
  // A connection for every thread that may hold one at the same time (I/O threads, the overflow
  // threads of short requests (as many, at least 2: http/server.cpp), workers, and the
  // background jobs: the SMS relay and the payment timer), so that an I/O thread never waits for one held by a
  // long export.
  db::Database db(cfg.dbUrl, static_cast<std::size_t>(ioThreads + std::max(2, ioThreads) + cfg.workerThreads + 3));
  if (db::schemaVersion(db) == 0) throw std::runtime_error("the database has no schema: run `baoan migrate` first");
  auto provider = sms::makeProvider(cfg.sms);
  sms::Relay relay(db, *provider, sms::relayOptions(cfg.sms));
  auto outbox = sms::makeOutbox(provider->name(), [&relay] { relay.kick(); });
  Context ctx{db, *outbox, cfg};
  modules::Shared shared(ctx);
  http::Router router;
  modules::registerAll(router, ctx, shared);
  crypto::dummyHash();  // computed now, not during the first failed sign-in
  io::initWorkDir(effectiveDataDir(cfg));
  io::pdf::warmUp(2);  // the CJK fonts loaded now, not in the first PDF requests
  shared.files.moveLegacyContent();
  approval::ensureChains(db);
  http::ServerConfig sc;
  std::tie(sc.host, sc.port) = splitListen(cfg.listen);
  sc.webDir = cfg.webDir;
  sc.ioThreads = ioThreads;
  sc.workerThreads = cfg.workerThreads;
  sc.ioModel = cfg.ioModel == "shared" ? http::IoModel::shared : http::IoModel::perThread;
  sc.inlineHandlers = cfg.handlers == "inline";
  sc.workerNice = cfg.workerNice;
  sc.keepAliveSeconds = cfg.keepAliveSeconds;
  spdlog::info("database: {}, SMS provider: {}{}, background check: {} ({} databases)", db.dialectName(), provider->name(),
               endpointOf(cfg.sms), shared.background.provider().name(), cfg.backgroundCheck.databases.size());
  if (cfg.sms.provider == "aliyun")
    for (const char* purpose : {"account_created", "password_reset", "verification_code"})
      if (auto t = cfg.sms.templates.find(purpose); t == cfg.sms.templates.end() || t->second.aliyun.empty())
        spdlog::warn("sms: no aliyun template for {} ([sms.templates.{}] aliyun): such messages will fail", purpose, purpose);
  spdlog::info("payment provider: {}", shared.payments->provider().name());
  exam::PaymentTimer paymentTimer(*shared.payments, cfg.payment.reconcileEverySeconds);
  supervision::ScreeningService screening(ctx, shared.background);
  supervision::ScreeningWorker screeningWorker(screening);
  relay.start();
  paymentTimer.start();
  screeningWorker.start();
  http::serve(router, sc, makeHooks(shared.auth));
  screeningWorker.stop();
  paymentTimer.stop();
  relay.stop();
  io::removeWorkDir();
  spdlog::info("stopped");
  return 0;
}

}  // namespace baoan::app
