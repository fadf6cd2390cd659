#include "io/pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <poppler.h>
#include <qrencode.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace baoan::io::pdf {

namespace {
constexpr double kPtPerMm = 72.0 / 25.4;
double pt(double mm) { return mm * kPtPerMm; }
double mm(double points) { return points / kPtPerMm; }

const char* familyName(Family f) { return f == Family::serif ? "Noto Serif CJK SC" : "Noto Sans CJK SC"; }

cairo_status_t appendBytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct PangoDeleter {
  void operator()(void* p) const { g_object_unref(p); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, PangoDeleter>;

// Reads a PNG from memory for cairo.
struct ByteReader {
  const std::string& bytes;
  std::size_t pos = 0;
};
cairo_status_t readBytes(void* closure, unsigned char* data, unsigned int length) {
  auto* r = static_cast<ByteReader*>(closure);
  if (r->pos + length > r->bytes.size()) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(data, r->bytes.data() + r->pos, length);
  r->pos += length;
  return CAIRO_STATUS_SUCCESS;
}

// The pixel size of a baseline or progressive JPEG from its SOF segment; false when not a JPEG.
bool jpegSize(const std::string& b, int& w, int& h) {
  auto at = [&](std::size_t i) { return static_cast<unsigned char>(b[i]); };
  if (b.size() < 4 || at(0) != 0xFF || at(1) != 0xD8) return false;
  std::size_t i = 2;
  while (i + 9 < b.size()) {
    if (at(i) != 0xFF) return false;
    const unsigned char marker = at(i + 1);
    if (marker == 0xFF) { ++i; continue; }
    const std::size_t len = (static_cast<std::size_t>(at(i + 2)) << 8) | at(i + 3);
    const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (sof) {
      h = (at(i + 5) << 8) | at(i + 6);
      w = (at(i + 7) << 8) | at(i + 8);
      return w > 0 && h > 0;
    }
    if (marker == 0xD9 || marker == 0xDA) return false;
    i += 2 + len;
  }
  return false;
}

// The pixel size of a PNG from its IHDR chunk; false when there is none.
bool pngSize(const std::string& b, long long& w, long long& h) {
  auto be32 = [&](std::size_t i) {
    return (static_cast<long long>(static_cast<unsigned char>(b[i])) << 24) | (static_cast<unsigned char>(b[i + 1]) << 16) |
           (static_cast<unsigned char>(b[i + 2]) << 8) | static_cast<unsigned char>(b[i + 3]);
  };
  if (b.size() < 24 || b.compare(12, 4, "IHDR") != 0) return false;
  w = be32(16);
  h = be32(20);
  return true;
}

// poppler's font engine shares one FreeType library between documents: one thread in poppler at a time.
std::mutex& popplerMutex() {
  static std::mutex m;
  return m;
}
}  // namespace

struct SourcePdf::Impl {
  PopplerDocument* doc = nullptr;
  ~Impl() {
    if (!doc) return;
    std::lock_guard<std::mutex> lock(popplerMutex());
    g_object_unref(doc);
  }
};

SourcePdf::SourcePdf(const std::string& bytes) : impl_(std::make_unique<Impl>()) {
  std::lock_guard<std::mutex> lock(popplerMutex());
  GBytes* data = g_bytes_new(bytes.data(), bytes.size());  // a copy, kept by the document
  GError* error = nullptr;
  impl_->doc = poppler_document_new_from_bytes(data, nullptr, &error);
  g_bytes_unref(data);
  if (!impl_->doc) {
    const std::string why = error && error->message ? error->message : "unknown error";
    if (error) g_error_free(error);
    throw std::runtime_error("pdf: cannot open the document: " + why);
  }
  pages_ = std::max(0, poppler_document_get_n_pages(impl_->doc));
}

SourcePdf::~SourcePdf() = default;

// Font maps, each used by one document at a time. Building a font map and loading the CJK faces
// into it costs a few hundred ms (fontconfig matching, FreeType, HarfBuzz); pango's default map is
// per thread, which would pay that once per worker thread, i.e. in the first requests after a start.
// Documents check a map out of this pool instead and give it back, so the cost is paid once per
// map and warmUp() can pay it before the first request. Pango objects are not safe for concurrent
// use, but a map used by one thread at a time may move between threads.
class FontMapPool {
 public:
  PangoFontMap* acquire() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!free_.empty()) {
        PangoFontMap* m = free_.back();
        free_.pop_back();
        return m;
      }
    }
    return pango_cairo_font_map_new();
  }
  void release(PangoFontMap* m) {
    std::lock_guard<std::mutex> lock(mutex_);
    free_.push_back(m);
  }

 private:
  std::mutex mutex_;
  std::vector<PangoFontMap*> free_;  // kept for the life of the process
};

