// SQLite through its C API: prepared statements kept per connection (SQLITE_PREPARE_PERSISTENT),
// values bound by position, text bound without a copy, rows read by each value's storage class.
#include <sqlite3.h>

#include <cstring>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "db/connection.h"

namespace baoan::db::detail {

namespace {

// Before any connection: no global memory statistics. With them on, every allocation SQLite makes
// takes a process-wide mutex (issue 10 §5: malloc/free and mutex locks were 40 % of a guard-list
// request's profile).
void configureLibrary() {
  static std::once_flag once;
  std::call_once(once, [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_initialize();
  });
}

struct SqlitePrepared {
  sqlite3_stmt* stmt = nullptr;
  std::shared_ptr<const Columns> columns;
  int reprepared = -1;  // SQLITE_STMTSTATUS_REPREPARE when `columns` was read
  bool busy = false;    // in use by an outer statement still being stepped (forEach → nested query)
};

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(const std::string& path) : cache_(kStatementCacheSize) {
    configureLibrary();
    // NOMUTEX: a connection is used by one thread at a time (the pool's lease), so SQLite's own
    // per-connection mutex is pure cost.
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close_v2(db_);
      throw Error("cannot open SQLite database " + path + ": " + msg, "", SQLITE_CANTOPEN);
    }
    sqlite3_extended_result_codes(db_, 1);
    command("PRAGMA journal_mode=WAL");
    command("PRAGMA foreign_keys=ON");
    command("PRAGMA busy_timeout=10000");
    command("PRAGMA synchronous=NORMAL");
    // No checkpoint inside a commit: Database's checkpoint thread copies the WAL back (db.cpp).
    command("PRAGMA wal_autocheckpoint=0");
    // After a checkpoint lets the WAL start over, its file is cut back to 64 MB (it kept its largest size).
    command("PRAGMA journal_size_limit=67108864");
    // 8 MB of pages per connection instead of 2 MB, so that the upper levels of the big indexes stay
    // in memory. Not more: a sort may use as much before it spills to a temporary file, and with
    // 32 MB a 100 000-row export grew the server by 60 MB (temp_store stays FILE for that reason).
    command("PRAGMA cache_size=-8192");
  }

  ~SqliteConnection() override {
    cache_.clear([](SqlitePrepared& p) { sqlite3_finalize(p.stmt); });
    sqlite3_close_v2(db_);
  }

  sqlite3* sqliteHandle() override { return db_; }

  void command(const char* sql) override { run(Query(sql), nullptr); }

