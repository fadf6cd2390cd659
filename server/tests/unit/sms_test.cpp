// SMS delivery (adapters/sms): the signatures against published vectors, the providers against a local
// HTTP server that checks the signature, answers errors and times out, the outbox relay's state
// machine on a real SQLite database (claim, retry with backoff, give up, leases, two relays), and the
// [sms] config.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "adapters/sms/crypto_util.h"
#include "adapters/sms/sms_gateway.h"
#include "adapters/sms/sms_provider.h"
#include "adapters/sms/sms_relay.h"
#include "app/config.h"
#include "core/clock.h"
#include "db/db.h"
#include "db/migrations.h"
#include "local_http_server.h"
#include "test_files.h"
#include "crypto/crypto.h"

using namespace baoan;
using namespace baoan::sms;
using baoan::test_http::Answer;
using baoan::test_http::LocalHttpServer;
using nlohmann::json;

namespace {

const std::atomic<bool> kNoCancel{false};

// ---------------------------------------------------------------------------------------------------
// Published vectors.

// 阿里云短信服务 "HTTP协议及签名" (help.aliyun.com/document_detail/56189): the SendSms example with
// AccessKeyId testId and AccessKeySecret testSecret.
const std::map<std::string, std::string> kSendSmsExample = {
    {"AccessKeyId", "testId"},
    {"Action", "SendSms"},
    {"Format", "XML"},
    {"OutId", "123"},
    {"PhoneNumbers", "15300000001"},
    {"RegionId", "cn-hangzhou"},
    {"SignName", "阿里云短信测试专用"},
    {"SignatureMethod", "HMAC-SHA1"},
    {"SignatureNonce", "45e25e9b-0a6f-4070-8c85-2956eda1b466"},
    {"SignatureVersion", "1.0"},
    {"TemplateCode", "SMS_71390007"},
    {"TemplateParam", "{\"customer\":\"test\"}"},
    {"Timestamp", "2017-07-12T02:42:19Z"},
    {"Version", "2017-05-25"},
};

TEST(AliyunSignature, SendSmsPublishedExample) {
  EXPECT_EQ(aliyun::canonicalizedQuery(kSendSmsExample),
            "AccessKeyId=testId&Action=SendSms&Format=XML&OutId=123&PhoneNumbers=15300000001&RegionId=cn-hangzhou&"
            "SignName=%E9%98%BF%E9%87%8C%E4%BA%91%E7%9F%AD%E4%BF%A1%E6%B5%8B%E8%AF%95%E4%B8%93%E7%94%A8&"
            "SignatureMethod=HMAC-SHA1&SignatureNonce=45e25e9b-0a6f-4070-8c85-2956eda1b466&SignatureVersion=1.0&"
            "TemplateCode=SMS_71390007&TemplateParam=%7B%22customer%22%3A%22test%22%7D&Timestamp=2017-07-12T02%3A42%3A19Z&"
            "Version=2017-05-25");
  EXPECT_EQ(aliyun::stringToSign("GET", kSendSmsExample),
            "GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26Format%3DXML%26OutId%3D123%26PhoneNumbers%3D15300000001%26"
            "RegionId%3Dcn-hangzhou%26SignName%3D%25E9%2598%25BF%25E9%2587%258C%25E4%25BA%2591%25E7%259F%25AD%25E4%25BF%25A1%"
            "25E6%25B5%258B%25E8%25AF%2595%25E4%25B8%2593%25E7%2594%25A8%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%"
            "3D45e25e9b-0a6f-4070-8c85-2956eda1b466%26SignatureVersion%3D1.0%26TemplateCode%3DSMS_71390007%26TemplateParam%"
            "3D%257B%2522customer%2522%253A%2522test%2522%257D%26Timestamp%3D2017-07-12T02%253A42%253A19Z%26Version%3D2017-05-25");
  EXPECT_EQ(aliyun::signature("GET", kSendSmsExample, "testSecret"), "zJDF+Lrzhj/ThnlvIToysFRq6t4=");
  EXPECT_EQ(aliyun::percentEncode(aliyun::signature("GET", kSendSmsExample, "testSecret")), "zJDF%2BLrzhj%2FThnlvIToysFRq6t4%3D");
  // A Signature parameter already present is not signed.
  auto withSignature = kSendSmsExample;
  withSignature["Signature"] = "old";
  EXPECT_EQ(aliyun::signature("GET", withSignature, "testSecret"), "zJDF+Lrzhj/ThnlvIToysFRq6t4=");
}

// 阿里云 "RPC 风格请求体&签名机制": the DescribeRegions example (AccessKeySecret testsecret).
TEST(AliyunSignature, RpcPublishedExample) {
  const std::map<std::string, std::string> p = {
      {"AccessKeyId", "testid"},         {"Action", "DescribeRegions"},
      {"Format", "XML"},                 {"SignatureMethod", "HMAC-SHA1"},
      {"SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"},
      {"SignatureVersion", "1.0"},       {"Timestamp", "2016-02-23T12:46:24Z"},
      {"Version", "2014-05-26"},
  };
  EXPECT_EQ(aliyun::signature("GET", p, "testsecret"), "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
}

TEST(AliyunSignature, PercentEncodingFollowsRfc3986) {
  EXPECT_EQ(aliyun::percentEncode("a b"), "a%20b");  // not "+"
  EXPECT_EQ(aliyun::percentEncode("*"), "%2A");
  EXPECT_EQ(aliyun::percentEncode("~-_.AZaz09"), "~-_.AZaz09");
  EXPECT_EQ(aliyun::percentEncode("/=&+:"), "%2F%3D%26%2B%3A");
  EXPECT_EQ(aliyun::percentEncode("派"), "%E6%B4%BE");
}

TEST(AliyunSignature, RetryableCodes) {
  for (const char* c : {"isv.BUSINESS_LIMIT_CONTROL", "Throttling.User", "isp.SYSTEM_ERROR", "isv.AMOUNT_NOT_ENOUGH"})
    EXPECT_TRUE(aliyun::retryable(c)) << c;
  for (const char* c : {"isv.SMS_TEMPLATE_ILLEGAL", "isv.SMS_SIGNATURE_ILLEGAL", "isv.MOBILE_NUMBER_ILLEGAL",
                        "SignatureDoesNotMatch", "InvalidAccessKeyId.NotFound"})
    EXPECT_FALSE(aliyun::retryable(c)) << c;
}

// RFC 4231 test case 2, and the generic gateway's string to sign.
TEST(HttpGatewaySignature, HmacSha256) {
  EXPECT_EQ(hex(hmacSha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(http_gateway::signature("Jefe", "what do ya want", "for nothing?", "hex"),
            hex(hmacSha256("Jefe", "what do ya want\nfor nothing?")));
  EXPECT_EQ(http_gateway::signature("k", "1", "{}", "base64"), crypto::base64(hmacSha256("k", "1\n{}")));
  EXPECT_EQ(crypto::base64("any carnal pleas"), "YW55IGNhcm5hbCBwbGVhcw==");  // RFC 4648-style padding
}

TEST(SmsText, RenderParams) {
  Template t;
  t.params = {{"code", "{code}"}, {"who", "{name}先生"}, {"all", "{content}"}, {"plain", "x"}};
  Outgoing m;
  m.content = "全文";
  m.params = {{"code", "123456"}, {"name", "王"}};
  const auto p = renderParams(t, m);
  EXPECT_EQ(p.at("code"), "123456");
  EXPECT_EQ(p.at("who"), "王先生");
  EXPECT_EQ(p.at("all"), "全文");
  EXPECT_EQ(p.at("plain"), "x");
  t.params = {{"code", "{missing}"}};
  EXPECT_THROW(renderParams(t, m), std::invalid_argument);
}

TEST(SmsText, ScrubRemovesSecretsAndCutsOnACharacter) {
  EXPECT_EQ(scrub("key S3cr/t! and S3cr%2Ft%21 again", {"S3cr/t!"}), "key *** and *** again");
  EXPECT_EQ(scrub("a\nb\rc", {}), "a b c");
  const std::string cut = scrub(std::string(10, 'a') + "短信网关", {}, 12);  // 12 bytes end inside 短
  EXPECT_EQ(cut, std::string(10, 'a') + "…");
}

// ---------------------------------------------------------------------------------------------------
// Providers against a local HTTP server.

Settings httpSettings(const std::string& url) {
  Settings s;
  s.provider = "http";
  s.http.url = url;
  s.http.secret = "gw-Secret-42";
  s.http.appId = "baoan-xy";
  s.http.extra = {{"sign", "咸阳公安"}};
  s.http.messageIdField = "data.msgId";
  s.http.retryValues = {"BUSY"};
  s.connectTimeoutMs = 1000;
  s.timeoutMs = 1500;
  s.templates["verification_code"] = Template{"SMS_1", "YZM01", {{"code", "{code}"}}};
  return s;
}

Outgoing verification() {
  Outgoing m;
  m.id = 7;
  m.mobile = "13800000000";
  m.purpose = "verification_code";
  m.content = "【保安服务监管信息系统】您的验证码为123456";
  m.params = {{"code", "123456"}};
  m.requestId = "baoan-sms-7";
  return m;
}

// Checks the generic gateway's request as its operator would: signature over "<timestamp>\n<body>".
bool httpSignatureOk(const test_http::Request& r, const std::string& secret) {
  auto ts = r.headers.find("x-timestamp");
  auto sig = r.headers.find("x-signature");
  if (ts == r.headers.end() || sig == r.headers.end()) return false;
  return sig->second == hex(hmacSha256(secret, ts->second + "\n" + r.body));
}

TEST(HttpProvider, SignsTheConfiguredBodyAndReadsTheAnswer) {
  LocalHttpServer server([](const test_http::Request& r) {
    if (!httpSignatureOk(r, "gw-Secret-42")) return Answer{401, R"({"code":"SIGN","message":"签名错误"})"};
    return Answer{200, R"({"code":"0","data":{"msgId":"M-1"}})"};
  });
  auto p = makeHttpProvider(httpSettings(server.url("/send")));
  const Delivery d = p->deliver(verification(), kNoCancel);
  EXPECT_EQ(d.outcome, Outcome::sent) << d.error;
  EXPECT_EQ(d.providerMessageId, "M-1");
  const auto reqs = server.requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].method, "POST");
  EXPECT_EQ(reqs[0].target, "/send");
  EXPECT_EQ(reqs[0].headers.at("x-app-id"), "baoan-xy");
  const json body = json::parse(reqs[0].body);
  EXPECT_EQ(body["mobile"], "13800000000");
  EXPECT_EQ(body["content"], "【保安服务监管信息系统】您的验证码为123456");
  EXPECT_EQ(body["templateId"], "YZM01");
  EXPECT_EQ(body["params"], json({{"code", "123456"}}));
  EXPECT_EQ(body["requestId"], "baoan-sms-7");
  EXPECT_EQ(body["sign"], "咸阳公安");
  EXPECT_EQ(reqs[0].body.find("gw-Secret-42"), std::string::npos);
}

TEST(HttpProvider, WrongSecretIsRefused) {
  LocalHttpServer server([](const test_http::Request& r) {
    if (!httpSignatureOk(r, "the-right-one")) return Answer{401, R"({"code":"SIGN","message":"签名错误"})"};
    return Answer{200, R"({"code":"0"})"};
  });
  const Delivery d = makeHttpProvider(httpSettings(server.url()))->deliver(verification(), kNoCancel);
  EXPECT_EQ(d.outcome, Outcome::failed);
  EXPECT_EQ(d.error, "短信网关 HTTP 401 code=SIGN: 签名错误");
}

TEST(HttpProvider, ErrorsRetryOrFailByKind) {
  struct Case {
    Answer answer;
    Outcome expected;
    std::string error;
  };
  const std::vector<Case> cases = {
      {{500, R"({"code":"E","message":"内部错误"})"}, Outcome::retry, "短信网关 HTTP 500 code=E: 内部错误"},
      {{503, "<html>down</html>", 0, "text/html"}, Outcome::retry, "短信网关 HTTP 503"},
      {{429, "{}"}, Outcome::retry, "短信网关 HTTP 429"},
      {{400, R"({"code":"40001","message":"号码格式错误"})"}, Outcome::failed, "短信网关 HTTP 400 code=40001: 号码格式错误"},
      {{200, R"({"code":"BUSY","message":"请稍后"})"}, Outcome::retry, "短信网关 HTTP 200 code=BUSY: 请稍后"},
      {{200, R"({"code":1001,"message":"余额不足"})"}, Outcome::failed, "短信网关 HTTP 200 code=1001: 余额不足"},
      {{200, "OK"}, Outcome::retry, "短信网关的应答不是 JSON(HTTP 200)"},
      {{200, R"({"code":"E","message":"bad secret gw-Secret-42"})"}, Outcome::failed, "短信网关 HTTP 200 code=E: bad secret ***"},
  };
  for (const auto& c : cases) {
    LocalHttpServer server([&](const test_http::Request&) { return c.answer; });
    const Delivery d = makeHttpProvider(httpSettings(server.url()))->deliver(verification(), kNoCancel);
    EXPECT_EQ(d.outcome, c.expected) << c.answer.body;
    EXPECT_EQ(d.error, c.error);
  }
}

TEST(HttpProvider, TimeoutIsRetriedAndBounded) {
  LocalHttpServer server([](const test_http::Request&) { return Answer{200, R"({"code":"0"})", 3000}; });
  auto s = httpSettings(server.url());
  s.timeoutMs = 300;
  const auto t0 = std::chrono::steady_clock::now();
  const Delivery d = makeHttpProvider(s)->deliver(verification(), kNoCancel);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(d.outcome, Outcome::retry);
  EXPECT_EQ(d.error, "短信网关超时未应答");
  EXPECT_LT(ms, 1500);
}

TEST(HttpProvider, NoConnectionIsRetried) {
  std::string url;
  {
    LocalHttpServer gone([](const test_http::Request&) { return Answer{}; });
    url = gone.url();
  }  // closed: nothing listens there now
  const Delivery d = makeHttpProvider(httpSettings(url))->deliver(verification(), kNoCancel);
  EXPECT_EQ(d.outcome, Outcome::retry);
  EXPECT_EQ(d.error.rfind("无法连接短信网关", 0), 0u) << d.error;
  EXPECT_EQ(d.error.find("127.0.0.1"), std::string::npos) << "no address in the error: " << d.error;
}

TEST(HttpProvider, CancelAbandonsTheRequest) {
  LocalHttpServer server([](const test_http::Request&) { return Answer{200, R"({"code":"0"})", 5000}; });
  auto s = httpSettings(server.url());
  s.timeoutMs = 10000;
  std::atomic<bool> cancel{false};
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    cancel = true;
  });
  const auto t0 = std::chrono::steady_clock::now();
  const Delivery d = makeHttpProvider(s)->deliver(verification(), cancel);
  stopper.join();
  EXPECT_EQ(d.outcome, Outcome::retry);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(3));
}

