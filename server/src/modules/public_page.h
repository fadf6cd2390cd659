#pragma once
// The public pages a QR code opens (the licence's and the 保安员证's verification): small,
// server-rendered, Chinese, readable on a phone, no script. One shell and one set of parts, so that
// both pages look the same and escape the same way.
#include <string>
#include <string_view>

namespace baoan::modules {

// Text for HTML content and attribute values (&, <, >, ", ').
std::string escapeHtml(std::string_view s);

struct PublicPage {
  std::string title;     // the page's <title> and header, e.g. 保安员证核验 (plain text)
  std::string footer;    // the line under the card (plain text)
  std::string extraCss;  // rules the page adds to the shared style
  std::string card;      // the card's HTML (built with the parts below)
};
std::string renderPublicPage(const PublicPage& p);

// The verdict box at the top of the card: green when valid, red otherwise (plain text).
std::string verdictBox(bool valid, std::string_view text);

// The card's facts as a definition list; values are escaped.
class FactList {
 public:
  FactList& add(std::string_view label, std::string_view value);
  std::string html() const { return "<dl>" + rows_ + "</dl>"; }

 private:
  std::string rows_;
};

}  // namespace baoan::modules
