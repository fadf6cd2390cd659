#pragma once
// Settings of the background check (背景审查, DOMAIN.md "Background check"): which provider answers,
// which police databases a person is checked against, and the HTTP provider's protocol, timeouts,
// retries and circuit breaker. Read from the [background_check] table of the TOML config
// (app/config.cpp); the HTTP secret may come from BAOAN_BGCHECK_HTTP_SECRET instead. Secrets are never
// logged, stored with a result or shown by the API.
#include <map>
#include <string>
#include <vector>

namespace baoan::background_check {

// One police database a person is checked against.
struct Database {
  std::string code;    // ours, stored with each result: fugitive | criminal | drug | key_person | …
  std::string name;    // shown to users: 全国在逃人员信息库
  std::string remote;  // what the HTTP provider sends for it (the police interface's code); "" = code
};

// The four databases of §4.1.1 by their working names.
std::vector<Database> defaultDatabases();

// The police databases' JSON-over-HTTP interface: one POST per person and database, signed like the
// generic SMS gateway: HMAC-SHA256(secret, "<timestamp>\n<body>") in a header.
struct HttpSettings {
  std::string url;
  std::string secret;  // secret
  std::string appId;   // sent in appIdHeader when set
  std::string appIdHeader = "X-App-Id";
  std::string timestampHeader = "X-Timestamp";  // Unix seconds
  std::string signatureHeader = "X-Signature";
  std::string signatureEncoding = "hex";  // hex | base64
  // Names of the body's fields ("a.b" for a nested one); an empty name leaves the field out.
  std::string idNoField = "idNo";
  std::string nameField = "name";
  std::string databaseField = "database";   // Database::remote (or code)
  std::string requestIdField = "requestId";  // one id per check, the same on its retries
  std::map<std::string, std::string> extra;  // constant fields added to every body
  // The answer (HTTP 2xx): resultField's value (as text) in passValues = pass, in hitValues = hit;
  // anything else is an error, as is a non-2xx status or a body that is not JSON.
  std::string resultField = "result";
  std::vector<std::string> passValues{"pass"};
  std::vector<std::string> hitValues{"hit"};
  std::string detailField = "detail";   // the hit's 情形 (or the reason of a refusal)
  std::string errorField = "message";   // a refusal's message
};

struct Settings {
  std::string provider = "local";  // local (the watch list, 名单管理) | http
  std::vector<Database> databases = defaultDatabases();
  int connectTimeoutMs = 3000;
  int timeoutMs = 10000;  // one request
  int maxAttempts = 2;    // per check: timeouts, refused connections, 5xx, 429 and garbage are tried again
  int retryDelayMs = 300;
  // The circuit breaker: after breakerFailures failed requests in a row, every check answers error at
  // once for breakerCooldownSeconds; then one request is let through, whose outcome closes or reopens it.
  int breakerFailures = 5;
  int breakerCooldownSeconds = 60;
  int concurrency = 4;  // checks of one run in flight at once (HTTP provider)
  std::string caFile;   // extra CA bundle for a private CA (HTTPS is always verified)
  HttpSettings http;
};

// Throws std::invalid_argument naming the missing or wrong setting (never a secret's value).
void validate(const Settings& s);

// The database of that code; nullptr when it is not configured.
const Database* findDatabase(const Settings& s, const std::string& code);

}  // namespace baoan::background_check
