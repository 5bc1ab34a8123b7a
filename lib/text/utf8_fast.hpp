#pragma once

#include <cstdint>

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

}  // namespace iprdb::detail