FontMapPool& fontMaps() {
  static auto* pool = new FontMapPool();  // never destroyed: documents may finish during exit
  return *pool;
}

// Where documents are finished. cairo subsets each CJK face from a copy of its whole CFF table
// (~20 MB for Noto CJK) in a fresh malloc block; in a malloc arena that never held such a block the
// copy page-faults through all of it, several hundred ms per face on this machine kind (measured:
// a licence's first finish 400-700 ms per worker thread, later ones 40 ms). Finishing on a few
// threads of our own, each warmed once (warmUp), keeps that cost out of requests and the warm memory
// bounded (the workers only lay out and draw, which is cheap).
class Finisher {
 public:
  explicit Finisher(int threads) {
    for (int i = 0; i < threads; ++i) std::thread([this] { loop(); }).detach();
  }
  std::string run(std::function<std::string()> work) {
    if (onFinisher()) return work();
    std::packaged_task<std::string()> task(std::move(work));
    auto result = task.get_future();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      queue_.push_back(std::move(task));
    }
    ready_.notify_one();
    return result.get();
  }
  static bool& onFinisher() {
    thread_local bool on = false;
    return on;
  }

 private:
  void loop() {
    onFinisher() = true;
    warm();
    for (;;) {
      std::packaged_task<std::string()> task;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        ready_.wait(lock, [this] { return !queue_.empty(); });
        task = std::move(queue_.front());
        queue_.pop_front();
      }
      task();
    }
  }
  static void warm();
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::packaged_task<std::string()>> queue_;
};

std::once_flag finisherOnce;
Finisher* finisherPtr = nullptr;
Finisher& finisher(int threads = 2) {
  // Never destroyed: its threads wait for work until the process ends.
  std::call_once(finisherOnce, [threads] { finisherPtr = new Finisher(threads); });
  return *finisherPtr;
}

struct Document::Impl {
  std::string bytes;
  PangoFontMap* fontMap = nullptr;
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  PangoContext* pango = nullptr;
  bool finished = false;
  // The poppler documents whose pages were drawn: cairo writes their fonts at finish(), and a Type 3
  // font draws its glyphs by calling back into its document then.
  std::vector<PopplerDocument*> sources;

  ~Impl() {
    // Destroying an unfinished surface writes it (and its fonts): poppler's turn, when it drew.
    std::unique_lock<std::mutex> poppler(popplerMutex(), std::defer_lock);
    if (!sources.empty()) poppler.lock();
    if (pango) g_object_unref(pango);
    if (cr) cairo_destroy(cr);
    if (surface) cairo_surface_destroy(surface);
    if (fontMap) fontMaps().release(fontMap);
    for (auto* d : sources) g_object_unref(d);
  }

