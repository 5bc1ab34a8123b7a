// Charts: horizontal bars in the terminal, bar and line charts as SVG.
#include <algorithm>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include <iprdb/render.hpp>

#include "query/present.hpp"

namespace iprdb {

namespace {

// Eighths of a block, for bars that end between two columns.
constexpr const char* kEighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
constexpr const char* kFull = "█";
constexpr const char* kNegative = "░";

// Fonts with Chinese glyphs on Linux, macOS and Windows, then whatever the viewer has.
constexpr const char* kFontFamily =
    "'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'PingFang SC', "
    "'Microsoft YaHei', sans-serif";

std::string pad_right(const std::string& text, int width) {
  return text + std::string(static_cast<std::size_t>(std::max(0, width - display_width(text))), ' ');
}

std::string xml_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // Control characters are not allowed in XML 1.0.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') break;
        out += c;
    }
  }
  return out;
}

std::string title_with_unit(const Chart& chart) {
  return chart.unit.empty() ? chart.title : fmt::format("{}（{}）", chart.title, chart.unit);
}

double largest_magnitude(const Chart& chart) {
  double largest = 0;
  for (const auto& p : chart.points) {
    if (p.value) largest = std::max(largest, std::fabs(*p.value));
  }
  return largest;
}

// Text width in pixels at `size`, near enough for layout: CJK characters are square.
double text_pixels(std::string_view text, double size) {
  return display_width(text) * size * 0.55;
}

// A round step for about `count` grid lines up to `top`.
double nice_step(double top, int count) {
  if (top <= 0) return 1;
  const double raw = top / count;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (double factor : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (factor * magnitude >= raw) return factor * magnitude;
  }
  return 10 * magnitude;
}

std::string num(double v) { return fmt::format("{:.1f}", v); }

std::string svg_header(double width, double height) {
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" font-family=\"{2}\" font-size=\"14\">\n"
      "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n",
      num(width), num(height), kFontFamily);
}

std::string svg_bars(const Chart& chart) {
  constexpr double kRow = 28;
  constexpr double kTop = 56;
  constexpr double kBarArea = 480;
  double label_width = 40;
  double value_width = 40;
  for (const auto& p : chart.points) {
    label_width = std::max(label_width, text_pixels(p.label, 14));
    value_width = std::max(value_width, text_pixels(p.value_label, 13));
  }
  const double left = 16 + label_width + 12;
  const double width = left + kBarArea + 8 + value_width + 16;
  const double height = kTop + kRow * static_cast<double>(std::max<std::size_t>(chart.points.size(), 1)) + 24;
  const double largest = largest_magnitude(chart);
  std::string out = svg_header(width, height);
  out += fmt::format("<text x=\"16\" y=\"30\" font-size=\"17\" font-weight=\"bold\">{}</text>\n",
                     xml_escape(title_with_unit(chart)));
  out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#888888\"/>\n",
                     num(left), num(kTop - 6), num(height - 20));
  double y = kTop;
  for (const auto& p : chart.points) {
    const double middle = y + kRow / 2;
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" dominant-baseline=\"middle\">{}</text>\n",
                       num(left - 8), num(middle), xml_escape(p.label));
    double length = 0;
    if (p.value && largest > 0) length = std::fabs(*p.value) / largest * kBarArea;
    if (p.value) {
      out += fmt::format(
          "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}: {}</title></rect>\n",
          num(left), num(y + 5), num(length), num(kRow - 10),
          *p.value < 0 ? "#e15759" : "#4e79a7", xml_escape(p.label), xml_escape(p.value_label));
    }
    out += fmt::format("<text x=\"{}\" y=\"{}\" dominant-baseline=\"middle\" font-size=\"13\" fill=\"#333333\">{}</text>\n",
                       num(left + length + 6), num(middle), xml_escape(p.value_label));
    y += kRow;
  }
  out += "</svg>\n";
  return out;
}

