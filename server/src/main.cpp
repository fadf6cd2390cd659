// baoan — 保安服务监管信息系统. One binary: migrate, seed, user, sms, routes, serve.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <iostream>

#include "app/commands.h"
#include "app/industry_generator.h"
#include "modules/supervision/screening_rules.h"
#include "crypto/crypto.h"
#include "io/pdf_trial.h"

int main(int argc, char** argv) {
  using namespace baoan::app;
  CLI::App cli{"baoan — 保安服务监管信息系统 server"};
  cli.require_subcommand(1);
  Config cfg;
  std::string configFile;
  auto addDb = [&](CLI::App* sub) {
    sub->add_option("--config", configFile, "TOML config file (flags win over it)");
    sub->add_option("--db", cfg.dbUrl, "sqlite3://db=PATH or postgresql://host=… dbname=…");
  };
  auto addHashCost = [&](CLI::App* sub) {
    sub->add_option("--password-hash-cost", cfg.passwordHashCost,
                    "work factor of new password hashes: interactive (default; every deployment) or minimum (test servers)")
        ->check(CLI::IsMember({"interactive", "minimum"}));
  };

  auto* migrate = cli.add_subcommand("migrate", "apply the database migrations");
  addDb(migrate);

  bool demo = false;
  auto* seed = cli.add_subcommand("seed", "load data into an empty database");
  addDb(seed);
  addHashCost(seed);
  seed->add_flag("--demo", demo, "the demo 咸阳市 organisation, roles, accounts and industry")->required();
  seed->add_option("--data-dir", cfg.dataDir, "where the demo's uploaded materials go: the server's --data-dir (default as serve's)");
  IndustryOptions industry;
  seed->add_option("--companies", industry.companies, "security companies to generate")->check(CLI::Range(1, 100000));
  seed->add_option("--guards", industry.guards, "guards to generate")->check(CLI::Range(0, 5000000));
  seed->add_option("--good-deeds", industry.goodDeeds, "good deeds to generate")->check(CLI::Range(0, 1000000));
  seed->add_flag("--whole-province", industry.wholeProvince, "police orgs for every city of 陕西 (province-scale benchmarks)");
  seed->add_option("--random-seed", industry.seed, "seed of the generator (same seed, same data)");
  seed->add_option("--big-company-guards", industry.bigCompanyGuards, "one more company with this many guards (秦安保安服务集团有限公司)")
      ->check(CLI::Range(0, 1000000));

  auto* user = cli.add_subcommand("user", "operator tasks on accounts");
  user->require_subcommand(1);
  std::string account;
  bool temporary = false;
  auto* setPassword = user->add_subcommand("set-password", "set a password read from standard input");
  addDb(setPassword);
  setPassword->add_option("account", account, "account")->required();
  setPassword->add_flag("--temporary", temporary, "force a change at the next sign-in");

  auto* sms = cli.add_subcommand("sms", "the SMS log (the outbox and what became of each message)");
  sms->require_subcommand(1);
  std::string mobile;
  std::string smsStatus;
  int limit = 20;
  auto* smsList = sms->add_subcommand("list", "list messages with their status, newest first");
  addDb(smsList);
  smsList->add_option("--mobile", mobile, "only this mobile number");
  smsList->add_option("--status", smsStatus, "only queued, sending, sent or failed")
      ->check(CLI::IsMember({"queued", "sending", "sent", "failed"}));
  smsList->add_option("--limit", limit, "how many")->check(CLI::Range(1, 1000));

  auto* serve = cli.add_subcommand("serve", "serve the API and the web app");
  addDb(serve);
  addHashCost(serve);
  serve->add_option("--listen", cfg.listen, "HOST:PORT");
  serve->add_option("--web", cfg.webDir, "directory of the built web app");
  serve->add_option("--data-dir", cfg.dataDir, "the server's own files (default: the SQLite file's folder, or ./data)");
  serve->add_option("--workers", cfg.workerThreads, "worker threads for handlers")->check(CLI::Range(1, 256));
  serve->add_option("--io-threads", cfg.ioThreads, "I/O threads (default: one per core)")->check(CLI::Range(1, 64));
  serve->add_option("--io-model", cfg.ioModel, "per-thread: one event loop per I/O thread; shared: one for all")
      ->check(CLI::IsMember({"per-thread", "shared"}));
  serve->add_option("--handlers", cfg.handlers, "inline: short handlers on the I/O threads; pool: all on the workers")
      ->check(CLI::IsMember({"inline", "pool"}));
  serve->add_option("--worker-nice", cfg.workerNice, "CPU priority of the workers below the I/O threads (nice, 0-19)")
      ->check(CLI::Range(0, 19));
  serve->add_option("--session-idle-seconds", cfg.sessionIdleSeconds, "sign out after this much inactivity")
      ->check(CLI::Range(1, 7 * 24 * 3600));
  serve->add_option("--keep-alive-seconds", cfg.keepAliveSeconds, "close an idle HTTP connection after this many seconds")
      ->check(CLI::Range(1, 3600));
  serve->add_option("--login-rate-per-minute", cfg.loginRatePerMinute, "sign-in attempts per client address and minute")
      ->check(CLI::Range(1, 1000000));
  serve->add_option("--log-level", cfg.logLevel, "trace, debug, info, warn, error");
  serve->add_option("--screening-interval-ms", baoan::supervision::screeningSettings().intervalMs, "pause of the screening worker when nothing is due")
      ->check(CLI::Range(10, 3600000));
  serve->add_option("--screening-retry-ms", baoan::supervision::screeningSettings().retryBaseMs, "first retry of a failed background check (doubling)")
      ->check(CLI::Range(10, 86400000));

  auto* routes = cli.add_subcommand("routes", "print every API route the server registers, with who may call it");
  bool routesJson = false;
  routes->add_flag("--json", routesJson, "as a JSON array of {method, path, access, bodyLimit, allowedWhileMustChange}");

  auto* forms = cli.add_subcommand("forms", "print the text fields of every form with their length limits (JSON)");

  // Run by the server itself (io/pdf_trial.h): draws an uploaded PDF from standard input under limits.
  auto* pdfTrial = cli.add_subcommand("pdf-trial", "draw the PDF on standard input as a print would, under memory and CPU limits (exit 0: drawable)");
  int trialPages = 50;
  pdfTrial->add_option("--pages", trialPages, "pages to draw at most")->check(CLI::Range(1, 10000));

  // Flags win over the config file: parse once to learn --config, load it, then parse again.
  try {
    cli.parse(argc, argv);
    if (!configFile.empty()) {
      Config fromFile;
      loadConfigFile(configFile, fromFile);
      cfg = fromFile;
      cli.parse(argc, argv);  // re-applies only the flags given on the command line
    }
    applyEnvironment(cfg);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  }

  try {
    baoan::crypto::init();
    baoan::crypto::HashCost hashCost;
    if (!baoan::crypto::parseHashCost(cfg.passwordHashCost, hashCost)) {
      std::cerr << "error: password_hash_cost must be interactive or minimum\n";
      return 2;
    }
    baoan::crypto::setPasswordHashCost(hashCost);
    if (*routes) return runRoutes(routesJson);
    if (*forms) return runForms();
    if (*pdfTrial) return baoan::io::pdf::runPdfTrial(trialPages);
    if (cfg.dbUrl.empty()) {
      std::cerr << "error: --db (or db in the config file) is required\n";
      return 2;
    }
    if (*migrate) return runMigrate(cfg);
    if (*seed) return runSeed(cfg, demo, industry);
    if (*setPassword) return runSetPassword(cfg, account, temporary);
    if (*smsList) return runSmsList(cfg, mobile, smsStatus, limit);
    if (*serve) return runServe(cfg);
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