Settings aliyunSettings(const std::string& url) {
  Settings s;
  s.provider = "aliyun";
  s.aliyun.endpoint = url;
  s.aliyun.accessKeyId = "LTAI5tTestKeyId";
  s.aliyun.accessKeySecret = "Ali+Secret/Value=";
  s.aliyun.signName = "咸阳市公安局";
  s.connectTimeoutMs = 1000;
  s.timeoutMs = 1500;
  s.templates["verification_code"] = Template{"SMS_154950909", "", {{"code", "{code}"}}};
  return s;
}

// Checks a SendSms request as 阿里云 does: the POP signature of the form parameters.
std::string aliyunCheck(const test_http::Request& r, const std::string& secret) {
  auto form = test_http::parseForm(r.body);
  if (r.method != "POST") return "method";
  if (form["Signature"] != aliyun::signature("POST", form, secret)) return "signature";
  for (const char* k : {"AccessKeyId", "SignatureNonce", "Timestamp", "PhoneNumbers", "SignName", "TemplateCode"})
    if (form[k].empty()) return std::string("missing ") + k;
  if (form["Action"] != "SendSms" || form["Version"] != "2017-05-25" || form["SignatureMethod"] != "HMAC-SHA1" ||
      form["SignatureVersion"] != "1.0" || form["Format"] != "JSON")
    return "protocol";
  return "";
}

