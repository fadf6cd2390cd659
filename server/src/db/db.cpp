#include "db/db.h"

#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <charconv>
#include <chrono>
#include <cstring>
#include <mutex>
#include <random>
#include <stdexcept>
#include <thread>

#include "db/connection.h"

namespace baoan::db {

// ---------------------------------------------------------------- Columns

namespace {

// A cheap hash of a column name: its length and three of its bytes (names are short and mostly
// differ in those); collisions are resolved by probing and comparing the names.
inline std::uint32_t hashName(std::string_view s) {
  const std::size_t n = s.size();
  if (n == 0) return 0;
  const auto b = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(s[i])); };
  const std::uint32_t h = static_cast<std::uint32_t>(n) | b(0) << 8 | b(n - 1) << 16 | b(n / 2) << 24;
  return (h * 0x9E3779B1u) >> 7;
}

bool hasUpperCase(std::string_view s) {
  for (char c : s)
    if (c >= 'A' && c <= 'Z') return true;
  return false;
}

}  // namespace

Columns::Columns(std::vector<std::string> names) : names_(std::move(names)), ambiguous_(names_.size(), 0) {
  // Unquoted names are case-insensitive in SQL and PostgreSQL reports them in lower case; SQLite
  // reports them as written. Lower case on both, so a name found on one database is found on the other.
  for (auto& n : names_)
    for (auto& c : n)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  std::size_t cap = 8;
  while (cap < names_.size() * 2) cap <<= 1;
  slots_.assign(cap, -1);
  mask_ = static_cast<std::uint32_t>(cap - 1);
  for (std::size_t i = 0; i < names_.size(); ++i) {
    std::uint32_t h = hashName(names_[i]) & mask_;
    for (;; h = (h + 1) & mask_) {
      const std::int32_t s = slots_[h];
      if (s < 0) {
        slots_[h] = static_cast<std::int32_t>(i);
        break;
      }
      if (names_[static_cast<std::size_t>(s)] == names_[i]) {
        ambiguous_[static_cast<std::size_t>(s)] = 1;
        break;
      }
    }
  }
}

std::size_t Columns::index(std::string_view name) const {
  // Rows are mostly read in the order of their columns: try the one after the last found first.
  const std::uint32_t next = hint_.load(std::memory_order_relaxed);
  if (next < names_.size() && names_[next] == name && !ambiguous_[next]) {
    hint_.store(next + 1, std::memory_order_relaxed);
    return next;
  }
  for (std::uint32_t h = hashName(name) & mask_;; h = (h + 1) & mask_) {
    const std::int32_t s = slots_[h];
    if (s < 0) fail(name, false);
    if (names_[static_cast<std::size_t>(s)] == name) {
      if (ambiguous_[static_cast<std::size_t>(s)]) fail(name, true);
      hint_.store(static_cast<std::uint32_t>(s) + 1, std::memory_order_relaxed);
      return static_cast<std::size_t>(s);
    }
  }
}

bool Columns::sameAs(const char* const* names, std::size_t n) const {
  if (n != names_.size()) return false;
  for (std::size_t i = 0; i < n; ++i)
    if (names_[i] != names[i]) return false;
  return true;
}

void Columns::fail(std::string_view name, bool ambiguous) const {
  std::string msg = "result column \"" + std::string(name) + "\" ";
  if (ambiguous) {
    msg += "is ambiguous: more than one column of the result has that name (give them aliases)";
  } else {
    msg += "does not exist";
    if (hasUpperCase(name)) msg += " (column names are lower case: use snake_case aliases)";
    msg += "; the result has:";
    for (const auto& n : names_) msg += " " + n;
  }
  throw std::logic_error(msg);
}

// ---------------------------------------------------------------- Row

std::size_t Row::index(std::string_view name) const {
  if (!columns) throw std::logic_error("row has no column names (built by hand): cannot read \"" + std::string(name) + "\"");
  return columns->index(name);
}

long long Row::i64(std::size_t i) const { return optI64(i).value_or(0); }

