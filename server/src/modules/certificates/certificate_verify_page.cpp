#include "modules/certificates/certificate_verify_page.h"

#include "crypto/crypto.h"
#include "modules/public_page.h"

namespace baoan::certificates {

namespace {
std::string certificatePage(const std::string& card) {
  return modules::renderPublicPage(
      {.title = "保安员证核验",
       .footer = "本页面由公安机关保安服务监管信息系统提供,仅显示保安员证的公开信息。",
       .extraCss = ".photo{text-align:center;margin:0 0 14px}.photo img{width:120px;border:1px solid #d0d3d6}\n"
                   "form{margin-top:16px;border-top:1px solid #eceef0;padding-top:14px;font-size:14px}\n"
                   "input{width:100%;box-sizing:border-box;padding:8px;font-size:15px;margin:6px 0;border:1px solid #c9cdd4;border-radius:4px}\n"
                   "button{padding:8px 18px;font-size:15px;background:#1d4f91;color:#fff;border:0;border-radius:4px}\n"
                   ".note{margin:8px 0 0}\n",
       .card = card});
}
}  // namespace

std::string verifyPage(const Verification& v, const std::string& action) {
  const bool valid = v.status == "valid";
  std::string card = modules::verdictBox(valid, valid ? "该保安员证有效" : "该保安员证已吊销" + (v.revokedOn ? "(" + *v.revokedOn + ")" : std::string()));
  if (v.idChecked) {
    card += "<div class=\"photo\">";
    if (v.photo) card += "<img alt=\"持证人照片\" src=\"data:" + modules::escapeHtml(v.photoType) + ";base64," + crypto::base64(*v.photo) + "\">";
    else card += "<p>未留存持证人照片</p>";
    card += "</div>\n";
  }
  std::string state = v.statusName;
  if (!valid && v.revokedOn) state.append("(").append(*v.revokedOn).append(")");
  card += modules::FactList()
              .add("证件名称", "保安员证")
              .add("证书编号", v.number)
              .add("姓名", v.idChecked ? v.name : v.maskedName)
              .add("发证机关", v.issuingOrgName)
              .add("发证日期", v.issuedOn)
              .add("状态", state)
              .html();
  if (!v.idChecked) {
    card += "<form method=\"post\" action=\"" + modules::escapeHtml(action) + "\"><label for=\"idNo\">输入持证人完整的公民身份号码,可查看持证人照片:</label>"
            "<input id=\"idNo\" name=\"idNo\" maxlength=\"18\" autocomplete=\"off\" inputmode=\"text\"><button type=\"submit\">核对</button>";
    if (v.idMismatch) card += "<p class=\"note\">公民身份号码与该证持证人不符</p>";
    card += "</form>";
  }
  return certificatePage(card);
}

std::string verifyErrorPage(const std::string& message) { return certificatePage(modules::verdictBox(false, message)); }

}  // namespace baoan::certificates