TEST(AliyunProvider, SendsASignedRequest) {
  std::map<std::string, std::string> got;
  LocalHttpServer server([&](const test_http::Request& r) {
    if (auto e = aliyunCheck(r, "Ali+Secret/Value="); !e.empty())
      return Answer{400, R"({"Code":"SignatureDoesNotMatch","Message":")" + e + R"(","RequestId":"R1"})"};
    got = test_http::parseForm(r.body);
    return Answer{200, R"({"Code":"OK","Message":"OK","BizId":"900619746936498440^0","RequestId":"R2"})"};
  });
  const Delivery d = makeAliyunProvider(aliyunSettings(server.url()))->deliver(verification(), kNoCancel);
  EXPECT_EQ(d.outcome, Outcome::sent) << d.error;
  EXPECT_EQ(d.providerMessageId, "900619746936498440^0");
  EXPECT_EQ(got["PhoneNumbers"], "13800000000");
  EXPECT_EQ(got["SignName"], "咸阳市公安局");
  EXPECT_EQ(got["TemplateCode"], "SMS_154950909");
  EXPECT_EQ(json::parse(got["TemplateParam"]), json({{"code", "123456"}}));
  EXPECT_EQ(got["OutId"], "baoan-sms-7");
  EXPECT_EQ(got["AccessKeyId"], "LTAI5tTestKeyId");
  const auto reqs = server.requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].headers.at("content-type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(reqs[0].target, "/") << "parameters in the body, not the URL";
  EXPECT_EQ(reqs[0].body.find("Ali+Secret"), std::string::npos);
  EXPECT_EQ(reqs[0].body.find("Ali%2BSecret"), std::string::npos);
}

