#include "adapters/sms/http_client.h"

#include <curl/curl.h>

#include <cctype>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace baoan::sms {

namespace {

constexpr std::size_t kMaxAnswer = 64 * 1024;

void globalInit() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("libcurl failed to initialise");
  });
}

struct Sink {
  std::string body;
  const std::atomic<bool>* cancel;
  std::map<std::string, std::string> headers;
  std::size_t headerBytes = 0;
};

size_t onHeader(char* data, size_t size, size_t n, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const size_t bytes = size * n;
  sink->headerBytes += bytes;
  if (sink->headerBytes > kMaxAnswer) return 0;
  std::string line(data, bytes);
  const auto colon = line.find(':');
  if (colon == std::string::npos) return bytes;
  std::string name = line.substr(0, colon);
  for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  std::string value = line.substr(colon + 1);
  const auto first = value.find_first_not_of(" \t");
  const auto last = value.find_last_not_of(" \t\r\n");
  sink->headers[name] = first == std::string::npos ? std::string() : value.substr(first, last - first + 1);
  return bytes;
}

size_t onData(char* data, size_t size, size_t n, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const size_t bytes = size * n;
  if (sink->body.size() + bytes > kMaxAnswer) return 0;  // aborts the transfer
  sink->body.append(data, bytes);
  return bytes;
}

int onProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<Sink*>(user)->cancel->load() ? 1 : 0;
}

}  // namespace

HttpResult httpPost(const HttpRequest& req, const std::atomic<bool>& cancel) {
  globalInit();
  HttpResult out;
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) {
    out.error = "无法创建 HTTP 请求";
    return out;
  }
  CURL* h = curl.get();
  Sink sink{{}, &cancel, {}, 0};
  curl_slist* headers = nullptr;
  for (const auto& [k, v] : req.headers) headers = curl_slist_append(headers, (k + ": " + v).c_str());
  headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headerList(headers, &curl_slist_free_all);

  curl_easy_setopt(h, CURLOPT_URL, req.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // threads: timeouts without SIGALRM
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, req.body.data());
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(req.body.size()));
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headerList.get());
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(req.connectTimeoutMs));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(req.timeoutMs));
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!req.caFile.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, req.caFile.c_str());
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &onData);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &onHeader);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &sink);
  curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, &onProgress);
  curl_easy_setopt(h, CURLOPT_XFERINFODATA, &sink);
  curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(h, CURLOPT_USERAGENT, "baoan-sms/1");

  const CURLcode rc = curl_easy_perform(h);
  if (rc != CURLE_OK) {
    out.timedOut = rc == CURLE_OPERATION_TIMEDOUT;
    if (out.timedOut) out.error = "短信网关超时未应答";
    else if (rc == CURLE_ABORTED_BY_CALLBACK) out.error = "服务停止,发送中断";
    else if (rc == CURLE_WRITE_ERROR) out.error = "短信网关的应答过长";
    else if (rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST)
      out.error = std::string("无法连接短信网关: ") + curl_easy_strerror(rc);
    else out.error = std::string("短信网关请求失败: ") + curl_easy_strerror(rc);
    return out;
  }
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  out.transportOk = true;
  out.status = static_cast<int>(status);
  out.body = std::move(sink.body);
  out.headers = std::move(sink.headers);
  return out;
}

}  // namespace baoan::sms
