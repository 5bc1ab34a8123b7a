#pragma once

#include <cstdint>
#include <cstring>

namespace iprdb::detail {

/// The code point of the three-byte sequence at p[i] when its lead byte is E1 to EC (U+1000 to
/// U+CFFF, the CJK ideographs among them: most of what a bulletin is written in) and both
/// trail bytes are 10xxxxxx; otherwise -1, and the caller reads p[i] with U8_NEXT. Such a
/// sequence is neither overlong nor a surrogate, so this is what U8_NEXT gives for it, without
/// its general checks. The passes over whole texts that decode every character use it.
inline std::int32_t common_three_byte(const std::uint8_t* p, std::int32_t i, std::int32_t n) {
  if (p[i] < 0xE1 || p[i] > 0xEC || i + 2 >= n || (p[i + 1] & 0xC0) != 0x80 ||
      (p[i + 2] & 0xC0) != 0x80) {
    return -1;
  }
  return (p[i] & 0x0F) << 12 | (p[i + 1] & 0x3F) << 6 | (p[i + 2] & 0x3F);
}

/// The code point of the three-byte sequence at p[i] when its lead byte is E1 to EC, EE or EF
/// and both trail bytes are 10xxxxxx; otherwise -1. With those leads no pair of trail bytes
/// makes the sequence overlong or a surrogate, so this too is what U8_NEXT gives, and it also
/// covers punctuation (E2), CJK punctuation (E3) and the full-width forms (EF).
inline std::int32_t plain_three_byte(const std::uint8_t* p, std::int32_t i, std::int32_t n) {
  const unsigned lead = p[i];
  if (lead - 0xE1u > 0xEFu - 0xE1u || lead == 0xED || i + 2 >= n) return -1;
  std::uint16_t trail;
  std::memcpy(&trail, p + i + 1, 2);
  if ((trail & 0xC0C0u) != 0x8080u) return -1;  // the same test on both bytes, in either order
  return static_cast<std::int32_t>((lead & 0x0Fu) << 12 | (p[i + 1] & 0x3Fu) << 6 |
                                   (p[i + 2] & 0x3Fu));
}

}  // namespace iprdb::detail
