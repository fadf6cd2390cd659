// modules/certificates without a database: the certificate number, what a card shows and where the
// cards of a batch go on A4, the PDFs' page sizes, the art. 17 revocation rule, the masked name of the
// public page and its form decoding.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <stdexcept>
#include <string>

#include "io/pdf.h"
#include "modules/certificates/certificate_card.h"
#include "modules/certificates/certificate_number.h"
#include "modules/certificates/certificate_service.h"
#include "http/message.h"
#include "modules/certificates/certificate_verify_page.h"

using namespace baoan::certificates;

namespace {
int countOf(const std::string& hay, const std::string& needle) {
  int n = 0;
  for (auto at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

// The MediaBox of each page, as "w h" in points rounded to whole points.
std::vector<std::pair<long, long>> pageSizes(const std::string& pdf) {
  std::vector<std::pair<long, long>> out;
  static const std::regex box(R"(/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\])");
  for (auto it = std::sregex_iterator(pdf.begin(), pdf.end(), box); it != std::sregex_iterator(); ++it)
    out.emplace_back(std::lround(std::stod((*it)[1])), std::lround(std::stod((*it)[2])));
  return out;
}

CardFace sampleFace(int i) {
  CardFace f;
  f.name = "张三丰";
  f.genderName = "男";
  f.idNo = "610404199001011234";
  f.number = formatNumber("6104", 2026, i + 1);
  f.issuerName = "咸阳市公安局";
  f.issuedOn = chineseDate("2026-12-07");
  f.verifyUrl = "http://127.0.0.1:8080/verify/certificate/0123456789abcdef0123456789abcdef";
  return f;
}
}  // namespace

TEST(CertificateNumber, FourteenDigitsOfProvinceCityYearAndSequence) {
  const std::string n = formatNumber("6104", 2026, 12);
  EXPECT_EQ(n, "61042026000012");
  EXPECT_EQ(n.size(), 14u);
  EXPECT_TRUE(isCertificateNumber(n));
  EXPECT_EQ(formatNumber("6101", 2027, 999999), "61012027999999");
  // Distinct sequence values give distinct numbers; the city and the year keep their own ranges.
  std::set<std::string> seen;
  for (long long s = 1; s <= 2000; ++s) EXPECT_TRUE(seen.insert(formatNumber("6104", 2026, s)).second);
  EXPECT_NE(formatNumber("6104", 2026, 1), formatNumber("6101", 2026, 1));
  EXPECT_NE(formatNumber("6104", 2026, 1), formatNumber("6104", 2027, 1));
  EXPECT_THROW(formatNumber("6104", 2026, 0), std::out_of_range);
  EXPECT_THROW(formatNumber("6104", 2026, 1000000), std::out_of_range);
  EXPECT_THROW(formatNumber("61", 2026, 1), std::out_of_range);
  EXPECT_FALSE(isCertificateNumber("1104202600001"));
  EXPECT_FALSE(isCertificateNumber("11042026000001"));
  EXPECT_FALSE(isCertificateNumber("6104202600000X"));
}

TEST(CertificateNumber, TheCityOfARegionOfShaanxi) {
  EXPECT_EQ(cityPrefixOf("610400"), "6104");
  EXPECT_EQ(cityPrefixOf("610404"), "6104");
  EXPECT_EQ(cityPrefixOf("610404001000"), "6104");
  EXPECT_EQ(cityPrefixOf("610100"), "6101");
  EXPECT_FALSE(cityPrefixOf("610000"));  // the province itself has no city
  EXPECT_FALSE(cityPrefixOf("110100"));  // not Shaanxi
  EXPECT_FALSE(cityPrefixOf("6104"));
  EXPECT_FALSE(cityPrefixOf("61040a"));
  EXPECT_EQ(sequenceKey("6104"), "保安员证6104");
}

TEST(CertificateCard, WhatTheFaceShows) {
  EXPECT_EQ(genderName("male"), "男");
  EXPECT_EQ(genderName("female"), "女");
  EXPECT_EQ(genderName("1"), "男");
  EXPECT_EQ(genderName("2"), "女");
  EXPECT_EQ(genderName("女"), "女");
  EXPECT_EQ(genderName("x"), "");
  EXPECT_EQ(chineseDate("2026-12-07"), "2026年12月7日");
  EXPECT_EQ(chineseDate("2026-01-20"), "2026年1月20日");
  EXPECT_EQ(chineseDate("bad"), "bad");
}

TEST(CertificateCard, TenCardsOnEachA4SheetWithoutOverlapping) {
  using baoan::io::pdf::Document;
  for (int i = 0; i < 25; ++i) {
    const SheetSlot s = sheetSlot(i);
    EXPECT_EQ(s.sheet, i / kCardsPerSheet) << i;
    EXPECT_GE(s.x, 5.0) << i;
    EXPECT_GE(s.y, 5.0) << i;
    EXPECT_LE(s.x + kCardWidth, Document::kA4Width - 5.0) << i;
    EXPECT_LE(s.y + kCardHeight, Document::kA4Height - 5.0) << i;
    for (int j = i / kCardsPerSheet * kCardsPerSheet; j < i; ++j) {
      const SheetSlot o = sheetSlot(j);
      const bool apart = o.x + kCardWidth <= s.x || s.x + kCardWidth <= o.x || o.y + kCardHeight <= s.y || s.y + kCardHeight <= o.y;
      EXPECT_TRUE(apart) << i << " overlaps " << j;
    }
  }
  // The 11th card starts the second sheet where the first started.
  EXPECT_EQ(sheetSlot(10).x, sheetSlot(0).x);
  EXPECT_EQ(sheetSlot(10).y, sheetSlot(0).y);
}

TEST(CertificateCard, OneCardAtTheCardsSizeAndBatchesOnA4) {
  const std::string card = renderCard(sampleFace(0));
  ASSERT_EQ(card.rfind("%PDF-", 0), 0u);
  const auto one = pageSizes(card);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0], std::make_pair(243L, 153L));  // 85.6 × 54 mm