  LayoutPtr layout(const std::string& text, const TextStyle& s, double widthMm) {
    LayoutPtr l(pango_layout_new(pango));
    PangoFontDescription* fd = pango_font_description_new();
    pango_font_description_set_family_static(fd, familyName(s.family));
    pango_font_description_set_weight(fd, s.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_absolute_size(fd, s.size * PANGO_SCALE);
    pango_layout_set_font_description(l.get(), fd);
    pango_font_description_free(fd);
    if (widthMm > 0) {
      pango_layout_set_width(l.get(), static_cast<int>(pt(widthMm) * PANGO_SCALE));
      pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_alignment(l.get(), s.align == Align::center ? PANGO_ALIGN_CENTER
                                        : s.align == Align::right ? PANGO_ALIGN_RIGHT
                                                                  : PANGO_ALIGN_LEFT);
    if (s.lineSpacing != 1.0) pango_layout_set_line_spacing(l.get(), static_cast<float>(s.lineSpacing));
    if (s.letterSpacing != 0) {
      PangoAttrList* attrs = pango_attr_list_new();
      pango_attr_list_insert(attrs, pango_attr_letter_spacing_new(static_cast<int>(s.letterSpacing * PANGO_SCALE)));
      pango_layout_set_attributes(l.get(), attrs);
      pango_attr_list_unref(attrs);
    }
    pango_layout_set_text(l.get(), text.data(), static_cast<int>(text.size()));
    return l;
  }

  static double heightOf(PangoLayout* l) {
    int w = 0, h = 0;
    pango_layout_get_size(l, &w, &h);
    return mm(static_cast<double>(h) / PANGO_SCALE);
  }

  void color(Rgb c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }
};

Document::Document(Margins m, double pageWidth, double pageHeight)
    : impl_(std::make_unique<Impl>()), margins_(m), width_(pageWidth), height_(pageHeight) {
  impl_->surface = cairo_pdf_surface_create_for_stream(appendBytes, &impl_->bytes, pt(width_), pt(height_));
  cairo_pdf_surface_set_metadata(impl_->surface, CAIRO_PDF_METADATA_CREATOR, "baoan");
  impl_->cr = cairo_create(impl_->surface);
  if (cairo_status(impl_->cr) != CAIRO_STATUS_SUCCESS) throw std::runtime_error("cairo: cannot create the PDF surface");
  impl_->fontMap = fontMaps().acquire();
  impl_->pango = pango_font_map_create_context(impl_->fontMap);
  cairo_font_options_t* fo = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(impl_->pango, fo);
  cairo_font_options_destroy(fo);
  pango_cairo_update_context(impl_->cr, impl_->pango);
  startPage();
}

Document::~Document() = default;

void Document::setTitle(const std::string& title) { cairo_pdf_surface_set_metadata(impl_->surface, CAIRO_PDF_METADATA_TITLE, title.c_str()); }
void Document::setAuthor(const std::string& author) {
  cairo_pdf_surface_set_metadata(impl_->surface, CAIRO_PDF_METADATA_AUTHOR, author.c_str());
}

void Document::startPage() { y_ = margins_.top; }

void Document::newPage() {
  {
    // The page is written now, with the patterns of any PDF pages drawn on it.
    std::unique_lock<std::mutex> poppler(popplerMutex(), std::defer_lock);
    if (!impl_->sources.empty()) poppler.lock();
    cairo_show_page(impl_->cr);
  }
  ++pages_;
  startPage();
}

void Document::ensureSpace(double h) {
  if (y_ + h > height_ - margins_.bottom && y_ > margins_.top) newPage();
}

void Document::space(double h) {
  y_ += h;
  if (y_ > height_ - margins_.bottom) newPage();
}

double Document::measure(double width, const std::string& utf8, const TextStyle& style) {
  auto l = impl_->layout(utf8, style, width);
  return Impl::heightOf(l.get());
}

double Document::textAt(double x, double y, double width, const std::string& utf8, const TextStyle& style) {
  auto l = impl_->layout(utf8, style, width);
  cairo_save(impl_->cr);
  impl_->color(style.color);
  cairo_move_to(impl_->cr, pt(x), pt(y));
  pango_cairo_show_layout(impl_->cr, l.get());
  cairo_restore(impl_->cr);
  return Impl::heightOf(l.get());
}

void Document::paragraph(const std::string& utf8, const TextStyle& style, double indent, std::optional<double> width) {
  const double w = width.value_or(contentWidth() - indent);
  auto l = impl_->layout(utf8, style, w);
  // Line by line, so that a long paragraph continues on the next page.
  PangoLayoutIter* it = pango_layout_get_iter(l.get());
  double top = -1;  // the layout's y (mm) of the first line on this page
  double baseY = y_;
  cairo_save(impl_->cr);
  impl_->color(style.color);
  do {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(it, nullptr, &logical);
    const double lineTop = mm(static_cast<double>(logical.y) / PANGO_SCALE);
    const double lineH = mm(static_cast<double>(logical.height) / PANGO_SCALE);
    if (top < 0) top = lineTop;
    if (baseY + (lineTop - top) + lineH > height_ - margins_.bottom && baseY + (lineTop - top) > margins_.top) {
      newPage();
      top = lineTop;
      baseY = y_;
      impl_->color(style.color);
    }
    const double baseline = mm(static_cast<double>(pango_layout_iter_get_baseline(it)) / PANGO_SCALE);
    PangoLayoutLine* line = pango_layout_iter_get_line_readonly(it);
    cairo_move_to(impl_->cr, pt(margins_.left + indent + mm(static_cast<double>(logical.x) / PANGO_SCALE)),
                  pt(baseY + (baseline - top)));
    pango_cairo_show_layout_line(impl_->cr, line);
    y_ = baseY + (lineTop - top) + lineH;
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
  cairo_restore(impl_->cr);
}

void Document::rule(double lineWidth, Rgb color) {
  line(margins_.left, y_, width_ - margins_.right, y_, lineWidth, color);
  y_ += lineWidth;
}

double Document::tableRowHeight(const Table& t, const std::vector<std::string>& cells, bool header) {
  double h = 0;
  for (std::size_t i = 0; i < t.widths.size(); ++i) {
    const std::string& text = i < cells.size() ? cells[i] : std::string();
    const bool label = std::find(t.labelColumns.begin(), t.labelColumns.end(), i) != t.labelColumns.end();
    TextStyle s = header ? t.headerStyle : t.cellStyle;
    if (label) s.bold = true;
    h = std::max(h, measure(t.widths[i] - 2 * t.padding, text.empty() ? " " : text, s));
  }
  return h + 2 * t.padding;
}

void Document::drawTableRow(const Table& t, const std::vector<std::string>& cells, bool header, double h) {
  double x = margins_.left;
  for (std::size_t i = 0; i < t.widths.size(); ++i) {
    const double w = t.widths[i];
    const bool label = std::find(t.labelColumns.begin(), t.labelColumns.end(), i) != t.labelColumns.end();
    if (header || label) {
      cairo_save(impl_->cr);
      cairo_set_source_rgb(impl_->cr, 0.94, 0.94, 0.94);
      cairo_rectangle(impl_->cr, pt(x), pt(y_), pt(w), pt(h));
      cairo_fill(impl_->cr);
      cairo_restore(impl_->cr);
    }
    box(x, y_, w, h, t.lineWidth);
    TextStyle s = header ? t.headerStyle : t.cellStyle;
    if (label) s.bold = true;
    const std::string& text = i < cells.size() ? cells[i] : std::string();
    if (!text.empty()) {
      // Vertically centred in the row.
      const double th = measure(w - 2 * t.padding, text, s);
      textAt(x + t.padding, y_ + (h - th) / 2, w - 2 * t.padding, text, s);
    }
    x += w;
  }
  y_ += h;
}

void Document::table(const Table& t) {
  if (t.widths.empty()) return;
  const double bottom = height_ - margins_.bottom;
  double headerH = t.header.empty() ? 0 : tableRowHeight(t, t.header, true);
  if (!t.header.empty()) {
    const double firstH = t.rows.empty() ? 0 : tableRowHeight(t, t.rows.front(), false);
    ensureSpace(headerH + firstH);
    drawTableRow(t, t.header, true, headerH);
  }
  for (const auto& row : t.rows) {
    const double h = tableRowHeight(t, row, false);
    if (y_ + h > bottom && y_ > margins_.top + headerH) {
      newPage();
      if (!t.header.empty()) drawTableRow(t, t.header, true, headerH);
    }
    drawTableRow(t, row, false, h);
  }
}

void Document::box(double x, double y, double w, double h, double lineWidth, Rgb color) {
  cairo_save(impl_->cr);
  impl_->color(color);
  cairo_set_line_width(impl_->cr, pt(lineWidth));
  cairo_rectangle(impl_->cr, pt(x), pt(y), pt(w), pt(h));
  cairo_stroke(impl_->cr);
  cairo_restore(impl_->cr);
}

void Document::line(double x1, double y1, double x2, double y2, double lineWidth, Rgb color) {
  cairo_save(impl_->cr);
  impl_->color(color);
  cairo_set_line_width(impl_->cr, pt(lineWidth));
  cairo_move_to(impl_->cr, pt(x1), pt(y1));
  cairo_line_to(impl_->cr, pt(x2), pt(y2));
  cairo_stroke(impl_->cr);
  cairo_restore(impl_->cr);
}

void Document::circle(double cx, double cy, double r, double lineWidth, Rgb color, bool filled) {
  cairo_save(impl_->cr);
  impl_->color(color);
  cairo_new_path(impl_->cr);
  cairo_arc(impl_->cr, pt(cx), pt(cy), pt(r), 0, 2 * M_PI);
  if (filled) {
    cairo_fill(impl_->cr);
  } else {
    cairo_set_line_width(impl_->cr, pt(lineWidth));
    cairo_stroke(impl_->cr);
  }
  cairo_restore(impl_->cr);
}

void Document::star(double cx, double cy, double r, Rgb color) {
  cairo_save(impl_->cr);
  impl_->color(color);
  cairo_new_path(impl_->cr);
  const double inner = r * 0.382;
  for (int i = 0; i < 10; ++i) {
    const double a = -M_PI / 2 + i * M_PI / 5;
    const double rr = i % 2 == 0 ? r : inner;
    const double px = pt(cx + rr * std::cos(a)), py = pt(cy + rr * std::sin(a));
    if (i == 0) cairo_move_to(impl_->cr, px, py);
    else cairo_line_to(impl_->cr, px, py);
  }
  cairo_close_path(impl_->cr);
  cairo_fill(impl_->cr);
  cairo_restore(impl_->cr);
}

void Document::arcText(double cx, double cy, double r, double fromDeg, double toDeg, const std::string& utf8, const TextStyle& style) {
  std::vector<std::string> chars;
  for (const char* p = utf8.c_str(); *p; p = g_utf8_next_char(p)) chars.emplace_back(p, g_utf8_next_char(p) - p);
  if (chars.empty()) return;
  const double step = chars.size() > 1 ? (toDeg - fromDeg) / static_cast<double>(chars.size() - 1) : 0;
  cairo_save(impl_->cr);
  impl_->color(style.color);
  for (std::size_t i = 0; i < chars.size(); ++i) {
    const double a = (fromDeg + step * static_cast<double>(i)) * M_PI / 180;
    auto l = impl_->layout(chars[i], style, 0);
    int w = 0, h = 0;
    pango_layout_get_size(l.get(), &w, &h);
    cairo_save(impl_->cr);
    cairo_translate(impl_->cr, pt(cx + r * std::sin(a)), pt(cy - r * std::cos(a)));
    cairo_rotate(impl_->cr, a);
    // The character's top sits on the circle, its foot towards the centre.
    cairo_move_to(impl_->cr, -static_cast<double>(w) / PANGO_SCALE / 2, 0);
    pango_cairo_show_layout(impl_->cr, l.get());
    cairo_restore(impl_->cr);
  }
  cairo_restore(impl_->cr);
}

void Document::qr(double x, double y, double size, const std::string& data) {
  QRcode* code = QRcode_encodeData(static_cast<int>(data.size()), reinterpret_cast<const unsigned char*>(data.data()), 0, QR_ECLEVEL_M);
  if (!code) throw std::runtime_error("qrencode: cannot encode the data");
  const int quiet = 4;
  const int n = code->width;
  const double module = pt(size) / (n + 2 * quiet);
  cairo_save(impl_->cr);
  cairo_set_source_rgb(impl_->cr, 1, 1, 1);
  cairo_rectangle(impl_->cr, pt(x), pt(y), pt(size), pt(size));
  cairo_fill(impl_->cr);
  cairo_set_source_rgb(impl_->cr, 0, 0, 0);
  for (int row = 0; row < n; ++row) {
    // Runs of dark modules in a row as one rectangle: fewer path segments, no hairline seams.
    int col = 0;
    while (col < n) {
      if (!(code->data[row * n + col] & 1)) { ++col; continue; }
      int end = col;
      while (end < n && (code->data[row * n + end] & 1)) ++end;
      cairo_rectangle(impl_->cr, pt(x) + (quiet + col) * module, pt(y) + (quiet + row) * module, (end - col) * module, module);
      col = end;
    }
  }
  cairo_fill(impl_->cr);
  cairo_restore(impl_->cr);
  QRcode_free(code);
}

void Document::image(double x, double y, double w, double h, const std::string& bytes) {
  cairo_surface_t* img = nullptr;
  int iw = 0, ih = 0;
  if (bytes.size() > 8 && std::memcmp(bytes.data(), "\x89PNG\r\n\x1a\n", 8) == 0) {
    long long pw = 0, ph = 0;
    if (!pngSize(bytes, pw, ph)) throw std::runtime_error("image: cannot decode the PNG");
    if (pw * ph > kMaxImagePixels) throw std::runtime_error("image: too many pixels");
    ByteReader reader{bytes};
    img = cairo_image_surface_create_from_png_stream(readBytes, &reader);
    if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
      cairo_surface_destroy(img);
      throw std::runtime_error("image: cannot decode the PNG");
    }
    iw = cairo_image_surface_get_width(img);
    ih = cairo_image_surface_get_height(img);
  } else if (jpegSize(bytes, iw, ih)) {
    if (static_cast<long long>(iw) * ih > kMaxImagePixels) throw std::runtime_error("image: too many pixels");
    // The PDF embeds the JPEG as it is (DCTDecode); the surface only carries its size.
    img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, iw, ih);
    auto* copy = new std::string(bytes);
    cairo_surface_set_mime_data(img, CAIRO_MIME_TYPE_JPEG, reinterpret_cast<const unsigned char*>(copy->data()), copy->size(),
                                [](void* p) { delete static_cast<std::string*>(p); }, copy);
  } else {
    throw std::runtime_error("image: only JPEG and PNG");
  }
  const double scale = std::min(pt(w) / iw, pt(h) / ih);
  const double dx = (pt(w) - iw * scale) / 2, dy = (pt(h) - ih * scale) / 2;
  cairo_save(impl_->cr);
  cairo_translate(impl_->cr, pt(x) + dx, pt(y) + dy);
  cairo_scale(impl_->cr, scale, scale);
  cairo_set_source_surface(impl_->cr, img, 0, 0);
  cairo_paint(impl_->cr);
  cairo_restore(impl_->cr);
  cairo_surface_destroy(img);
}

namespace {
cairo_status_t discardBytes(void*, const unsigned char*, unsigned int) { return CAIRO_STATUS_SUCCESS; }

// Page `index` of `doc` drawn by poppler into a recording surface of the page's size (points, in
// pw × ph): a page that puts its cairo context into an error state is refused here instead of
// spoiling the document it is painted into; painted as a pattern, it stays vector. The caller holds
// popplerMutex. Throws std::runtime_error.
cairo_surface_t* recordPdfPage(PopplerDocument* doc, int index, double& pw, double& ph) {
  PopplerPage* page = poppler_document_get_page(doc, index);
  if (!page) throw std::runtime_error("pdf: no page " + std::to_string(index));
  poppler_page_get_size(page, &pw, &ph);
  if (!(pw >= 1 && ph >= 1 && pw < 1e6 && ph < 1e6)) {
    g_object_unref(page);
    throw std::runtime_error("pdf: page " + std::to_string(index) + " has no usable size");
  }
  cairo_rectangle_t extents{0, 0, pw, ph};
  cairo_surface_t* rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents);
  cairo_t* rc = cairo_create(rec);
  poppler_page_render_for_printing(page, rc);
  cairo_status_t status = cairo_status(rc);
  cairo_destroy(rc);
  g_object_unref(page);
  if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(rec);
  if (status != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(rec);
    throw std::runtime_error(std::string("pdf: cannot draw the page: ") + cairo_status_to_string(status));
  }
  return rec;
}

// Paints a recorded page scaled into the box (points), keeping its proportions, centred; returns the
// scale and the offsets used.
void paintPdfPage(cairo_t* cr, cairo_surface_t* rec, double pw, double ph, double x, double y, double w, double h, double& scale,
                  double& dx, double& dy) {
  scale = std::min(w / pw, h / ph);
  dx = (w - pw * scale) / 2;
  dy = (h - ph * scale) / 2;
  cairo_save(cr);
  cairo_translate(cr, x + dx, y + dy);
  cairo_scale(cr, scale, scale);
  cairo_rectangle(cr, 0, 0, pw, ph);
  cairo_clip(cr);
  cairo_set_source_surface(cr, rec, 0, 0);
  cairo_paint(cr);
  cairo_restore(cr);
}
}  // namespace