std::string svg_line(const Chart& chart) {
  constexpr double kWidth = 720;
  constexpr double kHeight = 400;
  constexpr double kLeft = 80;
  constexpr double kRight = 32;
  constexpr double kTop = 60;
  constexpr double kBottom = 48;
  const double plot_width = kWidth - kLeft - kRight;
  const double plot_height = kHeight - kTop - kBottom;
  double low = 0;
  double high = 0;
  for (const auto& p : chart.points) {
    if (!p.value) continue;
    low = std::min(low, *p.value);
    high = std::max(high, *p.value);
  }
  const double step = nice_step(high - low, 5);
  const double bottom = std::floor(low / step) * step;
  double top = std::ceil(high / step) * step;
  if (top <= bottom) top = bottom + step;
  const auto n = chart.points.size();
  auto x_of = [&](std::size_t i) {
    return n <= 1 ? kLeft + plot_width / 2
                  : kLeft + plot_width * static_cast<double>(i) / static_cast<double>(n - 1);
  };
  auto y_of = [&](double v) { return kTop + plot_height * (top - v) / (top - bottom); };

  std::string out = svg_header(kWidth, kHeight);
  out += fmt::format("<text x=\"16\" y=\"30\" font-size=\"17\" font-weight=\"bold\">{}</text>\n",
                     xml_escape(title_with_unit(chart)));
  for (double v = bottom; v <= top + step / 2; v += step) {
    out += fmt::format(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#dddddd\"/>\n"
        "<text x=\"{3}\" y=\"{1}\" text-anchor=\"end\" dominant-baseline=\"middle\" "
        "font-size=\"12\" fill=\"#555555\">{4}</text>\n",
        num(kLeft), num(y_of(v)), num(kLeft + plot_width), num(kLeft - 8),
        xml_escape(detail::format_number(v, 2, true)));
  }
  for (std::size_t i = 0; i < n; ++i) {
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"13\">{}</text>\n",
                       num(x_of(i)), num(kHeight - kBottom + 22), xml_escape(chart.points[i].label));
  }
  // Neighbouring years are joined by a solid line; across years without a figure the line
  // is dashed, so that a gap is never mistaken for a trend.
  std::optional<std::size_t> previous;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& p = chart.points[i];
    if (!p.value) continue;
    if (previous) {
      out += fmt::format(
          "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#4e79a7\" "
          "stroke-width=\"2.5\"{}/>\n",
          num(x_of(*previous)), num(y_of(*chart.points[*previous].value)), num(x_of(i)),
          num(y_of(*p.value)), i == *previous + 1 ? "" : " stroke-dasharray=\"6 5\"");
    }
    previous = i;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const auto& p = chart.points[i];
    if (!p.value) continue;
    out += fmt::format(
        "<circle cx=\"{0}\" cy=\"{1}\" r=\"4\" fill=\"#4e79a7\"><title>{3}: {4}</title></circle>\n"
        "<text x=\"{0}\" y=\"{2}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#333333\">{4}</text>\n",
        num(x_of(i)), num(y_of(*p.value)), num(y_of(*p.value) - 10), xml_escape(p.label),
        xml_escape(p.value_label));
  }
  out += "</svg>\n";
  return out;
}

}  // namespace

std::string render_terminal_chart(const Chart& chart, int width) {
  width = std::max(width, 1);
  int label_width = 0;
  for (const auto& p : chart.points) label_width = std::max(label_width, display_width(p.label));
  const double largest = largest_magnitude(chart);
  std::string out = title_with_unit(chart) + "\n";
  for (const auto& p : chart.points) {
    std::string line = pad_right(p.label, label_width) + "  ";
    if (p.value && largest > 0) {
      const auto eighths =
          static_cast<long>(std::lround(std::fabs(*p.value) / largest * width * 8));
      if (*p.value < 0) {
        for (long i = 0; i < (eighths + 4) / 8; ++i) line += kNegative;
      } else {
        for (long i = 0; i < eighths / 8; ++i) line += kFull;
        line += kEighths[eighths % 8];
      }
      line += " ";
    }
    line += p.value_label;
    out += line + "\n";
  }
  return out;
}

std::string render_svg(const Chart& chart) {
  return chart.kind == Chart::Kind::line ? svg_line(chart) : svg_bars(chart);
}

}  // namespace iprdb
