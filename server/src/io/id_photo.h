#pragma once
// The photo of a 保安员证 (DOMAIN.md: 26×32 mm, 358×441 px, white background), checked when it is
// uploaded so that the person hears at once which rule it fails: a JPEG; 358×441 pixels or larger in
// the same proportions (it is scaled for the card); a light background; a face-sized dark region in
// the middle. The checks read the decoded grey levels; they are a screen for obvious mistakes (a scan
// of a document, a dark or landscape picture), not face recognition.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace baoan::io {

constexpr int kIdPhotoWidth = 358;
constexpr int kIdPhotoHeight = 441;

// nullopt when the photo passes; otherwise the first rule it fails, as the person reads it.
std::optional<std::string> checkIdPhoto(std::string_view bytes);

// A greyscale JPEG of `pixels` (row by row, width × height bytes).
std::string encodeGreyJpeg(int width, int height, const std::vector<unsigned char>& pixels, int quality = 85);

// A portrait as the demo and the tests use it: a light background and a dark head and shoulders in
// the middle, varied by `seed`. Passes checkIdPhoto at 358×441.
std::vector<unsigned char> portraitPixels(int width, int height, unsigned seed);

}  // namespace baoan::io