TEST(AliyunProvider, WrongSecretFailsWithTheAnswerScrubbed) {
  LocalHttpServer server([](const test_http::Request& r) {
    if (aliyunCheck(r, "another") == "signature")
      return Answer{400, R"({"Code":"SignatureDoesNotMatch","Message":"Specified signature is not matched. key LTAI5tTestKeyId secret Ali+Secret/Value=","RequestId":"R9"})"};
    return Answer{200, R"({"Code":"OK"})"};
  });
  const Delivery d = makeAliyunProvider(aliyunSettings(server.url()))->deliver(verification(), kNoCancel);
  EXPECT_EQ(d.outcome, Outcome::failed);
  EXPECT_EQ(d.error, "阿里云 SignatureDoesNotMatch: Specified signature is not matched. key *** secret *** (RequestId R9)");
}

TEST(AliyunProvider, ErrorCodesRetryOrFail) {
  struct Case {
    Answer answer;
    Outcome expected;
  };
  const std::vector<Case> cases = {
      {{200, R"({"Code":"isv.BUSINESS_LIMIT_CONTROL","Message":"触发分钟级流控Permits:1","RequestId":"A"})"}, Outcome::retry},
      {{400, R"({"Code":"Throttling.User","Message":"Request was denied due to user flow control."})"}, Outcome::retry},
      {{200, R"({"Code":"isv.SMS_TEMPLATE_ILLEGAL","Message":"模板不合法","RequestId":"B"})"}, Outcome::failed},
      {{200, R"({"Code":"isv.MOBILE_NUMBER_ILLEGAL","Message":"非法手机号"})"}, Outcome::failed},
      {{500, R"({"Code":"InternalError","Message":"x"})"}, Outcome::retry},
      {{502, "bad gateway", 0, "text/plain"}, Outcome::retry},
      {{404, "not found", 0, "text/plain"}, Outcome::failed},
  };
  for (const auto& c : cases) {
    LocalHttpServer server([&](const test_http::Request&) { return c.answer; });
    const Delivery d = makeAliyunProvider(aliyunSettings(server.url()))->deliver(verification(), kNoCancel);
    EXPECT_EQ(d.outcome, c.expected) << c.answer.body;
    EXPECT_FALSE(d.error.empty());
  }
}

TEST(AliyunProvider, TimeoutIsRetried) {
  LocalHttpServer server([](const test_http::Request&) { return Answer{200, R"({"Code":"OK"})", 3000}; });
  auto s = aliyunSettings(server.url());
  s.timeoutMs = 300;
  const Delivery d = makeAliyunProvider(s)->deliver(verification(), kNoCancel);
  EXPECT_EQ(d.outcome, Outcome::retry);
  EXPECT_EQ(d.error, "短信网关超时未应答");
}