  long long run(const Query& q, const std::function<void(Row&)>* onRow) override {
    const std::string& sql = q.text();
    SqlitePrepared* p = nullptr;
    SqlitePrepared own;  // an uncached statement: too long, or its cached twin is busy
    if (auto* e = cache_.find(sql); e && !e->value.busy) {
      p = &e->value;
    } else if (!e && sql.size() <= kMaxCachedSqlBytes) {
      SqlitePrepared fresh;
      fresh.stmt = prepare(sql, true);
      if (!fresh.stmt) return 0;  // only comments
      p = &cache_.add(sql, std::move(fresh), [](const SqlitePrepared& v) { return !v.busy; },
                      [](SqlitePrepared& v) { sqlite3_finalize(v.stmt); }).value;
    } else {
      own.stmt = prepare(sql, false);
      if (!own.stmt) return 0;
      p = &own;
    }
    sqlite3_stmt* st = p->stmt;
    p->busy = true;
    struct Done {
      SqlitePrepared* p;
      bool owned;
      ~Done() {
        sqlite3_reset(p->stmt);
        sqlite3_clear_bindings(p->stmt);
        p->busy = false;
        if (owned) sqlite3_finalize(p->stmt);
      }
    } done{p, p == &own};

    const auto& params = q.params();
    if (static_cast<std::size_t>(sqlite3_bind_parameter_count(st)) != params.size())
      throw Error("statement has " + std::to_string(sqlite3_bind_parameter_count(st)) + " placeholders but " +
                      std::to_string(params.size()) + " values were bound: " + sql,
                  "", SQLITE_RANGE);
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int pos = static_cast<int>(i) + 1;
      const Value& v = params[i];
      int rc;
      if (auto n = std::get_if<long long>(&v)) {
        rc = sqlite3_bind_int64(st, pos, *n);
      } else if (auto s = std::get_if<std::string>(&v)) {
        // The query outlives the statement's use: no copy.
        rc = sqlite3_bind_text64(st, pos, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
      } else if (auto d = std::get_if<double>(&v)) {
        rc = sqlite3_bind_double(st, pos, *d);
      } else {
        rc = sqlite3_bind_null(st, pos);
      }
      if (rc != SQLITE_OK) fail(sql);
    }

    Row row;
    bool first = true;
    for (;;) {
      const int rc = sqlite3_step(st);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) fail(sql);
      if (!onRow) continue;
      const int n = sqlite3_column_count(st);
      if (first) {
        first = false;
        const int reprepared = sqlite3_stmt_status(st, SQLITE_STMTSTATUS_REPREPARE, 0);
        if (!p->columns || p->reprepared != reprepared) {
          std::vector<std::string> names;
          names.reserve(static_cast<std::size_t>(n));
          for (int i = 0; i < n; ++i) names.emplace_back(sqlite3_column_name(st, i));
          p->columns = std::make_shared<const Columns>(std::move(names));
          p->reprepared = reprepared;
        }
      }
      if (!row.columns) row.columns = p->columns;
      row.values.resize(static_cast<std::size_t>(n));
      for (int i = 0; i < n; ++i) {
        Value& v = row.values[static_cast<std::size_t>(i)];
        switch (sqlite3_column_type(st, i)) {
          case SQLITE_INTEGER: v = static_cast<long long>(sqlite3_column_int64(st, i)); break;
          case SQLITE_FLOAT: v = sqlite3_column_double(st, i); break;
          case SQLITE_NULL: v = std::monostate{}; break;
          default: {  // TEXT, BLOB
            const void* data = sqlite3_column_blob(st, i);
            const auto size = static_cast<std::size_t>(sqlite3_column_bytes(st, i));
            const char* chars = static_cast<const char*>(data);
            if (auto s = std::get_if<std::string>(&v)) {
              s->assign(chars ? chars : "", size);
            } else {
              v.emplace<std::string>(chars ? chars : "", size);
            }
          }
        }
      }
      (*onRow)(row);
    }
    return sqlite3_stmt_readonly(st) ? 0 : static_cast<long long>(sqlite3_changes64(db_));
  }

 private:
  sqlite3_stmt* prepare(const std::string& sql, bool persistent) {
    sqlite3_stmt* st = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      persistent ? SQLITE_PREPARE_PERSISTENT : 0, &st, &tail);
    if (rc != SQLITE_OK) fail(sql);
    // One statement per query: SQLite would silently ignore the rest.
    const char* end = sql.data() + sql.size();
    if (tail && tail < end) {
      sqlite3_stmt* next = nullptr;
      const char* ignored = nullptr;
      const int rc2 = sqlite3_prepare_v3(db_, tail, static_cast<int>(end - tail), 0, &next, &ignored);
      sqlite3_finalize(next);
      if (rc2 != SQLITE_OK || next) {
        sqlite3_finalize(st);
        throw Error("more than one statement in one query: " + sql, "", SQLITE_MISUSE);
      }
    }
    return st;
  }

  [[noreturn]] void fail(const std::string& sql) {
    throw Error(std::string(sqlite3_errmsg(db_)) + " (while running \"" + sql.substr(0, 2000) + "\")", "",
                sqlite3_extended_errcode(db_));
  }

  sqlite3* db_ = nullptr;
  StatementCache<SqlitePrepared> cache_;
};

}  // namespace

std::unique_ptr<Connection> openSqlite(const std::string& path) { return std::make_unique<SqliteConnection>(path); }

}  // namespace baoan::db::detail
