// The only translation unit that includes Boost.Beast (it costs ~18 s to compile: keep it alone).
#include <utility>  // before Boost: GCC 12 + Boost 1.74 coroutines need std::exchange

// GCC 12 with -O2 and the sanitizers (the ASan build) reports asio's awaitable frames as freed by a
// mismatched operator delete (-Wmismatched-new-delete): the frame is allocated and freed by the same
// class-specific operators, so the warning is a false positive here; it stays on everywhere else.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

#include <boost/asio.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast.hpp>

#include <sys/resource.h>
#include <time.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <random>
#include <thread>

#include <spdlog/spdlog.h>

#include "core/io_thread.h"
#include "http/server.h"

namespace baoan::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

// The largest body any route accepts; the route's own limit is applied once the path is known.
constexpr std::size_t kMaxBody = 64u << 20;
// The request line and headers together (431 above it), and the target alone (414 above it), as
// nginx's defaults (large_client_header_buffers 4 8k).
constexpr std::size_t kMaxHead = 32 * 1024;
constexpr std::size_t kMaxTarget = 8 * 1024;

// The worker pool: threads running one io_context, at a lower CPU priority than the I/O threads, so
// that an export, an import or a password hash in progress yields the cores to short requests.
class WorkerPool {
 public:
  WorkerPool(int threads, int nice) : guard_(asio::make_work_guard(ctx_)) {
    for (int i = 0; i < threads; ++i)
      threads_.emplace_back([this, nice] {
        // Linux: nice applies to the calling thread (and the threads it starts, such as an export's
        // deflate thread).
        if (nice > 0) setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), nice);
        ctx_.run();
      });
  }
  ~WorkerPool() { join(); }
  asio::io_context::executor_type executor() { return ctx_.get_executor(); }
  void join() {
    guard_.reset();
    for (auto& t : threads_)
      if (t.joinable()) t.join();
  }

 private:
  asio::io_context ctx_;
  asio::executor_work_guard<asio::io_context::executor_type> guard_;
  std::vector<std::thread> threads_;
};

struct ServerState {
  const Router& router;
  const ServerConfig& config;
  const Hooks& hooks;
  // perThread: one io_context per I/O thread, each connection stays on one; shared: one io_context
  // run by all the I/O threads.
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  WorkerPool workers;
  // Short requests that cannot run on their I/O thread right now (a route that has been slow, a write
  // waiting for the lock an import holds) run here, at the I/O threads' priority: on a machine busy
  // with other work, the workers' lower priority would hold them up behind it.
  WorkerPool overflow;
  std::atomic<int> inFlight{0};
  std::atomic<bool> stopping{false};
  ServerState(const Router& r, const ServerConfig& c, const Hooks& h)
      : router(r), config(c), hooks(h), workers(c.workerThreads, c.workerNice), overflow(overflowThreads(c), 0) {}
  static int overflowThreads(const ServerConfig& c) { return std::max(2, c.ioThreads); }
};

// CPU time of the calling thread, in microseconds.
double threadCpuMicros() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

// Reading a thread's CPU time is a system call, and two per request were a quarter of a /health
// request's system calls: a fast shape is measured on one request in eight; a shape never measured,
// one running off the I/O threads and one whose average is past half the budget, on every request.
bool measureThisRequest(const ShapeTiming& t, const ServerConfig& cfg) {
  thread_local std::uint32_t serverRequestCounter = 0;
  const auto budget = static_cast<std::uint32_t>(cfg.inlineBudgetMs * 1000);
  const std::uint32_t avg = t.averageUs.load(std::memory_order_relaxed);
  if (avg == 0 || avg > budget / 2 || t.slow.load(std::memory_order_relaxed)) return true;
  return (++serverRequestCounter & 7u) == 0;
}

std::string shapeName(const Route& route, const Request& req) {
  std::string s = route.method + " " + route.pattern;
  char sep = '?';
  for (const auto& [k, v] : req.query) {
    if (v.empty() || k == "page" || k == "size" || k == "sort") continue;
    s += sep;
    s += k;
    sep = '&';
  }
  return s;
}