TEST(AliyunProvider, AMessageWithoutTemplateFailsWithoutARequest) {
  LocalHttpServer server([](const test_http::Request&) { return Answer{200, R"({"Code":"OK"})"}; });
  auto p = makeAliyunProvider(aliyunSettings(server.url()));
  Outgoing m = verification();
  m.purpose = "password_reset";
  Delivery d = p->deliver(m, kNoCancel);
  EXPECT_EQ(d.outcome, Outcome::failed);
  EXPECT_NE(d.error.find("password_reset"), std::string::npos);
  m = verification();
  m.params.clear();  // the template needs {code}
  d = p->deliver(m, kNoCancel);
  EXPECT_EQ(d.outcome, Outcome::failed);
  EXPECT_NE(d.error.find("{code}"), std::string::npos) << d.error;
  EXPECT_TRUE(server.requests().empty());
}

// ---------------------------------------------------------------------------------------------------
// The relay on a real database.

class ScriptedProvider : public Provider {
 public:
  explicit ScriptedProvider(std::vector<Delivery> script, int sleepMs = 0) : script_(std::move(script)), sleepMs_(sleepMs) {}
  const char* name() const override { return "http"; }
  Delivery deliver(const Outgoing& m, const std::atomic<bool>&) override {
    std::size_t n;
    {
      std::lock_guard<std::mutex> l(mu_);
      delivered_.push_back(m);
      n = delivered_.size() - 1;
    }
    if (sleepMs_) std::this_thread::sleep_for(std::chrono::milliseconds(sleepMs_));
    return script_.at(std::min(n, script_.size() - 1));
  }
  std::vector<Outgoing> delivered() {
    std::lock_guard<std::mutex> l(mu_);
    return delivered_;
  }

 private:
  std::vector<Delivery> script_;
  int sleepMs_;
  std::mutex mu_;
  std::vector<Outgoing> delivered_;
};

struct SmsRow {
  std::string status;
  long long attempts;
  std::optional<long long> nextAttemptAt;
  std::optional<long long> sentAt;
  std::string lastError;
  std::string provider;
  std::string providerMessageId;
};

class RelayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("baoan_sms_" + std::to_string(::getpid()) + "_" + std::to_string(++counter) + ".db");
    removeFiles();
    db_ = std::make_unique<db::Database>("sqlite3://db=" + path_.string(), 2);
    db::migrate(*db_);
    now_ = core::nowMs() + 1000;
    spdlog::set_level(spdlog::level::err);  // the relay logs every delivery
  }
  void TearDown() override {
    spdlog::set_level(spdlog::level::info);
    db_.reset();
    removeFiles();
  }
  void removeFiles() {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path_.string() + suffix, ec);
  }
  RelayOptions options(int maxAttempts = 3) {
    RelayOptions o;
    o.maxAttempts = maxAttempts;
    o.backoffSeconds = {30, 120};
    o.pollMs = 60000;
    o.leaseMs = 60000;
    o.secrets = {"TopSecret"};
    return o;
  }
  Relay::Clock clock() {
    return [this] { return now_.load(); };
  }
  long long queue(const std::string& mobile = "13800000001", Gateway* outbox = nullptr) {
    auto local = makeOutbox("http", nullptr);
    Gateway& g = outbox ? *outbox : *local;
    return db_->write([&](db::Conn& c) {
      g.send(c, {mobile, "verification_code", "您的验证码为654321", std::nullopt, "/1/", {{"code", "654321"}}});
      return c.scalar(db::Query("SELECT MAX(id) FROM sms_messages"));
    });
  }
  SmsRow row(long long id) {
    return db_->read([&](db::Conn& c) {
      auto r = c.queryOne(db::Query(
          "SELECT status, attempts, next_attempt_at, sent_at, last_error, provider, provider_message_id FROM sms_messages "
          "WHERE id = ?",
          id));
      return SmsRow{r->str(0), r->i64(1), r->optI64(2), r->optI64(3), r->str(4), r->str(5), r->str(6)};
    });
  }

  std::filesystem::path path_;
  std::unique_ptr<db::Database> db_;
  std::atomic<long long> now_{0};
};

TEST_F(RelayTest, QueuedMessageIsDeliveredAndRecordedSent) {
  const long long id = queue();
  EXPECT_EQ(row(id).status, "queued");
  EXPECT_EQ(row(id).attempts, 0);
  ScriptedProvider p({{Outcome::sent, "BIZ-1", ""}});
  Relay relay(*db_, p, options(), clock());
  EXPECT_EQ(relay.runOnce(), 1);
  const SmsRow r = row(id);
  EXPECT_EQ(r.status, "sent");
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(r.sentAt, now_.load());
  EXPECT_EQ(r.providerMessageId, "BIZ-1");
  EXPECT_FALSE(r.nextAttemptAt);
  ASSERT_EQ(p.delivered().size(), 1u);
  EXPECT_EQ(p.delivered()[0].params.at("code"), "654321");
  EXPECT_EQ(p.delivered()[0].requestId, "baoan-sms-" + std::to_string(id));
  EXPECT_EQ(relay.runOnce(), 0) << "a sent message is not sent again";
}

