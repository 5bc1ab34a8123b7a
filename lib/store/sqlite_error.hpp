#pragma once

#include <filesystem>
#include <string_view>
#include <utility>

#include <SQLiteCpp/Exception.h>

#include <iprdb/error.hpp>

namespace iprdb::detail {

/// Turns an SQLite failure into an iprdb::Error that names the file and says what iprdb was
/// doing (`doing`, e.g. "opening the database"), with an ErrorCode a tool can act on.
[[noreturn]] void throw_sqlite_error(const SQLite::Exception& e, const std::filesystem::path& path,
                                     std::string_view doing);

/// Runs `work`, translating any SQLite::Exception it throws.
template <typename Work>
decltype(auto) translate_sqlite_errors(const std::filesystem::path& path, std::string_view doing,
                                       Work&& work) {
  try {
    return std::forward<Work>(work)();
  } catch (const SQLite::Exception& e) {
    throw_sqlite_error(e, path, doing);
  }
}

}  // namespace iprdb::detail