// Keeps the average duration of a route's query shape and moves that shape off the I/O threads while
// its average is over the inline budget (a slow query must not hold up the other connections of an
// I/O thread); it comes back below half the budget. Other shapes of the route stay where they are.
void recordTiming(ShapeTiming& t, const Route& route, const Request& req, double us, const ServerConfig& cfg) {
  const auto budget = static_cast<std::uint32_t>(cfg.inlineBudgetMs * 1000);
  const std::uint32_t avg = t.averageUs.load(std::memory_order_relaxed);
  const auto sample = static_cast<std::int64_t>(us);
  const auto next = static_cast<std::uint32_t>(avg == 0 ? sample : avg + (sample - static_cast<std::int64_t>(avg)) / 8);
  t.averageUs.store(next, std::memory_order_relaxed);
  const bool slow = t.slow.load(std::memory_order_relaxed);
  if (!slow && next > budget && !route.onPool) {
    if (!t.slow.exchange(true))
      spdlog::warn("{} averages {:.1f} ms: it runs on the overflow threads until it is faster", shapeName(route, req),
                   next / 1000.0);
  } else if (slow && next < budget / 2) {
    if (t.slow.exchange(false))
      spdlog::info("{} averages {:.1f} ms: back on the I/O threads", shapeName(route, req), next / 1000.0);
  }
}

std::string newRequestId() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uint64_t v = rng();
  std::string id(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) id[static_cast<std::size_t>(i)] = "0123456789abcdef"[v & 15];
  return id;
}

void parseTarget(Request& req) {
  const auto q = req.target.find('?');
  req.path = urlDecode(std::string_view(req.target).substr(0, q), false);
  if (q == std::string::npos) return;
  std::string_view rest = std::string_view(req.target).substr(q + 1);
  while (!rest.empty()) {
    auto amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    auto eq = pair.find('=');
    std::string key = urlDecode(pair.substr(0, eq), true);
    std::string value = eq == std::string_view::npos ? std::string() : urlDecode(pair.substr(eq + 1), true);
    if (!key.empty()) req.query[key] = value;
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
}

std::string mimeType(const std::string& path) {
  static const std::map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
      {".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"}, {".gif", "image/gif"}, {".ico", "image/x-icon"},
      {".woff", "font/woff"}, {".woff2", "font/woff2"}, {".ttf", "font/ttf"}, {".txt", "text/plain; charset=utf-8"},
      {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}, {".pdf", "application/pdf"}};
  auto ext = std::filesystem::path(path).extension().string();
  auto it = types.find(ext);
  return it == types.end() ? "application/octet-stream" : it->second;
}

// Maps a URL path onto a file under the SPA directory; never outside it.
Response staticFile(const ServerConfig& cfg, const Request& req) {
  if (cfg.webDir.empty() || (req.method != "GET" && req.method != "HEAD"))
    return errorResponse(404, "not_found", "页面不存在", req.requestId);
  if (req.path.find("..") != std::string::npos || req.path.find('\0') != std::string::npos)
    return errorResponse(404, "not_found", "页面不存在", req.requestId);
  std::string rel = req.path == "/" ? "/index.html" : req.path;
  std::filesystem::path file = std::filesystem::path(cfg.webDir) / rel.substr(1);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return errorResponse(404, "not_found", "页面不存在", req.requestId);
  Response r;
  r.filePath = file.string();
  r.headers["Content-Type"] = mimeType(rel);
  // Vite puts a content hash into every asset name: those never change. index.html must be fresh.
  r.headers["Cache-Control"] = rel.rfind("/assets/", 0) == 0 ? "public, max-age=31536000, immutable" : "no-cache";
  return r;
}

constexpr const char* kCsp =
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'";

// X-Frame-Options is not among them: a route may allow its answer in a frame of this site (the
// materials of a case, shown in the browser's PDF viewer); DENY otherwise.
bool isCommonHeader(const std::string& name) {
  return name == "X-Request-Id" || name == "X-Content-Type-Options" || name == "Referrer-Policy" ||
         name == "Content-Security-Policy";
}

bool isHtml(const Response& r) {
  auto ct = r.headers.find("Content-Type");
  return ct != r.headers.end() && ct->second.rfind("text/html", 0) == 0;
}

// A header line, with CR and LF in the value (which would start a header of their own) made spaces.
void appendHeader(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += ": ";
  const std::size_t at = out.size();
  out += value;
  for (std::size_t i = at; i < out.size(); ++i)
    if (out[i] == '\r' || out[i] == '\n') out[i] = ' ';
  out += "\r\n";
}