TEST_F(RelayTest, InvalidUtf8NeitherBreaksTheCallerNorTheRelay) {
  auto outbox = makeOutbox("http", nullptr);
  EXPECT_NO_THROW(db_->write([&](db::Conn& c) {
    outbox->send(c, {"13800000003", "verification_code", "bad \xff", std::nullopt, "/1/", {{"code", "12\xff"}}});
  }));
  LocalHttpServer server([](const test_http::Request&) { return Answer{200, R"({"code":"0"})"}; });
  auto provider = makeHttpProvider(httpSettings(server.url()));
  Relay relay(*db_, *provider, options(), clock());
  EXPECT_EQ(relay.runOnce(), 1);
  const long long id = db_->read([](db::Conn& c) { return c.scalar(db::Query("SELECT MAX(id) FROM sms_messages")); });
  EXPECT_EQ(row(id).status, "sent");
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_EQ(json::parse(server.requests()[0].body)["params"]["code"], "12\uFFFD");
}

TEST_F(RelayTest, RolledBackTransactionSendsNothing) {
  auto outbox = makeOutbox("http", nullptr);
  EXPECT_THROW(db_->write([&](db::Conn& c) {
    outbox->send(c, {"13800000002", "password_reset", "x", std::nullopt, "/1/"});
    throw std::runtime_error("the caller's change fails");
  }),
               std::runtime_error);
  ScriptedProvider p({{Outcome::sent, "", ""}});
  Relay relay(*db_, p, options(), clock());
  EXPECT_EQ(relay.runOnce(), 0);
  EXPECT_TRUE(p.delivered().empty());
  EXPECT_EQ(db_->read([](db::Conn& c) { return c.scalar(db::Query("SELECT COUNT(*) FROM sms_messages")); }), 0);
}

TEST_F(RelayTest, RetriesWithBackoffThenGivesUp) {
  const long long id = queue();
  ScriptedProvider p({{Outcome::retry, "", "阿里云 isp.SYSTEM_ERROR: 系统错误 TopSecret"}});
  Relay relay(*db_, p, options(3), clock());
  const long long t0 = now_;
  EXPECT_EQ(relay.runOnce(), 1);
  SmsRow r = row(id);
  EXPECT_EQ(r.status, "queued");
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(r.nextAttemptAt, t0 + 30000);
  EXPECT_EQ(r.lastError, "阿里云 isp.SYSTEM_ERROR: 系统错误 ***") << "the secret is scrubbed";

  now_ = t0 + 29999;
  EXPECT_EQ(relay.runOnce(), 0) << "not due before its backoff";
  now_ = t0 + 30000;
  EXPECT_EQ(relay.runOnce(), 1);
  r = row(id);
  EXPECT_EQ(r.attempts, 2);
  EXPECT_EQ(r.nextAttemptAt, t0 + 30000 + 120000);

  now_ = t0 + 30000 + 119999;
  EXPECT_EQ(relay.runOnce(), 0);
  now_ = t0 + 30000 + 120000;
  EXPECT_EQ(relay.runOnce(), 1);
  r = row(id);
  EXPECT_EQ(r.status, "failed");
  EXPECT_EQ(r.attempts, 3);
  EXPECT_FALSE(r.nextAttemptAt);
  EXPECT_FALSE(r.sentAt);
  EXPECT_EQ(r.lastError, "阿里云 isp.SYSTEM_ERROR: 系统错误 ***");
  now_ = now_ + 86400000;
  EXPECT_EQ(relay.runOnce(), 0) << "a failed message stays failed";
  EXPECT_EQ(p.delivered().size(), 3u);
}

TEST_F(RelayTest, BackoffLastValueRepeats) {
  ScriptedProvider p({{Outcome::sent, "", ""}});
  Relay relay(*db_, p, options(10), clock());
  EXPECT_EQ(relay.backoffMs(1), 30000);
  EXPECT_EQ(relay.backoffMs(2), 120000);
  EXPECT_EQ(relay.backoffMs(7), 120000);
}

TEST_F(RelayTest, RetryThenSentClearsTheError) {
  const long long id = queue();
  ScriptedProvider p({{Outcome::retry, "", "短信网关超时未应答"}, {Outcome::sent, "M2", ""}});
  Relay relay(*db_, p, options(), clock());
  relay.runOnce();
  now_ = now_ + 30000;
  relay.runOnce();
  const SmsRow r = row(id);
  EXPECT_EQ(r.status, "sent");
  EXPECT_EQ(r.attempts, 2);
  EXPECT_EQ(r.lastError, "");
  EXPECT_EQ(r.providerMessageId, "M2");
}

TEST_F(RelayTest, RefusalFailsAtOnce) {
  const long long id = queue();
  ScriptedProvider p({{Outcome::failed, "", "阿里云 isv.MOBILE_NUMBER_ILLEGAL: 非法手机号"}});
  Relay relay(*db_, p, options(5), clock());
  relay.runOnce();
  const SmsRow r = row(id);
  EXPECT_EQ(r.status, "failed");
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(r.lastError, "阿里云 isv.MOBILE_NUMBER_ILLEGAL: 非法手机号");
  EXPECT_EQ(r.provider, "http");
}

