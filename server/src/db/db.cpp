#include "db/db.h"

#include <soci/soci.h>

#include <cstring>
#include <memory>
#include <stdexcept>

#include "core/error.h"

namespace baoan::db {

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

std::optional<double> Row::optF64(std::size_t i) const {
  const Value& v = values.at(i);
  if (auto p = std::get_if<double>(&v)) return *p;
  if (auto p = std::get_if<long long>(&v)) return static_cast<double>(*p);
  if (auto p = std::get_if<std::string>(&v)) {
    try {
      return std::stod(*p);
    } catch (...) {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

std::size_t Row::index(std::string_view name) const {
  if (!names) throw std::logic_error("row has no column names (looked up " + std::string(name) + ")");
  std::size_t found = names->size();
  for (std::size_t i = 0; i < names->size(); ++i) {
    if ((*names)[i] != name) continue;
    if (found != names->size()) throw std::logic_error("column " + std::string(name) + " is ambiguous in the result: alias it");
    found = i;
  }
  if (found == names->size()) throw std::logic_error("column " + std::string(name) + " is not in the result");
  return found;
}

std::optional<std::string> Row::optStr(std::size_t i) const {
  const Value& v = values.at(i);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<long long>(&v)) return std::to_string(*p);
  if (auto p = std::get_if<double>(&v)) return std::to_string(*p);
  return std::nullopt;
}

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

namespace {

// SOCI binds by reference: the values and indicators must stay where they are until the statement
// is done, hence the deques.
struct Binder {
  std::deque<long long> ints;
  std::deque<double> doubles;
  std::deque<std::string> strings;
  std::deque<soci::indicator> inds;
};

// "?" → ":p1", ":p2", … for PostgreSQL, whose SOCI backend turns named placeholders into $1, $2 ….
// SQLite takes "?" as it is, bound by position: named ones cost it a linear search of the names for
// each placeholder, which made a 100-row INSERT of guards (2 700 values) spend three quarters of an
// import in the parser. Placeholders never appear in literals of our own SQL, so no quoting state is
// tracked beyond single quotes.
std::string placeholders(const std::string& sql, Dialect d) {
  if (d == Dialect::sqlite) return sql;
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  bool inQuote = false;
  for (char c : sql) {
    if (c == '\'') inQuote = !inQuote;
    if (c == '?' && !inQuote) {
      out += ":p" + std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

void bindAll(soci::statement& st, Binder& b, const std::vector<Value>& params) {
  for (const Value& v : params) {
    if (std::holds_alternative<std::monostate>(v)) {
      b.strings.emplace_back();
      b.inds.push_back(soci::i_null);
      st.exchange(soci::use(b.strings.back(), b.inds.back()));
    } else if (auto p = std::get_if<long long>(&v)) {
      b.ints.push_back(*p);
      b.inds.push_back(soci::i_ok);
      st.exchange(soci::use(b.ints.back(), b.inds.back()));
    } else if (auto p = std::get_if<double>(&v)) {
      b.doubles.push_back(*p);
      b.inds.push_back(soci::i_ok);
      st.exchange(soci::use(b.doubles.back(), b.inds.back()));
    } else {
      b.strings.push_back(std::get<std::string>(v));
      b.inds.push_back(soci::i_ok);
      st.exchange(soci::use(b.strings.back(), b.inds.back()));
    }
  }
}

Value cell(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::monostate{};
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer: return static_cast<long long>(r.get<int>(i));
    case soci::dt_long_long: return r.get<long long>(i);
    case soci::dt_unsigned_long_long: return static_cast<long long>(r.get<unsigned long long>(i));
    case soci::dt_double: return r.get<double>(i);
    case soci::dt_string: return r.get<std::string>(i);
    default: throw std::runtime_error("unsupported column type in query result");
  }
}

Row toRow(const soci::row& r, std::shared_ptr<const std::vector<std::string>>& names) {
  if (!names) {
    auto n = std::make_shared<std::vector<std::string>>();
    for (std::size_t i = 0; i < r.size(); ++i) n->push_back(r.get_properties(i).get_name());
    names = std::move(n);
  }
  Row out;
  out.names = names;
  out.values.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) out.values.push_back(cell(r, i));
  return out;
}

}  // namespace

void Conn::forEach(const Query& q, const std::function<void(const Row&)>& fn) {
  Binder b;
  soci::row r;
  soci::statement st(s_);
  st.exchange(soci::into(r));
  bindAll(st, b, q.params());
  st.alloc();
  st.prepare(placeholders(q.text(), dialect_));
  st.define_and_bind();
  st.execute(false);
  std::shared_ptr<const std::vector<std::string>> names;
  while (st.fetch()) fn(toRow(r, names));
}

std::vector<Row> Conn::query(const Query& q) {
  std::vector<Row> rows;
  forEach(q, [&](const Row& r) { rows.push_back(r); });
  return rows;
}

std::optional<Row> Conn::queryOne(const Query& q) {
  auto rows = query(q);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

long long Conn::scalar(const Query& q) {
  auto r = queryOne(q);
  return r && !r->values.empty() ? r->i64(0) : 0;
}

long long Conn::exec(const Query& q) {
  Binder b;
  soci::statement st(s_);
  bindAll(st, b, q.params());
  st.alloc();
  st.prepare(placeholders(q.text(), dialect_));
  st.define_and_bind();
  st.execute(true);
  return st.get_affected_rows();
}

long long Conn::insert(const Query& q) {
  Query withReturning = q;
  withReturning.append(" RETURNING id");
  // The statement inside query() is destroyed before the caller commits (STACK-NOTES.md: SQLite
  // refuses to commit while a RETURNING statement is open).
  auto row = queryOne(withReturning);
  if (!row) throw std::runtime_error("INSERT returned no id");
  return row->i64(0);
}

Database::Database(const std::string& url, std::size_t poolSize) : poolSize_(poolSize) {
  if (url.rfind("sqlite3://", 0) == 0) {
    dialect_ = Dialect::sqlite;
  } else if (url.rfind("postgresql://", 0) == 0) {
    dialect_ = Dialect::postgresql;
  } else {
    throw std::invalid_argument("database URL must start with sqlite3:// or postgresql://");
  }
  pool_ = std::make_unique<soci::connection_pool>(poolSize);
  for (std::size_t i = 0; i < poolSize; ++i) {
    soci::session& s = pool_->at(i);
    s.open(url);
    if (dialect_ == Dialect::sqlite) {
      s << "PRAGMA journal_mode=WAL";
      s << "PRAGMA foreign_keys=ON";
      s << "PRAGMA busy_timeout=10000";
      s << "PRAGMA synchronous=NORMAL";
      // 8 MB of pages per connection instead of 2 MB, so that the upper levels of the big indexes stay
      // in memory. Not more: a sort may use as much before it spills to a temporary file, and with
      // 32 MB a 100 000-row export grew the server by 60 MB (temp_store stays FILE for that reason).
      s << "PRAGMA cache_size=-8192";
    } else {
      s << "SET TIME ZONE 'UTC'";
      s << "SET client_min_messages TO WARNING";
    }
  }
}

Database::~Database() = default;

Database::Lease::Lease(Database& db) : db_(db), pos_(db.pool_->lease()) {}
Database::Lease::~Lease() { db_.pool_->give_back(pos_); }
soci::session& Database::Lease::session() { return db_.pool_->at(pos_); }

void Database::ping() {
  read([](Conn& c) { return c.scalar(Query("SELECT 1")); });
}

void Database::begin(Conn& c) {
  // IMMEDIATE takes SQLite's write lock up front, so a transaction never fails half-way on upgrade.
  c.session() << (dialect_ == Dialect::sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
}
void Database::commit(Conn& c) { c.session() << "COMMIT"; }
void Database::rollback(Conn& c) noexcept {
  try {
    c.session() << "ROLLBACK";
  } catch (...) {
  }
}

bool isUniqueViolation(const std::exception& e) {
  const char* m = e.what();
  return std::strstr(m, "UNIQUE constraint failed") != nullptr ||         // SQLite
         std::strstr(m, "duplicate key value violates unique") != nullptr;  // PostgreSQL
}

}  // namespace baoan::db
