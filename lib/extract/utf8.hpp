#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace iprdb::detail {

/// The number of code points in a UTF-8 string (spans are counted in code points, as SQLite's
/// substr() counts them).
inline std::size_t count_code_points(std::string_view text) noexcept {
  // Every byte but a continuation byte (10xxxxxx) starts one. Spans are counted from the start
  // of the text, so this runs over all of it; eight bytes at a time it is a quarter the work.
  std::size_t count = 0;
  std::size_t at = 0;
  for (; at + 8 <= text.size(); at += 8) {
    std::uint64_t bytes;
    std::memcpy(&bytes, text.data() + at, 8);
    // Bit 7 of each byte where bit 7 is set and bit 6 is not; then their number, summed by
    // the multiplication into the top byte.
    const std::uint64_t continuation = bytes & ~(bytes << 1) & 0x8080808080808080u;
    count += 8 - static_cast<std::size_t>(((continuation >> 7) * 0x0101010101010101u) >> 56);
  }
  for (; at < text.size(); ++at) count += (static_cast<unsigned char>(text[at]) & 0xC0) != 0x80;
  return count;
}

/// The code point starting at byte `at` (which must start one), and its length in bytes.
inline char32_t decode_at(std::string_view text, std::size_t at, std::size_t* length) noexcept {
  const auto c = static_cast<unsigned char>(text[at]);
  const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (n == 1 || at + n > text.size()) {
    *length = 1;
    return c;
  }
  // Unrolled: the period scan decodes every character of every sentence.
  const auto low6 = [&](std::size_t i) -> char32_t {
    return static_cast<unsigned char>(text[at + i]) & 0x3Fu;
  };
  *length = n;
  if (n == 2) return (c & 0x1Fu) << 6 | low6(1);
  if (n == 3) return (c & 0x0Fu) << 12 | low6(1) << 6 | low6(2);
  return (c & 0x07u) << 18 | low6(1) << 12 | low6(2) << 6 | low6(3);
}

/// The byte offset of the code point before `at`.
inline std::size_t previous_boundary(std::string_view text, std::size_t at) noexcept {
  if (at == 0) return 0;
  --at;
  while (at > 0 && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
  return at;
}

inline bool is_ascii_digit(char c) noexcept { return c >= '0' && c <= '9'; }

}  // namespace iprdb::detail
