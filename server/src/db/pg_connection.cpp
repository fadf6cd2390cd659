// PostgreSQL through libpq: `?` placeholders become $1, $2, …; values are sent as text with their
// types left to the server (as SOCI did); a statement text seen a second time on a connection is
// prepared under a name and executed by name from then on (one round trip, no parse or plan).
#include <libpq-fe.h>

#include <cctype>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "db/connection.h"

namespace baoan::db::detail {

namespace {

// Type OIDs (pg_type.h is a server header).
constexpr Oid kBool = 16, kInt8 = 20, kInt2 = 21, kInt4 = 23, kOid = 26, kFloat4 = 700, kFloat8 = 701, kNumeric = 1700;

// "?" → "$1", "$2", …. Placeholders never appear in literals of our own SQL, so no quoting state is
// tracked beyond single quotes.
std::string numberedPlaceholders(const std::string& sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  bool inQuote = false;
  for (char c : sql) {
    if (c == '\'') inQuote = !inQuote;
    if (c == '?' && !inQuote) {
      out += '$';
      out += std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

// Whether the statement changes the schema (then every prepared statement may describe old columns).
bool isDdl(const std::string& sql) {
  std::size_t i = 0;
  while (i < sql.size()) {
    if (std::isspace(static_cast<unsigned char>(sql[i]))) {
      ++i;
    } else if (sql.compare(i, 2, "--") == 0) {
      i = sql.find('\n', i);
      if (i == std::string::npos) return false;
    } else {
      break;
    }
  }
  auto word = [&](const char* w) {
    const std::size_t n = std::strlen(w);
    if (i + n > sql.size()) return false;
    for (std::size_t k = 0; k < n; ++k)
      if (std::toupper(static_cast<unsigned char>(sql[i + k])) != w[k]) return false;
    return i + n == sql.size() || !std::isalnum(static_cast<unsigned char>(sql[i + n]));
  };
  return word("CREATE") || word("ALTER") || word("DROP");
}

struct Prepared {
  std::string pgText;  // with $n placeholders
  std::string name;    // empty until prepared (second use)
  bool seen = false;   // run once already
  std::shared_ptr<const Columns> columns;
};

class Result {
 public:
  explicit Result(PGresult* r) : r_(r) {}
  ~Result() { PQclear(r_); }
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;
  PGresult* get() const { return r_; }
  void reset(PGresult* r) {
    PQclear(r_);
    r_ = r;
  }

 private:
  PGresult* r_;
};

class PgConnection final : public Connection {
 public:
  explicit PgConnection(const std::string& conninfo) : cache_(kStatementCacheSize) {
    conn_ = PQconnectdb(conninfo.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = conn_ ? PQerrorMessage(conn_) : "out of memory";
      PQfinish(conn_);
      throw Error("cannot connect to PostgreSQL: " + msg, "08000", 0);
    }
    setUp();
  }
  ~PgConnection() override { PQfinish(conn_); }

  void command(const char* sql) override {
    Result r(PQexec(conn_, sql));
    check(r.get(), sql);
  }

  void released() override {
    if (PQstatus(conn_) == CONNECTION_BAD) {
      // The server went away (restart, network): reconnect now, so the next lease gets a working
      // connection; prepared statements died with the old one.
      cache_.clear([](Prepared&) {});
      toDeallocate_.clear();
      PQreset(conn_);
      if (PQstatus(conn_) == CONNECTION_OK) {
        try {
          setUp();
        } catch (...) {
        }
      }
      return;
    }
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) Result(PQexec(conn_, "ROLLBACK"));
    for (const auto& name : toDeallocate_) Result(PQexec(conn_, ("DEALLOCATE " + name).c_str()));
    toDeallocate_.clear();
  }

  long long run(const Query& q, const std::function<void(Row&)>* onRow) override {
    const std::string& sql = q.text();
    const auto& params = q.params();

    // Parameters as text; NULL as a null pointer.
    std::vector<const char*> values(params.size());
    std::vector<int> lengths(params.size());
    std::vector<std::string> numbers;  // storage for converted numbers
    numbers.reserve(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      if (auto s = std::get_if<std::string>(&v)) {
        values[i] = s->c_str();
        lengths[i] = static_cast<int>(s->size());
      } else if (std::holds_alternative<std::monostate>(v)) {
        values[i] = nullptr;
      } else {
        char buf[40];
        std::to_chars_result r;
        if (auto n = std::get_if<long long>(&v)) r = std::to_chars(buf, buf + sizeof buf, *n);
        else r = std::to_chars(buf, buf + sizeof buf, std::get<double>(v));
        numbers.emplace_back(buf, r.ptr);
        values[i] = numbers.back().c_str();
        lengths[i] = static_cast<int>(numbers.back().size());
      }
    }
    const int n = static_cast<int>(params.size());

    Prepared* p = nullptr;
    Prepared own;
    if (auto* e = cache_.find(sql)) {
      p = &e->value;
    } else {
      own.pgText = numberedPlaceholders(sql);
      if (sql.size() <= kMaxCachedSqlBytes)
        p = &cache_.add(sql, std::move(own), [](const Prepared&) { return true; },
                        [this](Prepared& v) {
                          if (!v.name.empty()) toDeallocate_.push_back(v.name);
                        }).value;
      else
        p = &own;
    }

    Result res(nullptr);
    if (p->name.empty() && p != &own && seenBefore(*p)) {
      // Second use of this text: prepare it under a name.
      std::string name = "s" + std::to_string(++nextName_);
      Result prep(PQprepare(conn_, name.c_str(), p->pgText.c_str(), n, nullptr));
      check(prep.get(), sql);
      p->name = std::move(name);
    }
    if (!p->name.empty()) {
      res.reset(PQexecPrepared(conn_, p->name.c_str(), n, values.data(), lengths.data(), nullptr, 0));
      const char* state = PQresultErrorField(res.get(), PG_DIAG_SQLSTATE);
      if (state && std::strcmp(state, "0A000") == 0) {
        // "cached plan must not change result type": the schema changed under the prepared statement
        // (a migration run by another process). Forget it; outside a transaction, run the text again.
        toDeallocate_.push_back(p->name);
        p->name.clear();
        p->columns.reset();
        if (PQtransactionStatus(conn_) == PQTRANS_IDLE)
          res.reset(PQexecParams(conn_, p->pgText.c_str(), n, nullptr, values.data(), lengths.data(), nullptr, 0));
      }
    } else {
      res.reset(PQexecParams(conn_, p->pgText.c_str(), n, nullptr, values.data(), lengths.data(), nullptr, 0));
    }
    check(res.get(), sql);

    PGresult* r = res.get();
    if (onRow && PQresultStatus(r) == PGRES_TUPLES_OK) {
      const int cols = PQnfields(r);
      if (!p->columns || !sameColumns(*p->columns, r, cols)) {
        std::vector<std::string> names;
        names.reserve(static_cast<std::size_t>(cols));
        for (int c = 0; c < cols; ++c) names.emplace_back(PQfname(r, c));
        p->columns = std::make_shared<const Columns>(std::move(names));
      }
      std::vector<Oid> types(static_cast<std::size_t>(cols));
      for (int c = 0; c < cols; ++c) types[static_cast<std::size_t>(c)] = PQftype(r, c);
      Row row;
      const int rows = PQntuples(r);
      for (int i = 0; i < rows; ++i) {
        if (!row.columns) row.columns = p->columns;
        row.values.resize(static_cast<std::size_t>(cols));
        for (int c = 0; c < cols; ++c) {
          Value& v = row.values[static_cast<std::size_t>(c)];
          if (PQgetisnull(r, i, c)) {
            v = std::monostate{};
            continue;
          }
          const char* text = PQgetvalue(r, i, c);
          const int len = PQgetlength(r, i, c);
          switch (types[static_cast<std::size_t>(c)]) {
            case kInt8:
            case kInt2:
            case kInt4:
            case kOid: {
              long long x = 0;
              std::from_chars(text, text + len, x);
              v = x;
              break;
            }
            case kBool: v = static_cast<long long>(text[0] == 't'); break;
            case kFloat4:
            case kFloat8:
            case kNumeric: v = std::strtod(text, nullptr); break;
            default:
              if (auto s = std::get_if<std::string>(&v)) s->assign(text, static_cast<std::size_t>(len));
              else v.emplace<std::string>(text, static_cast<std::size_t>(len));
          }
        }
        (*onRow)(row);
      }
    }
    long long changed = 0;
    if (const char* t = PQcmdTuples(r); t && *t) changed = std::atoll(t);
    if (p != &own && isDdl(sql)) {
      // Prepared statements may now describe tables as they were: drop them all.
      command("DEALLOCATE ALL");
      cache_.clear([](Prepared&) {});
      toDeallocate_.clear();
    }
    return changed;
  }

 private:
  void setUp() {
    command("SET TIME ZONE 'UTC'");
    command("SET client_min_messages TO WARNING");
  }

  // A text is prepared on its second use: one-off texts (id lists written into the SQL, DDL) never
  // cost a named statement.
  static bool seenBefore(Prepared& p) {
    if (p.seen) return true;
    p.seen = true;
    return false;
  }

  static bool sameColumns(const Columns& cols, PGresult* r, int n) {
    if (cols.size() != static_cast<std::size_t>(n)) return false;
    for (int c = 0; c < n; ++c)
      if (cols.name(static_cast<std::size_t>(c)) != PQfname(r, c)) return false;
    return true;
  }

  void check(PGresult* r, const std::string& sql) {
    const ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY) return;
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    std::string msg = r ? PQresultErrorMessage(r) : PQerrorMessage(conn_);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    throw Error(msg + " (while running \"" + sql.substr(0, 2000) + "\")", state ? state : "", 0);
  }

  PGconn* conn_ = nullptr;
  StatementCache<Prepared> cache_;
  std::vector<std::string> toDeallocate_;
  long long nextName_ = 0;
};

}  // namespace

std::unique_ptr<Connection> openPostgres(const std::string& conninfo) { return std::make_unique<PgConnection>(conninfo); }

}  // namespace baoan::db::detail