std::optional<long long> Row::optI64(std::size_t i) const {
  const Value& v = values.at(i);
  if (auto p = std::get_if<long long>(&v)) return *p;
  if (auto p = std::get_if<double>(&v)) return static_cast<long long>(*p);
  if (auto p = std::get_if<std::string>(&v)) {
    try {
      return std::stoll(*p);
    } catch (...) {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

std::string Row::str(std::size_t i) const { return optStr(i).value_or(std::string()); }

std::optional<std::string> Row::optStr(std::size_t i) const {
  const Value& v = values.at(i);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<long long>(&v)) return std::to_string(*p);
  if (auto p = std::get_if<double>(&v)) return std::to_string(*p);
  return std::nullopt;
}

double Row::f64(std::size_t i) const { return optF64(i).value_or(0.0); }

std::optional<double> Row::optF64(std::size_t i) const {
  const Value& v = values.at(i);
  if (auto p = std::get_if<double>(&v)) return *p;
  if (auto p = std::get_if<long long>(&v)) return static_cast<double>(*p);
  if (auto p = std::get_if<std::string>(&v)) {
    double d = 0;
    const char* b = p->data();
    const char* e = b + p->size();
    auto r = std::from_chars(b, e, d);
    if (r.ec != std::errc() || r.ptr != e) return std::nullopt;
    return d;
  }
  return std::nullopt;
}

// ---------------------------------------------------------------- Query

namespace {
template <class T>
void appendValues(std::string& text, std::vector<Value>& params, const std::vector<T>& values) {
  text += "(";
  for (std::size_t i = 0; i < values.size(); ++i) {
    text += i ? ",?" : "?";
    params.emplace_back(values[i]);
  }
  if (values.empty()) text += "NULL";  // "IN (NULL)" matches nothing, as an empty list should
  text += ")";
}
}  // namespace

Query& Query::appendList(const std::vector<long long>& values) {
  appendValues(text_, params_, values);
  return *this;
}

Query& Query::appendIdList(const std::vector<long long>& ids) {
  text_ += "(";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i) text_ += ',';
    text_ += std::to_string(ids[i]);
  }
  text_ += ids.empty() ? "NULL)" : ")";
  return *this;
}

Query& Query::appendList(const std::vector<std::string>& values) {
  appendValues(text_, params_, values);
  return *this;
}

// ---------------------------------------------------------------- Conn

void Conn::forEach(const Query& q, const std::function<void(const Row&)>& fn) {
  const std::function<void(Row&)> each = [&](Row& r) { fn(r); };
  c_.run(q, &each);
}

std::vector<Row> Conn::query(const Query& q) {
  std::vector<Row> rows;
  const std::function<void(Row&)> take = [&](Row& r) { rows.push_back(std::move(r)); };
  c_.run(q, &take);
  return rows;
}

std::optional<Row> Conn::queryOne(const Query& q) {
  std::optional<Row> first;
  const std::function<void(Row&)> take = [&](Row& r) {
    if (!first) first = std::move(r);
  };
  c_.run(q, &take);
  return first;
}

long long Conn::scalar(const Query& q) {
  auto r = queryOne(q);
  return r && !r->values.empty() ? r->i64(0) : 0;
}

long long Conn::exec(const Query& q) { return c_.run(q, nullptr); }

long long Conn::insert(const Query& q) {
  Query withReturning = q;
  withReturning.append(" RETURNING id");
  // queryOne reads the statement to its end and resets it before the caller commits (SQLite refuses to
  // commit while a RETURNING statement is open).
  auto row = queryOne(withReturning);
  if (!row) throw std::runtime_error("INSERT returned no id");
  return row->i64(0);
}

sqlite3* Conn::sqliteHandle() { return c_.sqliteHandle(); }

// ---------------------------------------------------------------- Database

namespace {
// "sqlite3://db=/path/file.db" (SOCI's form, kept for existing configs) or "sqlite3:///path/file.db".
std::string sqlitePath(const std::string& rest) {
  if (rest.rfind("db=", 0) == 0) {
    std::string path = rest.substr(3);
    // Other SOCI options ("db=x timeout=2") are not supported; a path has no spaces in our setups.
    if (auto sp = path.find(' '); sp != std::string::npos) path.resize(sp);
    return path;
  }
  return rest;
}
}  // namespace

Database::Database(const std::string& url, std::size_t poolSize) {
  if (url.rfind("sqlite3://", 0) == 0) {
    dialect_ = Dialect::sqlite;
  } else if (url.rfind("postgresql://", 0) == 0) {
    dialect_ = Dialect::postgresql;
  } else {
    throw std::invalid_argument("database URL must start with sqlite3:// or postgresql://");
  }
  if (poolSize == 0) poolSize = 1;
  for (std::size_t i = 0; i < poolSize; ++i) {
    if (dialect_ == Dialect::sqlite) {
      std::string path = sqlitePath(url.substr(std::strlen("sqlite3://")));
      if (path.empty()) throw std::invalid_argument("sqlite3:// URL without a database file (db=…)");
      all_.push_back(detail::openSqlite(path));
    } else {
      all_.push_back(detail::openPostgres(url.substr(std::strlen("postgresql://"))));
    }
  }
  // Taken from the back: the most recently used connection (warm caches) goes out first.
  for (auto it = all_.rbegin(); it != all_.rend(); ++it) free_.push_back(it->get());
  if (dialect_ == Dialect::sqlite) {
    const std::string path = sqlitePath(url.substr(std::strlen("sqlite3://")));
    if (path.find(":memory:") == std::string::npos && path.find("mode=memory") == std::string::npos)
      checkpointer_ = std::make_unique<Checkpointer>(path);
  }
}

