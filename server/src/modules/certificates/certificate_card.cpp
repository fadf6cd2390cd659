#include "modules/certificates/certificate_card.h"

#include <stdexcept>

#include "io/pdf.h"

namespace baoan::certificates {

using namespace io::pdf;

namespace {
constexpr int kColumns = 2, kRows = 5;
constexpr double kGapX = 6, kGapY = 3;
const Rgb kBand{0.11, 0.31, 0.57};  // the card's blue title band
const Rgb kGrey{0.35, 0.35, 0.35};

void drawCard(Document& d, double x, double y, const CardFace& f) {
  const double W = kCardWidth, H = kCardHeight;
  // The band with the title.
  for (double i = 0; i < 11.5; i += 0.25) d.line(x, y + i, x + W, y + i, 0.3, kBand);
  d.textAt(x, y + 1.2, W, "中华人民共和国", TextStyle{Family::sans, 5.5, false, Align::center, {1, 1, 1}, 1.0, 2});
  d.textAt(x, y + 4.0, W, "保 安 员 证", TextStyle{Family::serif, 11, true, Align::center, {1, 1, 1}, 1.0, 3});

  // The photo (358 × 441, i.e. 22 × 27.1 mm), framed.
  const double px = x + 4, py = y + 14.5, pw = 22, ph = 27.1;
  bool drawn = false;
  if (f.photo && !f.photo->empty()) {
    try {
      d.image(px, py, pw, ph, *f.photo);
      drawn = true;
    } catch (const std::runtime_error&) {
      drawn = false;  // undecodable bytes: the blank frame below
    }
  }
  d.box(px, py, pw, ph, 0.2, kGrey);
  if (!drawn) d.textAt(px, py + ph / 2 - 2, pw, "照片", TextStyle{Family::sans, 7, false, Align::center, kGrey});

  const TextStyle label{Family::sans, 6, false, Align::left, kGrey};
  const TextStyle value{Family::sans, 7, true};
  const double lx = x + 29, vx = x + 43;
  auto field = [&](double at, const char* k, const std::string& v) {
    d.textAt(lx, y + at, 0, k, label);
    d.textAt(vx, y + at - 0.3, 0, v, value);
  };
  field(14.8, "姓    名", f.name);
  field(20.1, "性    别", f.genderName);
  field(25.4, "公民身份号码", f.idNo);
  field(30.7, "证书编号", f.number);
  // The organ and date beside the QR code, narrower.
  d.textAt(lx, y + 36.0, 0, "发证机关", label);
  d.textAt(vx, y + 35.7, 22, f.issuerName, TextStyle{Family::sans, 6.5, true});
  d.textAt(lx, y + 42.0, 0, "发证日期", label);
  d.textAt(vx, y + 41.7, 0, f.issuedOn, TextStyle{Family::sans, 6.5, true});

  const double q = 16;
  d.qr(x + W - q - 2.5, y + H - q - 5.5, q, f.verifyUrl);
  d.textAt(x + W - q - 2.5, y + H - 5.2, q, "扫码核验", TextStyle{Family::sans, 4.5, false, Align::center, kGrey});
  d.textAt(x + 4, y + H - 4.6, 50, "中华人民共和国公安部监制", TextStyle{Family::sans, 4.5, false, Align::left, kGrey});

  if (f.revoked) d.textAt(x, y + 20, W, "已吊销", TextStyle{Family::sans, 22, true, Align::center, kSealRed, 1.0, 8});
}
}  // namespace

std::string genderName(const std::string& g) {
  if (g == "male" || g == "1" || g == "男" || g == "M") return "男";
  if (g == "female" || g == "2" || g == "女" || g == "F") return "女";
  return "";
}

std::string chineseDate(const std::string& ymd) {
  if (ymd.size() != 10 || ymd[4] != '-' || ymd[7] != '-') return ymd;
  try {
    return ymd.substr(0, 4) + "年" + std::to_string(std::stoi(ymd.substr(5, 2))) + "月" + std::to_string(std::stoi(ymd.substr(8, 2))) + "日";
  } catch (const std::exception&) {
    return ymd;
  }
}

SheetSlot sheetSlot(int index) {
  const int onSheet = index % kCardsPerSheet;
  const double left = (Document::kA4Width - kColumns * kCardWidth - (kColumns - 1) * kGapX) / 2;
  const double top = (Document::kA4Height - kRows * kCardHeight - (kRows - 1) * kGapY) / 2;
  return {index / kCardsPerSheet, left + (onSheet % kColumns) * (kCardWidth + kGapX), top + (onSheet / kColumns) * (kCardHeight + kGapY)};
}

std::string renderCard(const CardFace& face) {
  Document d(Margins{0, 0, 0, 0}, kCardWidth, kCardHeight);
  d.setTitle("保安员证 " + face.number);
  d.setAuthor(face.issuerName);
  drawCard(d, 0, 0, face);
  return d.finish();
}

std::string renderSheet(const std::vector<CardFace>& faces) {
  Document d(Margins{0, 0, 0, 0});
  d.setTitle("保安员证(" + std::to_string(faces.size()) + "张)");
  for (std::size_t i = 0; i < faces.size(); ++i) {
    const SheetSlot s = sheetSlot(static_cast<int>(i));
    if (i > 0 && s.sheet >= d.pageCount()) d.newPage();
    d.box(s.x, s.y, kCardWidth, kCardHeight, 0.1, {0.6, 0.6, 0.6});  // the cutting frame
    drawCard(d, s.x, s.y, faces[i]);
  }
  return d.finish();
}

}  // namespace baoan::certificates
