#pragma once

#include <string>
#include <string_view>

namespace iprdb::detail {

/// The SHA-256 of `bytes` as 64 lower-case hex digits: a document's identity in the database.
std::string sha256_hex(std::string_view bytes);

}  // namespace iprdb::detail
