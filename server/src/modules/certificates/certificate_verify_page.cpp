#include "modules/certificates/certificate_verify_page.h"

#include <string_view>


namespace baoan::certificates {

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

std::string base64(const std::string& bytes) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(v >> 18) & 63], out += kAlphabet[(v >> 12) & 63], out += kAlphabet[(v >> 6) & 63], out += kAlphabet[v & 63];
  }
  if (i < bytes.size()) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[(v >> 18) & 63], out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

int hexValue(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

std::string decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hexValue(s[i + 1]) >= 0 && hexValue(s[i + 2]) >= 0) {
      out += static_cast<char>(hexValue(s[i + 1]) * 16 + hexValue(s[i + 2]));
      i += 2;
    } else {
      out += s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

std::string page(const std::string& body) {
  return R"(<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>保安员证核验 - 保安服务监管信息系统</title>
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
.photo{text-align:center;margin:0 0 14px}.photo img{width:120px;border:1px solid #d0d3d6}
form{margin-top:16px;border-top:1px solid #eceef0;padding-top:14px;font-size:14px}
input{width:100%;box-sizing:border-box;padding:8px;font-size:15px;margin:6px 0;border:1px solid #c9cdd4;border-radius:4px}
button{padding:8px 18px;font-size:15px;background:#1d4f91;color:#fff;border:0;border-radius:4px}
.note{color:#b42318;font-size:14px;margin:8px 0 0}
footer{color:#8f959e;font-size:12px;text-align:center;margin:18px 0}
</style></head><body>
<header>保安员证核验</header>
<main><div class="card">)" + body + R"(</div>
<footer>本页面由公安机关保安服务监管信息系统提供,仅显示保安员证的公开信息。</footer></main>
</body></html>
)";
}
}  // namespace

std::string verifyPage(const Verification& v, const std::string& action) {
  const bool valid = v.status == "valid";
  std::string body = "<div class=\"verdict ";
  if (valid) {
    body += "valid\">✔ 该保安员证有效";
  } else {
    body += "invalid\">✖ 该保安员证已吊销";
    if (v.revokedOn) body.append("(").append(escape(*v.revokedOn)).append(")");
  }
  body += "</div>\n";
  if (v.idChecked) {
    body += "<div class=\"photo\">";
    if (v.photo) body += "<img alt=\"持证人照片\" src=\"data:" + v.photoType + ";base64," + base64(*v.photo) + "\">";
    else body += "<p>未留存持证人照片</p>";
    body += "</div>\n";
  }
  body += "<dl>";
  auto row = [&](const char* k, const std::string& val) { body += "<dt>" + std::string(k) + "</dt><dd>" + escape(val) + "</dd>"; };
  row("证件名称", "保安员证");
  row("证书编号", v.number);
  row("姓名", v.idChecked ? v.name : v.maskedName);
  row("发证机关", v.issuingOrgName);
  row("发证日期", v.issuedOn);
  std::string state = v.statusName;
  if (!valid && v.revokedOn) state.append("(").append(*v.revokedOn).append(")");
  row("状态", state);
  body += "</dl>";
  if (!v.idChecked) {
    body += "<form method=\"post\" action=\"" + escape(action) + "\"><label for=\"idNo\">输入持证人完整的公民身份号码,可查看持证人照片:</label>"
            "<input id=\"idNo\" name=\"idNo\" maxlength=\"18\" autocomplete=\"off\" inputmode=\"text\"><button type=\"submit\">核对</button>";
    if (v.idMismatch) body += "<p class=\"note\">公民身份号码与该证持证人不符</p>";
    body += "</form>";
  }
  return page(body);
}

std::string verifyErrorPage(const std::string& message) { return page("<div class=\"verdict invalid\">" + escape(message) + "</div>"); }

std::string formValue(const std::string& body, const std::string& key) {
  std::string_view rest(body);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    const auto eq = pair.find('=');
    if (decode(pair.substr(0, eq)) == key) return eq == std::string_view::npos ? std::string() : decode(pair.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return {};
}

}  // namespace baoan::certificates