// The head of a response with a string body, written by hand: Beast's serializer walked a chain of
// buffer views per header (5 % of a /health request's CPU), and this goes out in one write with the body.
std::string responseHead(const Response& r, const std::string& requestId, unsigned version, bool keepAlive,
                         std::size_t contentLength, bool hasBody) {
  std::string head;
  head.reserve(320);
  head += version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  head += std::to_string(r.status);
  head += ' ';
  const auto reason = bhttp::obsolete_reason(static_cast<bhttp::status>(r.status));
  head.append(reason.data(), reason.size());
  head += "\r\n";
  for (const auto& [k, v] : r.headers)
    if (!isCommonHeader(k)) appendHeader(head, k, v);
  if (!r.headers.count("Cache-Control")) head += "Cache-Control: no-store\r\n";
  appendHeader(head, "X-Request-Id", requestId);
  head += "X-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n";
  if (!r.headers.count("X-Frame-Options")) head += "X-Frame-Options: DENY\r\n";
  if (isHtml(r)) appendHeader(head, "Content-Security-Policy", kCsp);
  if (hasBody) {
    head += "Content-Length: ";
    head += std::to_string(contentLength);
    head += "\r\n";
  }
  if (!keepAlive && version >= 11) head += "Connection: close\r\n";
  if (keepAlive && version == 10) head += "Connection: keep-alive\r\n";
  head += "\r\n";
  return head;
}

template <class Body>
void copyHeaders(bhttp::response<Body>& res, const Response& r, const std::string& requestId) {
  for (const auto& [k, v] : r.headers)
    if (!isCommonHeader(k)) res.set(k, v);
  if (!r.headers.count("Cache-Control")) res.set("Cache-Control", "no-store");
  res.set("X-Request-Id", requestId);
  res.set("X-Content-Type-Options", "nosniff");
  if (!r.headers.count("X-Frame-Options")) res.set("X-Frame-Options", "DENY");
  res.set("Referrer-Policy", "no-referrer");
  if (isHtml(r)) res.set("Content-Security-Policy", kCsp);
}

// A connection's socket and its deadline. One timer per connection watches the deadline and is re-armed
// only when it fires: Beast's tcp_stream armed a timer for every read and write, and each of those
// re-set the kernel's timerfd (two of the eight system calls of a /health request on a quiet server).
struct Connection {
  using Clock = std::chrono::steady_clock;
  explicit Connection(tcp::socket s) : socket(std::move(s)), timer(socket.get_executor()) {}
  tcp::socket socket;
  asio::steady_timer timer;
  Clock::time_point deadline = Clock::now() + std::chrono::hours(24);
  bool closed = false;

  // The socket operations from now on must end within d, or the connection is shut.
  void expiresAfter(Clock::duration d) {
    deadline = Clock::now() + d;
    if (deadline < timer.expiry()) timer.cancel();  // sooner than the watchdog waits for: wake it
  }
  void close() {
    closed = true;
    timer.cancel();
  }
};

asio::awaitable<void> watchdog(std::shared_ptr<Connection> c) {
  while (!c->closed) {
    c->timer.expires_at(c->deadline);
    beast::error_code ec;
    co_await c->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (c->closed) break;
    if (Connection::Clock::now() >= c->deadline) {
      // The pending read or write ends with operation_aborted, and the session ends the connection.
      beast::error_code ignored;
      c->socket.cancel(ignored);
      c->socket.shutdown(tcp::socket::shutdown_both, ignored);
      break;
    }
  }
}

