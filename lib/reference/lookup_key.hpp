#pragma once

#include <string>
#include <string_view>

namespace iprdb::detail {

/// The form a typed name is compared in: NFKC (full-width letters and digits become ASCII),
/// surrounding white space removed, ASCII lower-cased.
std::string lookup_key(std::string_view text);

/// The form pinyin is compared in: ASCII letters only, lower case ("Gui Zhou" → "guizhou",
/// "Xi'an" → "xian"). Empty when `text` has anything but ASCII letters, spaces, ' and -.
std::string pinyin_key(std::string_view text);

}  // namespace iprdb::detail
