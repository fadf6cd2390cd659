#include "io/id_photo.h"

#include <cmath>
#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include <jpeglib.h>

namespace baoan::io {

namespace {

struct ErrorManager {
  jpeg_error_mgr pub;
  std::jmp_buf jump;
};

[[noreturn]] void onJpegError(j_common_ptr info) {
  std::longjmp(reinterpret_cast<ErrorManager*>(info->err)->jump, 1);
}

void quiet(j_common_ptr, int) {}

struct Grey {
  int width = 0, height = 0;  // of the decoded (possibly scaled) image
  int fullWidth = 0, fullHeight = 0;
  std::vector<unsigned char> pixels;
};

// Decodes to grey levels, scaled down by libjpeg's DCT scaling for large photos (the checks need
// proportions and brightness, not detail). false when the bytes are not a readable JPEG.
bool decode(std::string_view bytes, Grey& out) {
  jpeg_decompress_struct info{};
  ErrorManager err{};
  info.err = jpeg_std_error(&err.pub);
  err.pub.error_exit = onJpegError;
  err.pub.emit_message = quiet;
  if (setjmp(err.jump)) {
    jpeg_destroy_decompress(&info);
    return false;
  }
  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<unsigned long>(bytes.size()));
  if (jpeg_read_header(&info, TRUE) != JPEG_HEADER_OK) {
    jpeg_destroy_decompress(&info);
    return false;
  }
  out.fullWidth = static_cast<int>(info.image_width);
  out.fullHeight = static_cast<int>(info.image_height);
  if (out.fullWidth > 20000 || out.fullHeight > 20000) {  // a decompression bomb, not a photo
    jpeg_destroy_decompress(&info);
    return false;
  }
  info.out_color_space = JCS_GRAYSCALE;
  info.scale_num = 1;
  info.scale_denom = out.fullWidth >= 4 * kIdPhotoWidth ? 4 : out.fullWidth >= 2 * kIdPhotoWidth ? 2 : 1;
  jpeg_start_decompress(&info);
  out.width = static_cast<int>(info.output_width);
  out.height = static_cast<int>(info.output_height);
  out.pixels.assign(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height), 0);
  while (info.output_scanline < info.output_height) {
    JSAMPROW row = out.pixels.data() + static_cast<std::size_t>(info.output_scanline) * static_cast<std::size_t>(out.width);
    jpeg_read_scanlines(&info, &row, 1);
  }
  jpeg_finish_decompress(&info);
  jpeg_destroy_decompress(&info);
  return true;
}

// Mean grey level of a rectangle given in fractions of the image.
double meanOf(const Grey& g, double x0, double y0, double x1, double y1) {
  const int ax = static_cast<int>(x0 * g.width), bx = static_cast<int>(x1 * g.width);
  const int ay = static_cast<int>(y0 * g.height), by = static_cast<int>(y1 * g.height);
  double sum = 0;
  long long n = 0;
  for (int y = ay; y < by; ++y)
    for (int x = ax; x < bx; ++x, ++n) sum += g.pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(g.width) + static_cast<std::size_t>(x)];
  return n ? sum / static_cast<double>(n) : 0;
}

// Share of the rectangle's pixels darker than `below`.
double darkShare(const Grey& g, double x0, double y0, double x1, double y1, double below) {
  const int ax = static_cast<int>(x0 * g.width), bx = static_cast<int>(x1 * g.width);
  const int ay = static_cast<int>(y0 * g.height), by = static_cast<int>(y1 * g.height);
  long long dark = 0, n = 0;
  for (int y = ay; y < by; ++y)
    for (int x = ax; x < bx; ++x, ++n)
      if (g.pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(g.width) + static_cast<std::size_t>(x)] < below) ++dark;
  return n ? static_cast<double>(dark) / static_cast<double>(n) : 0;
}

}  // namespace

