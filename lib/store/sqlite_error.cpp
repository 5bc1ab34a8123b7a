#include "store/sqlite_error.hpp"

#include <sqlite3.h>

#include <fmt/format.h>

namespace iprdb::detail {

void throw_sqlite_error(const SQLite::Exception& e, const std::filesystem::path& path,
                        std::string_view doing) {
  // SQLite's own text never names the file, so every message here is prefixed by the path.
  ErrorCode code = ErrorCode::internal;
  std::string what;
  switch (e.getErrorCode() & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = ErrorCode::database_locked;
      what = "the database is locked by another process; try again when it has finished";
      break;
    case SQLITE_READONLY:
      code = ErrorCode::read_only;
      what = "the database is read-only (file, directory or connection)";
      break;
    case SQLITE_CANTOPEN:
      code = ErrorCode::io;
      what = "cannot open the file (missing directory or no permission)";
      break;
    case SQLITE_NOTADB:
      code = ErrorCode::not_an_iprdb_database;
      what = "not an SQLite database";
      break;
    case SQLITE_CORRUPT:
      code = ErrorCode::corrupt;
      what = "the database file is damaged; restore it from a copy";
      break;
    case SQLITE_FULL:
      code = ErrorCode::disk_full;
      what = "the disk or the database's size limit is full; nothing was written";
      break;
    case SQLITE_IOERR:
      code = ErrorCode::io;
      what = fmt::format("input/output error ({})", e.getErrorStr());
      break;
    case SQLITE_PERM:
    case SQLITE_AUTH:
      code = ErrorCode::read_only;
      what = "permission denied";
      break;
    case SQLITE_INTERRUPT:
      code = ErrorCode::interrupted;
      what = "interrupted";
      break;
    default:
      what = e.what();
  }
  throw Error(code, doing.empty() ? what : fmt::format("{}: {}", doing, what), path);
}

}  // namespace iprdb::detail
