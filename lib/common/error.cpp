#include <fmt/format.h>

#include <iprdb/error.hpp>

namespace iprdb {
namespace {

std::string compose(const std::string& message, const std::filesystem::path& path,
                    std::optional<int> line) {
  if (path.empty()) return message;
  if (line) return fmt::format("{}:{}: {}", path.string(), *line, message);
  return fmt::format("{}: {}", path.string(), message);
}

}  // namespace

Error::Error(ErrorCode code, std::string message, std::filesystem::path path,
             std::optional<int> line)
    : std::runtime_error(compose(message, path, line)),
      code_(code),
      message_(std::move(message)),
      path_(std::move(path)),
      line_(line) {}

std::string_view to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::io: return "io";
    case ErrorCode::file_not_found: return "file_not_found";
    case ErrorCode::encoding: return "encoding";
    case ErrorCode::binary_input: return "binary_input";
    case ErrorCode::empty_input: return "empty_input";
    case ErrorCode::malformed_record: return "malformed_record";
    case ErrorCode::unknown_region: return "unknown_region";
    case ErrorCode::unknown_indicator: return "unknown_indicator";
    case ErrorCode::ambiguous_name: return "ambiguous_name";
    case ErrorCode::not_an_iprdb_database: return "not_an_iprdb_database";
    case ErrorCode::schema_too_new: return "schema_too_new";
    case ErrorCode::schema_too_old: return "schema_too_old";
    case ErrorCode::database_locked: return "database_locked";
    case ErrorCode::read_only: return "read_only";
    case ErrorCode::disk_full: return "disk_full";
    case ErrorCode::corrupt: return "corrupt";
    case ErrorCode::write_in_read_only_query: return "write_in_read_only_query";
    case ErrorCode::already_exists: return "already_exists";
    case ErrorCode::invalid_argument: return "invalid_argument";
    case ErrorCode::interrupted: return "interrupted";
    case ErrorCode::internal: return "internal";
  }
  return "internal";
}

}  // namespace iprdb
