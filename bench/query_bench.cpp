// baoan_query_bench — times the guard list query in-process, the way the server runs it, without HTTP.
//
// It links the server's own library and calls industry::GuardStore::list (the COUNT and the first page)
// through db::Database (same connection pool and statement cache, same pragmas, same SQL builder, same data-scope SQL), so the
// figure is exactly the database share of GET /api/v1/guards and stays true when the SQL changes.
// For each case it also captures the SQL that SQLite really ran (sqlite3_trace_v2, parameters
// expanded) and prints its EXPLAIN QUERY PLAN.
//
//   baoan_query_bench --db sqlite3://db=PATH [--runs N] [--max-seconds S] CASE...
//   CASE = label|scope[|key=value…]
//     scope: all | /1/2/ (an org path: that org and everything below, as org_and_below resolves it)
//            | /1/61/,/1/131/ (several subtrees, as a custom scope resolves it)
//     keys:  name=…  idNo=…  mobile=…  companyName=…  employer=<company id> (the portal's own list; scope
//            "none")  employed=true|false  mode=list|each  size=20  page=1
//     mode=each streams every row in scope (GuardStore::forEach, the query of the xlsx export).
//
// Output, one block per case:
//   RESULT <label> total=<rows in scope> runs=<n> median_us=<…> p99_us=<…> min_us=<…> max_us=<…>
//   SQL <label> <statement as run>
//   PLAN <label> <EXPLAIN QUERY PLAN line>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "core/data_scope.h"
#include "core/form.h"
#include "db/db.h"
#include "modules/industry/guard_store.h"

using namespace baoan;

namespace {

struct Case {
  std::string label;
  core::DataScope scope;
  industry::GuardFilter filter;
  std::string mode = "list";
  int size = 20;
  int page = 1;
  bool noScope = false;  // the portal: the company's own guards, no data scope
};

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(s);
  while (std::getline(in, cur, sep)) out.push_back(cur);
  return out;
}

Case parseCase(const std::string& spec) {
  auto parts = split(spec, '|');
  if (parts.size() < 2) throw std::runtime_error("bad case (label|scope[|key=value…]): " + spec);
  Case c;
  c.label = parts[0];
  if (parts[1] == "all") {
    c.scope.all = true;
  } else if (parts[1] == "none") {
    c.noScope = true;
  } else {
    for (const auto& p : split(parts[1], ',')) c.scope.merge(core::resolveScope(core::ScopeKind::org_and_below, p, {}, 0));
    c.scope.normalise();
  }
  for (std::size_t i = 2; i < parts.size(); ++i) {
    const auto eq = parts[i].find('=');
    if (eq == std::string::npos) throw std::runtime_error("bad key=value: " + parts[i]);
    const std::string k = parts[i].substr(0, eq), v = parts[i].substr(eq + 1);
    if (k == "name") c.filter.name = v;
    else if (k == "idNo") c.filter.idNo = v;
    else if (k == "mobile") c.filter.mobile = v;
    else if (k == "employed") c.filter.employed = v == "true";
    else if (k == "companyName") c.filter.companyName = v;
    else if (k == "employer") {
      c.filter.employerKind = "company";
      c.filter.employerId = std::stoll(v);
    }
    else if (k == "mode") c.mode = v;
    else if (k == "size") c.size = std::stoi(v);
    else if (k == "page") c.page = std::stoi(v);
    else throw std::runtime_error("unknown key: " + k);
  }
  return c;
}

std::vector<std::string>* g_captured = nullptr;

int traceStatement(unsigned type, void*, void* p, void*) {
  if (type != SQLITE_TRACE_STMT || !g_captured) return 0;
  char* sql = sqlite3_expanded_sql(static_cast<sqlite3_stmt*>(p));
  if (sql) {
    // Keep the statements the store runs: not trigger bodies ("-- …"), nor FTS5's own reads of its
    // shadow tables ("PRAGMA 'main'.data_version", "SELECT … FROM 'main'.'guards_search_config'").
    if (std::strncmp(sql, "--", 2) != 0 && std::strncmp(sql, "PRAGMA", 6) != 0 && !std::strstr(sql, "'main'."))
      g_captured->emplace_back(sql);
    sqlite3_free(sql);
  }
  return 0;
}

