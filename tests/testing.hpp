#pragma once

// The one include for every test: Catch2 v2 (Debian 12), plus small helpers.
#include <catch2/catch.hpp>

#include <filesystem>
#include <optional>
#include <string>

#include <iprdb/error.hpp>

namespace iprdb::testing {

/// A fresh empty directory under the system temp folder, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

/// Writes `bytes` to `path`, replacing it.
void write_file(const std::filesystem::path& path, const std::string& bytes);
std::string read_file(const std::filesystem::path& path);

/// Every row `sql` returns from the database at `db`, a line each, columns as text after '|':
/// equal strings are equal answers.
std::string rows_of(const std::filesystem::path& db, const std::string& sql);

/// best_level, every row in key order (rows_of).
std::string best_level_rows(const std::filesystem::path& db);

/// Runs `work`: the code of the iprdb::Error it throws (and its message, when asked), or
/// nullopt when it throws none.
template <typename Work>
std::optional<ErrorCode> error_of(Work&& work, std::string* message = nullptr) {
  try {
    work();
  } catch (const Error& e) {
    if (message) *message = e.what();
    return e.code();
  }
  return std::nullopt;
}

}  // namespace iprdb::testing