// SQLite copies the WAL back into the database file when a commit leaves it over 1 000 pages, in
// that commit, with an fsync: the write that happens to cross the line (and every write queued
// behind it on writeMutex_) waited 100–300 ms on a busy disk (mixed load: 1 write in 10, p99 of the
// writes 520 ms, p50 1 ms). The connections here leave it (wal_autocheckpoint=0) to this thread, which
// runs a passive checkpoint every 200 ms on a connection of its own: it never blocks readers or the
// writer, and what it cannot copy yet (pages newer than a reader's snapshot) it copies next time.
struct Database::Checkpointer {
  std::unique_ptr<detail::Connection> conn;
  std::mutex m;
  std::condition_variable cv;
  bool stop = false;
  std::thread thread;
  explicit Checkpointer(const std::string& path) : conn(detail::openSqlite(path)) {
    thread = std::thread([this] {
      std::unique_lock<std::mutex> lock(m);
      while (!cv.wait_for(lock, std::chrono::milliseconds(200), [this] { return stop; })) {
        int logFrames = 0, copied = 0;
        const int rc = sqlite3_wal_checkpoint_v2(conn->sqliteHandle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &logFrames, &copied);
        if (rc != SQLITE_OK && rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
          spdlog::warn("WAL checkpoint failed: {}", sqlite3_errstr(rc));
      }
    });
  }
  ~Checkpointer() {
    {
      std::lock_guard<std::mutex> lock(m);
      stop = true;
    }
    cv.notify_all();
    thread.join();
  }
};

Database::~Database() = default;

Database::Lease::Lease(Database& db) : db_(db) {
  std::unique_lock<std::mutex> lock(db.poolMutex_);
  db.poolFreed_.wait(lock, [&] { return !db.free_.empty(); });
  c_ = db.free_.back();
  db.free_.pop_back();
}

Database::Lease::~Lease() {
  try {
    c_->released();
  } catch (...) {
  }
  {
    std::lock_guard<std::mutex> lock(db_.poolMutex_);
    db_.free_.push_back(c_);
  }
  db_.poolFreed_.notify_one();
}

void Database::ping() {
  read([](Conn& c) { return c.scalar(Query("SELECT 1")); });
}

void Database::begin(Conn& c) {
  // IMMEDIATE takes SQLite's write lock up front, so a transaction never fails half-way on upgrade.
  c.exec(Query(dialect_ == Dialect::sqlite ? "BEGIN IMMEDIATE" : "BEGIN"));
}
void Database::commit(Conn& c) { c.exec(Query("COMMIT")); }
void Database::rollback(Conn& c) noexcept {
  try {
    c.exec(Query("ROLLBACK"));
  } catch (...) {
  }
}

bool Database::isRetryable(const Error& e) const {
  // deadlock_detected, serialization_failure
  return dialect_ == Dialect::postgresql && (e.sqlstate() == "40P01" || e.sqlstate() == "40001");
}

void Database::retried(const Error& e, int attempt) {
  retries_.fetch_add(1);
  spdlog::warn("database: transaction run again after {} (attempt {} of {}): {}",
               e.sqlstate() == "40P01" ? "a deadlock" : "a serialization failure", attempt + 1, writeAttempts_,
               e.what());
  // 2-6 ms, then 4-12 ms, 8-24 ms, …: the other transaction usually finishes meanwhile; the jitter keeps
  // two retrying transactions from meeting again.
  thread_local std::minstd_rand rng(std::random_device{}());
  const int base = 4 << (attempt - 1);
  std::uniform_int_distribution<int> ms(base / 2, base * 3 / 2);
  std::this_thread::sleep_for(std::chrono::milliseconds(ms(rng)));
}

bool isUniqueViolation(const std::exception& e) {
  if (auto* d = dynamic_cast<const Error*>(&e)) {
    // SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY; unique_violation
    return d->code() == 2067 || d->code() == 1555 || d->sqlstate() == "23505";
  }
  const char* m = e.what();
  return std::strstr(m, "UNIQUE constraint failed") != nullptr ||         // SQLite
         std::strstr(m, "duplicate key value violates unique") != nullptr;  // PostgreSQL
}

}  // namespace baoan::db
