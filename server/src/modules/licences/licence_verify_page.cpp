#include "modules/licences/licence_verify_page.h"

namespace baoan::licences {

namespace {
std::string escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
  return out;
}

std::string page(const std::string& title, const std::string& body) {
  return R"(<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>许可证核验 - 保安服务监管信息系统</title>
<style>
body{margin:0;font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;background:#f2f4f7;color:#1f2329}
header{background:#1d4f91;color:#fff;padding:14px 16px;font-size:17px;font-weight:600}
main{max-width:560px;margin:16px auto;padding:0 12px}
.card{background:#fff;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.08);padding:18px}
.verdict{font-size:20px;font-weight:700;padding:12px;border-radius:6px;text-align:center;margin-bottom:14px}
.valid{background:#e8f7ee;color:#137a3b;border:1px solid #a6e0bd}
.invalid{background:#fdecec;color:#b42318;border:1px solid #f4b4ae}
dl{display:grid;grid-template-columns:6.5em 1fr;gap:10px 8px;margin:0;font-size:15px}
dt{color:#646a73}dd{margin:0;word-break:break-all}
.note{color:#b42318;font-size:14px;margin:0 0 12px}
footer{color:#8f959e;font-size:12px;text-align:center;margin:18px 0}
</style></head><body>
<header>)" + escape(title) + R"(核验</header>
<main><div class="card">)" + body + R"(</div>
<footer>本页面由公安机关保安服务监管信息系统提供,仅显示许可证的公开信息。</footer></main>
</body></html>
)";
}
}  // namespace

std::string verifyPage(const Verification& v) {
  const bool valid = v.status == "valid";
  // 已吊销 / 已注销 / 已换发 with the day it happened.
  const std::string ended = "已" + v.statusName + (v.statusDate.empty() ? "" : "(" + v.statusDate + ")");
  std::string body = std::string("<div class=\"verdict ") + (valid ? "valid\">✔ 该许可证有效" : "invalid\">✖ 该许可证" + escape(ended)) +
                     "</div>\n";
  if (v.status == "replaced") body += "<p class=\"note\">该许可证已换发新证,本证件作废,请以持证单位出示的新证为准。</p>\n";
  body += "<dl>";
  auto row = [&](const char* k, const std::string& val) { body += "<dt>" + std::string(k) + "</dt><dd>" + escape(val) + "</dd>"; };
  row("证件名称", v.businessTypeName);
  row("许可证编号", v.number);
  row("名称", v.holderName);
  row("发证机关", v.issuerName);
  row("发证日期", v.issuedOn);
  row("状态", valid ? v.statusName : ended);
  body += "</dl>";
  return page(v.businessTypeName.empty() ? "许可证" : v.businessTypeName, body);
}

std::string verifyErrorPage(const std::string& message) {
  return page("许可证", "<div class=\"verdict invalid\">" + escape(message) + "</div>");
}

}  // namespace baoan::licences