sqlite3* handleOf(db::Conn& c) { return c.sqliteHandle(); }

double percentile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  if (v.empty()) return 0;
  const double pos = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(pos);
  const auto hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (v[hi] - v[lo]) * (pos - static_cast<double>(lo));
}

}  // namespace

int main(int argc, char** argv) {
  std::string url;
  int runs = 200;
  double maxSeconds = 3.0;
  std::vector<std::string> specs;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--db" && i + 1 < argc) url = argv[++i];
    else if (a == "--runs" && i + 1 < argc) runs = std::stoi(argv[++i]);
    else if (a == "--max-seconds" && i + 1 < argc) maxSeconds = std::stod(argv[++i]);
    else if (a == "-h" || a == "--help") {
      std::puts("baoan_query_bench --db sqlite3://db=PATH [--runs N] [--max-seconds S] 'label|scope[|key=value…]'…");
      return 0;
    } else specs.push_back(a);
  }
  if (url.rfind("sqlite3://", 0) != 0 || specs.empty()) {
    std::cerr << "usage: baoan_query_bench --db sqlite3://db=PATH [--runs N] [--max-seconds S] CASE…\n";
    return 2;
  }
  try {
    db::Database database(url, 1);
    industry::GuardStore store;
    for (const auto& spec : specs) {
      Case k = parseCase(spec);
      core::PageRequest page{k.page, k.size};
      const core::DataScope* scope = k.noScope ? nullptr : &k.scope;
      long long total = 0;
      auto once = [&] {
        database.read([&](db::Conn& c) {
          if (k.mode == "each") {
            long long n = 0;
            store.forEach(c, k.filter, scope, [&](const industry::GuardRow&) { ++n; });
            total = n;
          } else {
            total = store.list(c, k.filter, scope, page).second;
          }
        });
      };
      // First call: capture the statements SQLite runs (and warm the page cache).
      std::vector<std::string> captured;
      database.read([&](db::Conn& c) { sqlite3_trace_v2(handleOf(c), SQLITE_TRACE_STMT, traceStatement, nullptr); });
      g_captured = &captured;
      once();
      g_captured = nullptr;
      database.read([&](db::Conn& c) { sqlite3_trace_v2(handleOf(c), 0, nullptr, nullptr); });
      for (int w = 0; w < 3; ++w) once();

      const int want = k.mode == "each" ? std::min(runs, 5) : runs;
      std::vector<double> us;
      const auto start = std::chrono::steady_clock::now();
      for (int r = 0; r < want; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        once();
        const auto t1 = std::chrono::steady_clock::now();
        us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
        if (r >= 4 && std::chrono::duration<double>(t1 - start).count() > maxSeconds) break;
      }
      std::printf("RESULT %s total=%lld runs=%zu median_us=%.1f p99_us=%.1f min_us=%.1f max_us=%.1f\n", k.label.c_str(), total,
                  us.size(), percentile(us, 0.5), percentile(us, 0.99), *std::min_element(us.begin(), us.end()),
                  *std::max_element(us.begin(), us.end()));
      for (const auto& sql : captured) {
        std::printf("SQL %s %s\n", k.label.c_str(), sql.c_str());
        database.read([&](db::Conn& c) {
          for (const auto& row : c.query(db::Query("EXPLAIN QUERY PLAN " + sql)))
            std::printf("PLAN %s %s\n", k.label.c_str(), row.str(3).c_str());
        });
      }
      std::fflush(stdout);
    }
  } catch (const std::exception& e) {
    std::cerr << "baoan_query_bench: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