void Document::pdfPage(const SourcePdf& src, int index, double x, double y, double w, double h) {
  std::lock_guard<std::mutex> lock(popplerMutex());
  double pw = 0, ph = 0, scale = 1, dx = 0, dy = 0;
  cairo_surface_t* rec = recordPdfPage(src.impl_->doc, index, pw, ph);
  paintPdfPage(impl_->cr, rec, pw, ph, pt(x), pt(y), pt(w), pt(h), scale, dx, dy);
  cairo_surface_destroy(rec);
  if (std::find(impl_->sources.begin(), impl_->sources.end(), src.impl_->doc) == impl_->sources.end())
    impl_->sources.push_back(static_cast<PopplerDocument*>(g_object_ref(src.impl_->doc)));
  box(x + mm(dx), y + mm(dy), mm(pw * scale), mm(ph * scale), 0.2, Rgb{0.6, 0.6, 0.6});
}

void trialRender(const std::string& bytes, int maxPages) {
  SourcePdf src(bytes);  // outlives the surface: cairo writes its fonts at finish
  std::lock_guard<std::mutex> lock(popplerMutex());
  cairo_surface_t* out = cairo_pdf_surface_create_for_stream(discardBytes, nullptr, pt(Document::kA4Width), pt(Document::kA4Height));
  cairo_t* cr = cairo_create(out);
  cairo_status_t status = CAIRO_STATUS_SUCCESS;
  try {
    for (int i = 0; i < std::min(src.pageCount(), maxPages) && status == CAIRO_STATUS_SUCCESS; ++i) {
      double pw = 0, ph = 0, scale = 1, dx = 0, dy = 0;
      cairo_surface_t* rec = recordPdfPage(src.impl_->doc, i, pw, ph);
      paintPdfPage(cr, rec, pw, ph, 0, 0, pt(Document::kA4Width), pt(Document::kA4Height), scale, dx, dy);
      cairo_surface_destroy(rec);
      cairo_show_page(cr);
      status = cairo_status(cr);
    }
  } catch (...) {
    cairo_destroy(cr);
    cairo_surface_destroy(out);
    throw;
  }
  cairo_destroy(cr);
  cairo_surface_finish(out);
  if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(out);
  cairo_surface_destroy(out);
  if (status != CAIRO_STATUS_SUCCESS) throw std::runtime_error(std::string("pdf: cannot draw: ") + cairo_status_to_string(status));
}

