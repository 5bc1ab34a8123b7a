#pragma once

// The one include for every test: Catch2 v2 (Debian 12), plus small helpers.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

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

}  // namespace iprdb::testing