TEST_F(RelayTest, ALeaseIsTakenOverOnlyWhenItRunsOut) {
  const long long id = queue();
  // Another process claimed it and is sending (or died while sending).
  db_->write([&](db::Conn& c) {
    c.exec(db::Query("UPDATE sms_messages SET status = 'sending', attempts = 1, lease_until = ?, claim_token = 'other' WHERE id = ?",
                     now_.load() + 60000, id));
  });
  ScriptedProvider p({{Outcome::sent, "", ""}});
  Relay relay(*db_, p, options(), clock());
  EXPECT_EQ(relay.runOnce(), 0) << "a live lease is left alone";
  EXPECT_EQ(row(id).status, "sending");
  now_ = now_ + 60001;
  EXPECT_EQ(relay.runOnce(), 1) << "a lease that ran out is taken over";
  EXPECT_EQ(row(id).status, "sent");
  EXPECT_EQ(row(id).attempts, 2);
}

TEST_F(RelayTest, TheOldClaimCannotRecordOverANewOne) {
  const long long id = queue();
  // A slow relay whose lease runs out mid-delivery: another takes over and records first.
  std::atomic<int> step{0};
  class SlowProvider : public Provider {
   public:
    explicit SlowProvider(std::atomic<int>& s) : s_(s) {}
    const char* name() const override { return "http"; }
    Delivery deliver(const Outgoing&, const std::atomic<bool>&) override {
      s_ = 1;
      while (s_ != 2) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      return {Outcome::failed, "", "late"};
    }
    std::atomic<int>& s_;
  } slow(step);
  Relay first(*db_, slow, options(), clock());
  std::thread t([&] { first.runOnce(); });
  while (step != 1) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  now_ = now_ + 60001;
  ScriptedProvider quick({{Outcome::sent, "Q", ""}});
  Relay second(*db_, quick, options(), clock());
  EXPECT_EQ(second.runOnce(), 1);
  step = 2;
  t.join();
  EXPECT_EQ(row(id).status, "sent") << "the first relay's late answer does not overwrite";
  EXPECT_EQ(row(id).providerMessageId, "Q");
}

TEST_F(RelayTest, TwoProcessesNeverDeliverAMessageTwice) {
  std::vector<long long> ids;
  for (int i = 0; i < 40; ++i) ids.push_back(queue("1380000" + std::to_string(1000 + i)));
  // Two connections pools on one file, as two server processes would have.
  db::Database other("sqlite3://db=" + path_.string(), 2);
  ScriptedProvider a({{Outcome::sent, "", ""}}, 2);
  ScriptedProvider b({{Outcome::sent, "", ""}}, 2);
  auto opts = options();
  opts.batch = 40;  // both see every row and race for each
  Relay ra(*db_, a, opts, clock());
  Relay rb(other, b, opts, clock());
  std::thread ta([&] { while (ra.runOnce() > 0) {} });
  std::thread tb([&] { while (rb.runOnce() > 0) {} });
  ta.join();
  tb.join();
  std::multiset<long long> delivered;
  for (const auto& m : a.delivered()) delivered.insert(m.id);
  for (const auto& m : b.delivered()) delivered.insert(m.id);
  EXPECT_EQ(delivered.size(), ids.size());
  for (long long id : ids) {
    EXPECT_EQ(delivered.count(id), 1u) << "message " << id;
    EXPECT_EQ(row(id).status, "sent");
    EXPECT_EQ(row(id).attempts, 1);
  }
  EXPECT_GT(a.delivered().size(), 0u);
  EXPECT_GT(b.delivered().size(), 0u);
}

TEST_F(RelayTest, AMessageQueuedInThisProcessWakesTheRelay) {
  ScriptedProvider p({{Outcome::sent, "", ""}});
  Relay relay(*db_, p, options(), nullptr);  // real clock; polls only every 60 s
  relay.start();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // its first pass is over: it waits
  auto outbox = makeOutbox("http", [&relay] { relay.kick(); });
  const auto t0 = std::chrono::steady_clock::now();
  const long long id = queue("13800000009", outbox.get());
  while (row(id).status != "sent" && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5))
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(row(id).status, "sent");
  EXPECT_LT(ms, 1000);
  relay.stop();
}

TEST_F(RelayTest, AKickBeforeTheCommitIsFollowedByQuickLooks) {
  ScriptedProvider p({{Outcome::sent, "", ""}});
  Relay relay(*db_, p, options(), nullptr);
  relay.start();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  // The kick comes inside the transaction, which commits 150 ms later (PostgreSQL: no write lock in
  // between, the relay looks and finds nothing).
  auto outbox = makeOutbox("http", [&relay] { relay.kick(); });
  long long id = 0;
  db_->write([&](db::Conn& c) {
    outbox->send(c, {"13800000010", "verification_code", "x", std::nullopt, "/1/"});
    id = c.scalar(db::Query("SELECT MAX(id) FROM sms_messages"));
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
  });
  const auto t0 = std::chrono::steady_clock::now();
  while (row(id).status != "sent" && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5))
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(row(id).status, "sent");
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(500));
  relay.stop();
}

