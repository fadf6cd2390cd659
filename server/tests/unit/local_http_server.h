#pragma once
// A tiny HTTP/1.1 server on 127.0.0.1:<free port> for tests of HTTP clients: one thread, one request
// per connection, the answer decided by a handler (which may also sleep past the client's timeout).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace baoan::test_http {

struct Request {
  std::string method;
  std::string target;
  std::map<std::string, std::string> headers;  // names in lowercase
  std::string body;
};

struct Answer {
  int status = 200;
  std::string body;
  int delayMs = 0;  // sleep before answering
  std::string contentType = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;  // extra answer headers
};

class LocalHttpServer {
 public:
  using Handler = std::function<Answer(const Request&)>;

  explicit LocalHttpServer(Handler handler) : handler_(std::move(handler)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) throw std::runtime_error("socket");
    int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) throw std::runtime_error("bind");
    if (::listen(fd_, 16) != 0) throw std::runtime_error("listen");
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { run(); });
  }
  ~LocalHttpServer() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    ::close(fd_);
  }
  LocalHttpServer(const LocalHttpServer&) = delete;
  LocalHttpServer& operator=(const LocalHttpServer&) = delete;

  std::string url(const std::string& path = "/") const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
  std::vector<Request> requests() {
    std::lock_guard<std::mutex> l(mu_);
    return seen_;
  }

 private:
  void run() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      const int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) continue;
      serve(c);
      ::close(c);
    }
  }

  static std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    return s;
  }

  bool readMore(int c, std::string& buf) {
    pollfd p{c, POLLIN, 0};
    if (::poll(&p, 1, 2000) <= 0) return false;
    char tmp[4096];
    const ssize_t n = ::recv(c, tmp, sizeof tmp, 0);
    if (n <= 0) return false;
    buf.append(tmp, static_cast<std::size_t>(n));
    return true;
  }

  void serve(int c) {
    std::string buf;
    std::size_t headEnd;
    while ((headEnd = buf.find("\r\n\r\n")) == std::string::npos)
      if (!readMore(c, buf)) return;
    Request req;
    const std::string head = buf.substr(0, headEnd);
    std::size_t lineEnd = head.find("\r\n");
    const std::string first = head.substr(0, lineEnd);
    req.method = first.substr(0, first.find(' '));
    req.target = first.substr(first.find(' ') + 1, first.rfind(' ') - first.find(' ') - 1);
    while (lineEnd != std::string::npos && lineEnd < head.size()) {
      const std::size_t next = head.find("\r\n", lineEnd + 2);
      const std::string line = head.substr(lineEnd + 2, next == std::string::npos ? std::string::npos : next - lineEnd - 2);
      const auto colon = line.find(':');
      if (colon != std::string::npos) {
        std::string v = line.substr(colon + 1);
        v.erase(0, v.find_first_not_of(' '));
        req.headers[lower(line.substr(0, colon))] = v;
      }
      lineEnd = next;
    }
    const std::size_t length = req.headers.count("content-length") ? std::stoul(req.headers["content-length"]) : 0;
    std::string body = buf.substr(headEnd + 4);
    while (body.size() < length)
      if (!readMore(c, body)) return;
    req.body = body.substr(0, length);
    {
      std::lock_guard<std::mutex> l(mu_);
      seen_.push_back(req);
    }
    const Answer a = handler_(req);
    for (int waited = 0; waited < a.delayMs && !stop_; waited += 10)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::string extra;
    for (const auto& [k, v] : a.headers) extra += "\r\n" + k + ": " + v;
    const std::string out = "HTTP/1.1 " + std::to_string(a.status) + " X\r\nContent-Type: " + a.contentType + extra +
                            "\r\nContent-Length: " + std::to_string(a.body.size()) + "\r\nConnection: close\r\n\r\n" + a.body;
    ::send(c, out.data(), out.size(), MSG_NOSIGNAL);
  }

  Handler handler_;
  int fd_ = -1;
  unsigned short port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::mutex mu_;
  std::vector<Request> seen_;
};

// Decodes application/x-www-form-urlencoded ("a=1&b=%E6%B4%BE").
inline std::map<std::string, std::string> parseForm(const std::string& body) {
  auto decode = [](const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '%' && i + 2 < s.size()) {
        out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
        i += 2;
      } else {
        out += s[i] == '+' ? ' ' : s[i];
      }
    }
    return out;
  };
  std::map<std::string, std::string> out;
  std::size_t start = 0;
  while (start <= body.size()) {
    const auto amp = body.find('&', start);
    const std::string pair = body.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
    const auto eq = pair.find('=');
    if (!pair.empty()) out[decode(pair.substr(0, eq))] = eq == std::string::npos ? "" : decode(pair.substr(eq + 1));
    if (amp == std::string::npos) break;
    start = amp + 1;
  }
  return out;
}

}  // namespace baoan::test_http
