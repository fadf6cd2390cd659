#pragma once
// The face of a 保安员证 as printed (issue 13, manual §6.3.2–6.3.3): the national layout on an ID-1
// card (85.6 × 54 mm) — the title band, the holder's photo, 姓名, 性别, 公民身份号码, 证书编号, 发证机关,
// 发证日期 and the QR code of the public verification page. One card is a PDF of the card's size; a
// batch is A4 sheets of 10 cards (2 × 5) with thin cutting frames. Drawn with io/pdf (the licence's
// CJK fonts and vector QR); nothing here reads the database.
#include <optional>
#include <string>
#include <vector>

namespace baoan::certificates {

inline constexpr double kCardWidth = 85.6, kCardHeight = 54.0;  // ISO/IEC 7810 ID-1, mm
inline constexpr int kCardsPerSheet = 10;

// What one card shows.
struct CardFace {
  std::string name, genderName, idNo, number, issuerName, issuedOn;  // issuedOn as printed: 2026年12月7日
  std::string verifyUrl;                                              // the QR code's content
  std::optional<std::string> photo;                                   // JPEG/PNG bytes; a framed blank without
  bool revoked = false;                                               // 已吊销 across the face
};

// 男 / 女 from the stored gender (male/female, 1/2, or already 男/女); "" when unknown.
std::string genderName(const std::string& gender);
// "2026-12-07" → "2026年12月7日" (other text unchanged).
std::string chineseDate(const std::string& ymd);

// Where card `index` (0-based) of a batch goes: its sheet (0-based) and its top-left corner on A4, mm.
struct SheetSlot {
  int sheet = 0;
  double x = 0, y = 0;
};
SheetSlot sheetSlot(int index);

// One card as a PDF page of the card's size.
std::string renderCard(const CardFace& face);
// Cards on A4 sheets, 10 a sheet, in order.
std::string renderSheet(const std::vector<CardFace>& faces);

}  // namespace baoan::certificates