  std::vector<CardFace> faces;
  for (int i = 0; i < 11; ++i) faces.push_back(sampleFace(i));
  faces.back().revoked = true;
  faces.back().photo = std::string("not an image");  // drawn as a blank frame, not an error
  const std::string sheet = renderSheet(faces);
  const auto sizes = pageSizes(sheet);
  ASSERT_EQ(sizes.size(), 2u);  // 10 + 1
  for (const auto& s : sizes) EXPECT_EQ(s, std::make_pair(595L, 842L));  // A4
  EXPECT_GE(countOf(sheet, "/Type /Page"), 2);
}

TEST(CertificateRevocations, Article17BarsARecentRevocationOrTwo) {
  EXPECT_FALSE(revocationBar({0, std::nullopt}, "2026-12-07"));
  // Revoked once, less than three years ago.
  auto bar = revocationBar({1, "2024-12-08"}, "2026-12-07");
  ASSERT_TRUE(bar);
  EXPECT_NE(bar->find("未满3年"), std::string::npos);
  EXPECT_NE(bar->find("2027-12-08"), std::string::npos);
  EXPECT_TRUE(revocationBar({1, "2023-12-08"}, "2026-12-07"));  // one day short
  // Three full years later the person may register again.
  EXPECT_FALSE(revocationBar({1, "2023-12-07"}, "2026-12-07"));
  EXPECT_FALSE(revocationBar({1, "2020-05-01"}, "2026-12-07"));
  // 29 February: three years later is 1 March.
  EXPECT_TRUE(revocationBar({1, "2024-02-29"}, "2027-02-28"));
  EXPECT_FALSE(revocationBar({1, "2024-02-29"}, "2027-03-01"));
  // Twice: never again, however long ago.
  bar = revocationBar({2, "2010-01-01"}, "2026-12-07");
  ASSERT_TRUE(bar);
  EXPECT_NE(bar->find("2次"), std::string::npos);
}

TEST(CertificateVerify, MaskedNameAndTheIdForm) {
  EXPECT_EQ(maskName("张三丰"), "张**");
  EXPECT_EQ(maskName("欧阳娜娜"), "欧***");
  EXPECT_EQ(maskName("李"), "李*");
  auto formValue = [](const std::string& body, const std::string& key) {
    baoan::http::Request req;
    req.body = body;
    return req.formField(key);
  };
  EXPECT_EQ(formValue("idNo=610404199001011234", "idNo"), "610404199001011234");
  EXPECT_EQ(formValue("a=1&idNo=61040419900101123%58&b=2", "idNo"), "61040419900101123X");
  EXPECT_EQ(formValue("idNo=+6104+", "idNo"), " 6104 ");
  EXPECT_EQ(formValue("other=1", "idNo"), "");

  Verification v;
  v.number = "61042026000001";
  v.maskedName = "张**";
  v.name = "张三丰";
  v.issuingOrgName = "咸阳市公安局";
  v.issuedOn = "2026-12-07";
  v.status = "valid";
  v.statusName = "有效";
  std::string page = verifyPage(v, "/verify/certificate/t");
  EXPECT_NE(page.find("该保安员证有效"), std::string::npos);
  EXPECT_NE(page.find("张**"), std::string::npos);
  EXPECT_EQ(page.find("张三丰"), std::string::npos);
  EXPECT_NE(page.find("name=\"idNo\""), std::string::npos);
  EXPECT_EQ(page.find("<img"), std::string::npos);
  v.idChecked = true;
  v.photo = std::string("\xff\xd8\xff", 3);
  v.photoType = "image/jpeg";
  page = verifyPage(v, "/verify/certificate/t");
  EXPECT_NE(page.find("张三丰"), std::string::npos);
  EXPECT_NE(page.find("data:image/jpeg;base64,/9j/"), std::string::npos);
  v = Verification{};
  v.status = "revoked";
  v.statusName = "已吊销";
  v.revokedOn = "2026-12-01";
  v.maskedName = "<b>";
  page = verifyPage(v, "/x");
  EXPECT_NE(page.find("已吊销(2026-12-01)"), std::string::npos);
  EXPECT_EQ(page.find("<b>"), std::string::npos);
}
