#include "modules/licences/licence_verify_page.h"

#include "modules/public_page.h"

namespace baoan::licences {

namespace {
std::string licencePage(const std::string& kind, const std::string& card) {
  return modules::renderPublicPage({.title = kind + "核验",
                                    .footer = "本页面由公安机关保安服务监管信息系统提供,仅显示许可证的公开信息。",
                                    .extraCss = "",
                                    .card = card});
}
}  // namespace

std::string verifyPage(const Verification& v) {
  const bool valid = v.status == "valid";
  // 已吊销 / 已注销 / 已换发 with the day it happened.
  const std::string ended = "已" + v.statusName + (v.statusDate.empty() ? "" : "(" + v.statusDate + ")");
  std::string card = modules::verdictBox(valid, valid ? "该许可证有效" : "该许可证" + ended);
  if (v.status == "replaced") card += "<p class=\"note\">该许可证已换发新证,本证件作废,请以持证单位出示的新证为准。</p>\n";
  card += modules::FactList()
              .add("证件名称", v.businessTypeName)
              .add("许可证编号", v.number)
              .add("名称", v.holderName)
              .add("发证机关", v.issuerName)
              .add("发证日期", v.issuedOn)
              .add("状态", valid ? v.statusName : ended)
              .html();
  return licencePage(v.businessTypeName.empty() ? "许可证" : v.businessTypeName, card);
}

std::string verifyErrorPage(const std::string& message) { return licencePage("许可证", modules::verdictBox(false, message)); }

}  // namespace baoan::licences
