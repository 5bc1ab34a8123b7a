#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace iprdb {

/// What went wrong, as a caller (or a tool choosing an exit code) needs to know it.
enum class ErrorCode {
  io,                        ///< the operating system refused a read or write
  file_not_found,            ///< an input or database file does not exist
  encoding,                  ///< bytes that are neither UTF-8 nor GB18030
  binary_input,              ///< a file that is not text at all
  empty_input,               ///< a file with no text in it
  malformed_record,          ///< a JSON Lines record that cannot be read
  unknown_region,            ///< a region name or code the gazetteer does not know
  unknown_indicator,         ///< an indicator name or code the catalog does not know
  ambiguous_name,            ///< a name that fits several regions or indicators
  not_an_iprdb_database,     ///< an SQLite file written by something else, or not SQLite
  schema_too_new,            ///< written by a newer iprdb than this one
  schema_too_old,            ///< needs migrating, which a read-only open cannot do
  database_locked,           ///< another process holds the database
  read_only,                 ///< a write to a read-only file, directory or connection
  disk_full,                 ///< the disk (or the database's size limit) is full
  corrupt,                   ///< SQLite found the file damaged
  write_in_read_only_query,  ///< ad-hoc SQL that tries to change the database
  already_exists,            ///< create() on a file that already holds data
  invalid_argument,          ///< a caller's value that cannot be right (a bad year, code, option)
  interrupted,               ///< the work was stopped by a signal before it finished
  internal,                  ///< a bug in iprdb; the message says where
};

/// A short stable English name for `code` ("file_not_found"), for logs and JSON reports.
std::string_view to_string(ErrorCode code) noexcept;

/// The one exception type iprdb throws. `what()` is a single line a person can act on:
/// "PATH:LINE: message", "PATH: message" or just "message" when no file is concerned.
class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, std::string message, std::filesystem::path path = {},
        std::optional<int> line = std::nullopt);

  ErrorCode code() const noexcept { return code_; }
  /// The file the error concerns; empty when none does.
  const std::filesystem::path& path() const noexcept { return path_; }
  /// The 1-based line in `path()`, for record files.
  std::optional<int> line() const noexcept { return line_; }
  /// The message without the path and line prefix.
  const std::string& message() const noexcept { return message_; }

 private:
  ErrorCode code_;
  std::string message_;
  std::filesystem::path path_;
  std::optional<int> line_;
};

}  // namespace iprdb