asio::awaitable<bool> writeResponse(tcp::socket& stream, Response& r, const std::string& requestId,
                                    unsigned version, bool keepAlive, bool headOnly) {
  beast::error_code ec;
  if (r.filePath) {
    bhttp::file_body::value_type body;
    body.open(r.filePath->c_str(), beast::file_mode::scan, ec);
    if (ec) {
      r = Response::json({{"error", {{"code", "not_found"}, {"message", "文件不存在"}}}}, 404);
    } else {
      bhttp::response<bhttp::file_body> res{static_cast<bhttp::status>(r.status), version, std::move(body)};
      copyHeaders(res, r, requestId);
      res.keep_alive(keepAlive);
      res.prepare_payload();
      if (headOnly) {
        bhttp::response_serializer<bhttp::file_body> sr{res};
        co_await bhttp::async_write_header(stream, sr, asio::redirect_error(asio::use_awaitable, ec));
      } else {
        co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
      }
      std::error_code removeError;
      if (r.deleteFileAfter) std::filesystem::remove(*r.filePath, removeError);
      co_return !ec;
    }
  }
  // No body for 1xx, 204 and 304 (RFC 9110 §6.4.1); a HEAD answer says the length it would have.
  const bool hasBody = !(r.status < 200 || r.status == 204 || r.status == 304);
  const std::string head = responseHead(r, requestId, version, keepAlive, r.body.size(), hasBody);
  const std::array<asio::const_buffer, 2> parts{asio::buffer(head),
                                               hasBody && !headOnly ? asio::buffer(r.body) : asio::const_buffer()};
  co_await asio::async_write(stream, parts, asio::redirect_error(asio::use_awaitable, ec));
  co_return !ec;
}

// After an error answer that ends the connection: the client may still be sending what we refused
// (a body, the rest of a head). Closing now would reset the connection and lose the answer in its
// buffers: half-close, then read and discard for a short while.
asio::awaitable<void> drainAndClose(Connection& conn, beast::flat_buffer& buffer, std::size_t maxBytes) {
  tcp::socket& stream = conn.socket;
  beast::error_code ignored;
  stream.shutdown(tcp::socket::shutdown_send, ignored);
  conn.expiresAfter(std::chrono::seconds(5));
  std::size_t drained = 0;
  buffer.consume(buffer.size());
  while (drained < maxBytes) {
    auto n = co_await stream.async_read_some(buffer.prepare(64 * 1024), asio::redirect_error(asio::use_awaitable, ignored));
    if (ignored) break;
    buffer.consume(buffer.size());
    drained += n;
  }
}