std::string Document::finish() {
  if (impl_->finished) throw std::logic_error("pdf::Document::finish called twice");
  impl_->finished = true;
  cairo_destroy(impl_->cr);
  impl_->cr = nullptr;
  // The fonts are subset and the file written on a finisher thread; this one waits, so the
  // document's objects are never used by two threads at once.
  Impl* impl = impl_.get();
  return finisher().run([impl] {
    // Type 3 fonts of drawn PDF pages call back into poppler while cairo writes them.
    std::unique_lock<std::mutex> poppler(popplerMutex(), std::defer_lock);
    if (!impl->sources.empty()) poppler.lock();
    cairo_surface_finish(impl->surface);
    const auto status = cairo_surface_status(impl->surface);
    if (status != CAIRO_STATUS_SUCCESS) throw std::runtime_error(std::string("cairo: ") + cairo_status_to_string(status));
    return std::move(impl->bytes);
  });
}

}  // namespace baoan::io::pdf

namespace baoan::io::pdf {

void Finisher::warm() {
  // A page with every family and weight, drawn and subset into a PDF on this thread: the pooled
  // font map loads the faces, and this thread's malloc arena holds a CFF-sized block from now on.
  Document d;
  for (Family f : {Family::sans, Family::serif})
    for (bool bold : {false, true}) d.paragraph("保安服务许可证 0123456789 ABC", TextStyle{f, 12, bold});
  d.finish();
}

void warmUp(int threads) { finisher(threads); }

}  // namespace baoan::io::pdf