TEST_F(RelayTest, StopAbandonsADeliveryInFlightAsDueAgain) {
  LocalHttpServer server([](const test_http::Request&) { return Answer{200, R"({"code":"0"})", 5000}; });
  auto s = httpSettings(server.url());
  s.timeoutMs = 10000;
  auto provider = makeHttpProvider(s);
  Relay relay(*db_, *provider, options(1), nullptr);  // one attempt only: still not failed by a stop
  const long long id = queue();
  relay.start();
  relay.kick();
  const auto t0 = std::chrono::steady_clock::now();
  while (server.requests().empty() && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5))
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ASSERT_EQ(server.requests().size(), 1u);
  const auto t1 = std::chrono::steady_clock::now();
  relay.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - t1, std::chrono::seconds(2));
  const SmsRow r = row(id);
  EXPECT_EQ(r.status, "queued");
  EXPECT_LE(*r.nextAttemptAt, core::nowMs());
  EXPECT_EQ(r.lastError, "服务停止,发送中断");
}

// ---------------------------------------------------------------------------------------------------
// Settings.

TEST(SmsConfig, ReadsTheSmsTables) {
  test_files::TempFile f("sms.toml");
  std::ofstream(f.str()) << R"(
db = "sqlite3://db=x.db"
[sms]
provider = "aliyun"
max_attempts = 4
backoff_seconds = [5, 60]
poll_ms = 500
timeout_ms = 4000
[sms.aliyun]
access_key_id = "LTAI-id"
access_key_secret = "from-file"
sign_name = "咸阳市公安局"
endpoint = "http://127.0.0.1:9/"
[sms.http]
url = "https://sms.example.gov.cn/api/send"
success_field = "result.code"
retry_values = ["BUSY", "LIMIT"]
extra = { channel = "gov" }
[sms.templates.verification_code]
aliyun = "SMS_1"
params = { code = "{code}" }
)";
  app::Config cfg;
  app::loadConfigFile(f.str(), cfg);
  EXPECT_EQ(cfg.sms.provider, "aliyun");
  EXPECT_EQ(cfg.sms.maxAttempts, 4);
  EXPECT_EQ(cfg.sms.backoffSeconds, (std::vector<int>{5, 60}));
  EXPECT_EQ(cfg.sms.pollMs, 500);
  EXPECT_EQ(cfg.sms.timeoutMs, 4000);
  EXPECT_EQ(cfg.sms.aliyun.signName, "咸阳市公安局");
  EXPECT_EQ(cfg.sms.aliyun.accessKeySecret, "from-file");
  EXPECT_EQ(cfg.sms.http.successField, "result.code");
  EXPECT_EQ(cfg.sms.http.retryValues, (std::vector<std::string>{"BUSY", "LIMIT"}));
  EXPECT_EQ(cfg.sms.http.extra.at("channel"), "gov");
  EXPECT_EQ(cfg.sms.templates.at("verification_code").aliyun, "SMS_1");
  EXPECT_EQ(cfg.sms.templates.at("verification_code").params.at("code"), "{code}");
  EXPECT_NO_THROW(validate(cfg.sms));

  ::setenv("BAOAN_SMS_ALIYUN_ACCESS_KEY_SECRET", "from-env", 1);
  app::applyEnvironment(cfg);
  ::unsetenv("BAOAN_SMS_ALIYUN_ACCESS_KEY_SECRET");
  EXPECT_EQ(cfg.sms.aliyun.accessKeySecret, "from-env");
}

TEST(SmsConfig, ErrorsNameTheKeyNeverTheValue) {
  auto errorOf = [](const std::string& toml) {
    test_files::TempFile f("bad.toml");
    std::ofstream(f.str()) << toml;
    app::Config cfg;
    try {
      app::loadConfigFile(f.str(), cfg);
      validate(cfg.sms);
    } catch (const std::exception& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  std::string e = errorOf("[sms.http]\nsecret = 12345678\n");
  EXPECT_NE(e.find("sms.http.secret must be a string"), std::string::npos) << e;
  EXPECT_EQ(e.find("12345678"), std::string::npos) << e;
  e = errorOf("[sms.aliyun]\naccess_key = \"AbcSecret\"\n");
  EXPECT_NE(e.find("sms.aliyun.access_key is not a known key"), std::string::npos) << e;
  EXPECT_EQ(e.find("AbcSecret"), std::string::npos) << e;
  e = errorOf("[sms]\nprovider = \"aliyun\"\n[sms.aliyun]\naccess_key_id = \"id\"\nsign_name = \"s\"\n");
  EXPECT_NE(e.find("BAOAN_SMS_ALIYUN_ACCESS_KEY_SECRET"), std::string::npos) << e;
  e = errorOf("[sms]\nprovider = \"http\"\n[sms.http]\nurl = \"ftp://x\"\nsecret = \"HttpSecret\"\n");
  EXPECT_NE(e.find("http.url"), std::string::npos) << e;
  EXPECT_EQ(e.find("HttpSecret"), std::string::npos) << e;
  e = errorOf("[sms]\nprovider = \"carrier-pigeon\"\n");
  EXPECT_NE(e.find("provider"), std::string::npos) << e;
  e = errorOf("[sms]\nbackoff_seconds = []\n");
  EXPECT_NE(e.find("backoff_seconds"), std::string::npos) << e;
  EXPECT_EQ(errorOf("db = \"x\"\n"), "") << "no [sms]: the local provider";
}

}  // namespace