// Printable ASCII of at most n bytes, for a log line about a request that could not be parsed.
std::string printable(std::string_view s, std::size_t n) {
  std::string out;
  for (char c : s.substr(0, n)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  if (s.size() > n) out += "…";
  return out;
}

asio::awaitable<void> serveRequests(Connection& conn, ServerState& st);

asio::awaitable<void> session(tcp::socket socket, ServerState& st) {
  auto conn = std::make_shared<Connection>(std::move(socket));
  asio::co_spawn(conn->socket.get_executor(), watchdog(conn), asio::detached);
  co_await serveRequests(*conn, st);
  conn->close();
}

asio::awaitable<void> serveRequests(Connection& conn, ServerState& st) {
  tcp::socket& stream = conn.socket;
  beast::flat_buffer buffer;
  std::string ip;
  {
    beast::error_code ec;
    auto ep = stream.remote_endpoint(ec);
    if (!ec) ip = ep.address().to_string();
  }
  for (;;) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(kMaxHead);
    parser.body_limit(kMaxBody);
    beast::error_code ec;
    conn.expiresAfter(std::chrono::seconds(st.stopping ? 1 : st.config.keepAliveSeconds));
    co_await bhttp::async_read_header(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
    const bool headTooLarge = ec == bhttp::error::header_limit;
    if (ec && !headTooLarge) break;
    const auto start = std::chrono::steady_clock::now();
    Request req;
    req.requestId = newRequestId();
    req.remoteIp = ip;

    // A head over 32 KB (431), or a request line / target over 8 KB (414): answered with the JSON
    // error, logged, and the connection closed.
    // The parser takes the request line off the buffer once it is complete: then the message has the
    // target; otherwise the line itself did not fit in 32 KB.
    const auto parsedTarget = parser.get().target();
    const bool lineParsed = !parsedTarget.empty();
    const bool targetTooLong = lineParsed ? parsedTarget.size() > kMaxTarget : headTooLarge;
    if (headTooLarge || targetTooLong) {
      std::string line;
      if (lineParsed) {
        line = std::string(parser.get().method_string()) + " " +
               printable(std::string_view(parsedTarget.data(), parsedTarget.size()), 120);
      } else {
        const auto data = buffer.data();
        line = printable(std::string_view(static_cast<const char*>(data.data()), data.size()), 120);
      }
      Response resp = targetTooLong
                          ? errorResponse(414, "uri_too_long", "请求地址过长(上限 8 KB),请缩短查询条件后重试", req.requestId)
                          : errorResponse(431, "header_too_large", "请求头过大(上限 32 KB),请清除浏览器 Cookie 后重试", req.requestId);
      const int status = resp.status;
      const bool written = co_await writeResponse(stream, resp, req.requestId, 11, false, false);
      spdlog::warn("{} {} {} {:.1f}ms {} ({})", req.requestId, line, status,
                   std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count(), ip,
                   targetTooLong ? "request line over 8 KB" : "request head over 32 KB");
      if (written) co_await drainAndClose(conn, buffer, 1u << 20);
      co_return;
    }

    req.method = std::string(parser.get().method_string());
    req.target = std::string(parser.get().target());
    for (const auto& f : parser.get()) {
      std::string name(f.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req.headers[name] = std::string(f.value());
    }
    parseTarget(req);
    // the API, and the public pages the server renders itself (the licence verification of a QR code)
    const bool isApi = req.path.rfind("/api/", 0) == 0 || req.path.rfind("/verify/", 0) == 0;
    Router::Match match;
    if (isApi) match = st.router.match(req.method, req.path);
    const std::size_t limit = match.route ? match.route->options.bodyLimit : (1u << 20);
    Response resp;
    bool counted = false;  // requests the graceful shutdown waits for
    bool tooLarge = parser.content_length() && *parser.content_length() > limit;
    if (!tooLarge && !parser.is_done()) {
      parser.body_limit(limit);
      conn.expiresAfter(std::chrono::seconds(300));
      co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
      if (ec == bhttp::error::body_limit) tooLarge = true;
      else if (ec) break;
    }
    const bool keepAlive = !tooLarge && parser.get().keep_alive() && !st.stopping;
    const unsigned version = parser.get().version();
    if (tooLarge) {
      resp = errorResponse(413, "too_large", "请求内容过大(上限 " + std::to_string(limit / 1024) + " KB)", req.requestId);
    } else if (req.header("range").find(',') != std::string::npos) {
      resp = errorResponse(416, "range_not_satisfiable", "不支持多段范围请求", req.requestId);
    } else if (isApi && !match.route) {
      resp = match.pathExists ? errorResponse(405, "method_not_allowed", "不支持该请求方法", req.requestId)
                              : errorResponse(404, "not_found", "接口不存在", req.requestId);
    } else if (isApi) {
      req.body = std::move(parser.get().body());
      req.params = std::move(match.params);
      ++st.inFlight;
      counted = true;
      const Route& route = *match.route;
      // Short handlers run here, on the I/O thread: a sub-millisecond query costs less than two
      // thread hops. Long work (Route::onPool) goes to the worker pool, and query shapes that have
      // been slow to the overflow threads.
      ShapeTiming& timing = route.timing.of(queryShape(req));
      const bool toPool = !st.config.inlineHandlers || route.onPool || timing.slow.load(std::memory_order_relaxed);
      auto run = [&]() {
        if (!measureThisRequest(timing, st.config)) return runPipeline(route, req, st.hooks);
        // The handler's CPU time, not the time that passed: on a busy machine a thread descheduled
        // in the middle of a 0.2 ms list took 30 ms by the clock, and a few of those pushed the plain
        // list's average over the budget (159 moves of GET /guards, and of /health, in a mixed load).
        const double t0 = threadCpuMicros();
        Response r = runPipeline(route, req, st.hooks);
        recordTiming(timing, route, req, threadCpuMicros() - t0, st.config);
        return r;
      };
      bool wouldBlock = false;
      if (!toPool) {
        try {
          resp = run();
        } catch (const core::WouldBlock&) {
          wouldBlock = true;  // it needed the write lock, which an import or an export holds
        }
      }
      if (toPool || wouldBlock) {
        conn.expiresAfter(std::chrono::hours(24));  // no socket operation is pending while it runs
        const bool longWork = route.onPool || !st.config.inlineHandlers;
        resp = co_await asio::co_spawn(
            longWork ? st.workers.executor() : st.overflow.executor(), [&]() -> asio::awaitable<Response> { co_return run(); },
            asio::use_awaitable);
      }
    } else {
      ++st.inFlight;
      counted = true;
      resp = staticFile(st.config, req);
    }
    const int status = resp.status;
    conn.expiresAfter(std::chrono::seconds(st.config.keepAliveSeconds));
    const bool written = co_await writeResponse(stream, resp, req.requestId, version, keepAlive, req.method == "HEAD");
    if (counted) --st.inFlight;
    if (spdlog::should_log(spdlog::level::info)) {
      const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      spdlog::info("{} {} {} {} {:.1f}ms {}", req.requestId, req.method, req.path, status, ms, ip);
    }
    if (tooLarge && written) {
      co_await drainAndClose(conn, buffer, kMaxBody * 2);
      co_return;
    }
    if (!written || !keepAlive) break;
  }
  beast::error_code ignored;
  stream.shutdown(tcp::socket::shutdown_send, ignored);
}

asio::awaitable<void> acceptLoop(tcp::acceptor& acceptor, ServerState& st) {
  std::size_t next = 0;
  for (;;) {
    beast::error_code ec;
    // New connections go round the I/O contexts; each stays on its context for its life.
    asio::io_context& target = *st.contexts[next++ % st.contexts.size()];
    // Several threads run a shared context: a stream's operations and its timer then need a strand.
    const bool strand = st.contexts.size() == 1 && st.config.ioThreads > 1;
    tcp::socket socket(target);
    if (strand) socket = co_await acceptor.async_accept(asio::make_strand(target), asio::redirect_error(asio::use_awaitable, ec));
    else socket = co_await acceptor.async_accept(target, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (st.stopping || !acceptor.is_open()) co_return;
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    auto ex = socket.get_executor();
    asio::co_spawn(ex, session(std::move(socket), st), asio::detached);
  }
}

asio::awaitable<void> drainAndStop(ServerState& st) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(st.config.shutdownGraceSeconds);
  while (st.inFlight > 0 && std::chrono::steady_clock::now() < deadline) {
    timer.expires_after(std::chrono::milliseconds(20));
    co_await timer.async_wait(asio::use_awaitable);
  }
  spdlog::info("shutdown: {} request(s) still in flight", st.inFlight.load());
  for (auto& c : st.contexts) c->stop();
}

}  // namespace

int defaultIoThreads() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 2 : static_cast<int>(n);
}