std::optional<std::string> checkIdPhoto(std::string_view bytes) {
  if (bytes.size() < 4 || static_cast<unsigned char>(bytes[0]) != 0xFF || static_cast<unsigned char>(bytes[1]) != 0xD8)
    return "照片应为 JPG 格式";
  Grey g;
  if (!decode(bytes, g)) return "照片不是可读取的 JPG 图片";
  const std::string size = std::to_string(g.fullWidth) + "×" + std::to_string(g.fullHeight);
  if (g.fullWidth < kIdPhotoWidth || g.fullHeight < kIdPhotoHeight)
    return "照片应不小于 358×441 像素,上传的照片为 " + size + " 像素";
  // The card's proportions, within 1 % (a scaled photo rounds its sides).
  const double ratio = static_cast<double>(g.fullWidth) / g.fullHeight, wanted = static_cast<double>(kIdPhotoWidth) / kIdPhotoHeight;
  if (ratio < wanted * 0.99 || ratio > wanted * 1.01)
    return "照片宽高比例应为 358:441(如 358×441 像素),上传的照片为 " + size + " 像素";
  // Background: the two top corners, where no head or shoulder reaches.
  const double background = std::min(meanOf(g, 0, 0, 0.15, 0.2), meanOf(g, 0.85, 0, 1, 0.2));
  if (background < 170) return "照片背景应为白色或浅色,上传的照片背景偏暗";
  // The head: a clearly darker region filling a good part of the middle.
  if (darkShare(g, 0.3, 0.2, 0.7, 0.65, background - 50) < 0.25)
    return "照片中间未见人像:应为本人正面免冠头像,头部位于照片中央";
  return std::nullopt;
}

std::string encodeGreyJpeg(int width, int height, const std::vector<unsigned char>& pixels, int quality) {
  jpeg_compress_struct info{};
  ErrorManager err{};
  info.err = jpeg_std_error(&err.pub);
  err.pub.error_exit = onJpegError;
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  if (setjmp(err.jump)) {
    jpeg_destroy_compress(&info);
    std::free(buffer);
    return {};
  }
  jpeg_create_compress(&info);
  jpeg_mem_dest(&info, &buffer, &size);
  info.image_width = static_cast<JDIMENSION>(width);
  info.image_height = static_cast<JDIMENSION>(height);
  info.input_components = 1;
  info.in_color_space = JCS_GRAYSCALE;
  jpeg_set_defaults(&info);
  jpeg_set_quality(&info, quality, TRUE);
  jpeg_start_compress(&info, TRUE);
  while (info.next_scanline < info.image_height) {
    auto* row = const_cast<JSAMPROW>(pixels.data() + static_cast<std::size_t>(info.next_scanline) * static_cast<std::size_t>(width));
    jpeg_write_scanlines(&info, &row, 1);
  }
  jpeg_finish_compress(&info);
  std::string out(reinterpret_cast<const char*>(buffer), size);
  jpeg_destroy_compress(&info);
  std::free(buffer);
  return out;
}

std::vector<unsigned char> portraitPixels(int width, int height, unsigned seed) {
  std::vector<unsigned char> px(static_cast<std::size_t>(width) * static_cast<std::size_t>(height), 245);
  const double cx = width * (0.5 + (static_cast<int>(seed % 7) - 3) * 0.01), cy = height * 0.40;
  const double rx = width * (0.19 + (seed % 5) * 0.01), ry = height * 0.22;
  const unsigned char tone = static_cast<unsigned char>(60 + (seed % 4) * 15);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      const double dx = (x - cx) / rx, dy = (y - cy) / ry;
      const bool head = dx * dx + dy * dy <= 1;
      // Shoulders: a wide band from 70 % of the height down, narrowing towards the neck.
      const double sy = (y - height * 0.68) / (height * 0.32);
      const bool shoulders = sy >= 0 && std::fabs(x - cx) <= width * (0.18 + 0.3 * sy);
      if (head || shoulders) px[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)] = tone;
    }
  return px;
}

}  // namespace baoan::io
