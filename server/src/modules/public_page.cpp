#include "modules/public_page.h"

namespace baoan::modules {

std::string escapeHtml(std::string_view s) {
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

std::string renderPublicPage(const PublicPage& p) {
  const std::string title = escapeHtml(p.title);
  return R"(<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>)" + title + R"( - 保安服务监管信息系统</title>
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
)" + p.extraCss + R"(</style></head><body>
<header>)" + title + R"(</header>
<main><div class="card">)" + p.card + R"(</div>
<footer>)" + escapeHtml(p.footer) + R"(</footer></main>
</body></html>
)";
}

std::string verdictBox(bool valid, std::string_view text) {
  return std::string("<div class=\"verdict ") + (valid ? "valid\">✔ " : "invalid\">✖ ") + escapeHtml(text) + "</div>\n";
}

FactList& FactList::add(std::string_view label, std::string_view value) {
  rows_.append("<dt>").append(escapeHtml(label)).append("</dt><dd>").append(escapeHtml(value)).append("</dd>");
  return *this;
}

}  // namespace baoan::modules