void serve(const Router& router, const ServerConfig& config, const Hooks& hooks) {
  ServerState st(router, config, hooks);
  const int ioThreads = std::max(1, config.ioThreads);
  const bool perThread = config.ioModel == IoModel::perThread;
  for (int i = 0; i < (perThread ? ioThreads : 1); ++i)
    st.contexts.push_back(std::make_unique<asio::io_context>(perThread ? 1 : ioThreads));
  asio::io_context& main = *st.contexts.front();
  tcp::acceptor acceptor(main);
  tcp::endpoint ep(asio::ip::make_address(config.host), config.port);
  acceptor.open(ep.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(ep);
  acceptor.listen(asio::socket_base::max_listen_connections);
  spdlog::info("listening on http://{}:{} ({} I/O thread(s), {}; {} worker thread(s); handlers {})", config.host,
               acceptor.local_endpoint().port(), ioThreads, perThread ? "one context each" : "one shared context",
               config.workerThreads, config.inlineHandlers ? "on the I/O threads unless long" : "all on the worker pool");

  asio::signal_set signals(main, SIGINT, SIGTERM);
  signals.async_wait([&](const beast::error_code&, int sig) {
    spdlog::info("signal {}: no longer accepting, finishing in-flight requests", sig);
    st.stopping = true;
    beast::error_code ec;
    acceptor.close(ec);
    asio::co_spawn(main, drainAndStop(st), asio::detached);
  });
  asio::co_spawn(main, acceptLoop(acceptor, st), asio::detached);

  // Contexts other than the first have nothing to do until a connection arrives: keep them running.
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  for (std::size_t i = 1; i < st.contexts.size(); ++i) guards.push_back(asio::make_work_guard(*st.contexts[i]));
  std::vector<std::thread> threads;
  for (int i = 1; i < ioThreads; ++i) {
    asio::io_context& ctx = perThread ? *st.contexts[static_cast<std::size_t>(i)] : main;
    threads.emplace_back([&ctx] {
      core::onIoThread = true;
      ctx.run();
    });
  }
  core::onIoThread = true;
  main.run();
  core::onIoThread = false;
  for (auto& c : st.contexts) c->stop();
  for (auto& t : threads) t.join();
  st.workers.join();
  st.overflow.join();
}

}  // namespace baoan::http
