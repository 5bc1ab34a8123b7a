#pragma once

#include <string>
#include <string_view>

namespace iprdb::detail {

/// The form a typed name is compared in: NFKC (full-width letters and digits become ASCII),
/// surrounding white space removed, ASCII lower-cased.
std::string lookup_key(std::string_view text);

/// Whether `text` is only printable ASCII and unified ideographs of U+3400–U+4DBF and
/// U+4E00–U+9FFF, which NFKC leaves as they are: lookup_key's way around ICU.
bool is_plain_han_or_ascii(std::string_view text);

/// The form pinyin is compared in: ASCII letters only, lower case ("Gui Zhou" → "guizhou",
/// "Xi'an" → "xian"). Empty when `text` has anything but ASCII letters, spaces, ' and -.
std::string pinyin_key(std::string_view text);

}  // namespace iprdb::detail
