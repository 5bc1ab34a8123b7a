#include "text/source_text.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <system_error>

#include <iprdb/error.hpp>

#include "text/decode.hpp"
#include "text/html.hpp"
#include "text/normalize.hpp"

namespace iprdb::detail {
namespace {

[[noreturn]] void too_large(std::uintmax_t size, const std::filesystem::path& path) {
  constexpr std::uintmax_t kMiB = 1 << 20;
  throw Error(ErrorCode::invalid_argument,
              fmt::format("too large: {} MiB; the limit is {} MiB", (size + kMiB - 1) / kMiB,
                          kMaxSourceBytes / kMiB),
              path);
}

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\n") == std::string_view::npos;
}

}  // namespace

SourceText read_source(std::string_view bytes, const std::filesystem::path& origin) {
  DecodedBytes decoded = decode_bytes(bytes, origin);
  SourceText source;
  source.encoding = std::move(decoded.encoding);
  if (looks_like_html(decoded.utf8)) {
    HtmlText html = html_to_text(decoded.utf8, origin);
    source.format = "html";
    source.text = normalize_text(html.text);
    source.title = normalize_text(html.title);
  } else {
    source.format = "text";
    source.text = normalize_text(decoded.utf8);
  }
  if (is_blank(source.text)) {
    throw Error(
        ErrorCode::empty_input,
        source.format == "html" ? "empty: no text outside the HTML markup" : "empty: no text",
        origin);
  }
  return source;
}

SourceText read_source_file(const std::filesystem::path& path) {
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (status.type() == std::filesystem::file_type::not_found) {
    throw Error(ErrorCode::file_not_found, "no such file", path);
  }
  if (std::filesystem::is_directory(status)) {
    throw Error(ErrorCode::io, "a directory, not a file", path);
  }
  if (std::filesystem::is_regular_file(status)) {
    auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > kMaxSourceBytes) too_large(size, path);
  }
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file) {
    throw Error(ErrorCode::io, fmt::format("cannot open: {}", std::strerror(errno)), path);
  }
  // Read to the end rather than trusting the size: pipes have none, and files grow.
  std::string bytes;
  char buffer[1 << 16];
  while (std::size_t got = std::fread(buffer, 1, sizeof buffer, file.get())) {
    bytes.append(buffer, got);
    if (bytes.size() > kMaxSourceBytes) too_large(bytes.size(), path);
  }
  if (std::ferror(file.get())) {
    throw Error(ErrorCode::io, fmt::format("cannot read: {}", std::strerror(errno)), path);
  }
  return read_source(bytes, path);
}

}  // namespace iprdb::detail
