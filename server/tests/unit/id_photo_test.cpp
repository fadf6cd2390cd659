// The 保安员证 photo checks (io/id_photo, issue 13): each rule refuses what it should and names itself,
// and a proper portrait passes — at the card's size and scaled up in the same proportions.
#include "io/id_photo.h"

#include <gtest/gtest.h>

using namespace baoan::io;

namespace {
std::string portrait(int w, int h, unsigned seed = 1) { return encodeGreyJpeg(w, h, portraitPixels(w, h, seed)); }
std::string plain(int w, int h, unsigned char grey) { return encodeGreyJpeg(w, h, std::vector<unsigned char>(static_cast<std::size_t>(w * h), grey)); }
}  // namespace

TEST(IdPhoto, APortraitAtTheCardSizePasses) {
  for (unsigned seed = 0; seed < 12; ++seed) EXPECT_EQ(checkIdPhoto(portrait(358, 441, seed)), std::nullopt) << "seed " << seed;
}

TEST(IdPhoto, LargerInTheSameProportionsPasses) {
  EXPECT_EQ(checkIdPhoto(portrait(716, 882)), std::nullopt);
  EXPECT_EQ(checkIdPhoto(portrait(1432, 1764)), std::nullopt);
}

TEST(IdPhoto, NotAJpegIsRefused) {
  EXPECT_EQ(checkIdPhoto("\x89PNG\r\n\x1a\n0000"), "照片应为 JPG 格式");
  EXPECT_EQ(checkIdPhoto(std::string("\xFF\xD8\xFF\xE0", 4) + "broken"), "照片不是可读取的 JPG 图片");
}

TEST(IdPhoto, TooSmallNamesItsSize) {
  const auto problem = checkIdPhoto(portrait(179, 220));
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("179×220"), std::string::npos) << *problem;
  EXPECT_NE(problem->find("不小于 358×441"), std::string::npos) << *problem;
}

TEST(IdPhoto, OtherProportionsAreRefused) {
  const auto problem = checkIdPhoto(portrait(441, 441));
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("358:441"), std::string::npos) << *problem;
}

TEST(IdPhoto, ADarkBackgroundIsRefused) {
  auto px = portraitPixels(358, 441, 1);
  for (auto& p : px) p = static_cast<unsigned char>(p > 200 ? 90 : p);  // the light background made dark
  EXPECT_EQ(checkIdPhoto(encodeGreyJpeg(358, 441, px)), "照片背景应为白色或浅色,上传的照片背景偏暗");
}

TEST(IdPhoto, NoFaceInTheMiddleIsRefused) {
  EXPECT_EQ(checkIdPhoto(plain(358, 441, 250)), "照片中间未见人像:应为本人正面免冠头像,头部位于照片中央");
}
