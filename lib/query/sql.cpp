// Ad-hoc SQL that may only read. Three locks, each enough on its own: an authorizer that
// allows nothing but reading while the statement is prepared and run, sqlite3_stmt_readonly,
// and (for the tool) a connection opened read-only with PRAGMA query_only.
#include <sqlite3.h>

#include <cstring>
#include <set>

#include <fmt/format.h>

#include <iprdb/database.hpp>
#include <iprdb/error.hpp>
#include <iprdb/query.hpp>

#include "store/database_impl.hpp"

namespace iprdb {

namespace {

constexpr std::string_view kOnlyReading =
    "only statements that read can run here (SELECT, WITH … SELECT, a read-only PRAGMA)";

// PRAGMAs that only report, with no argument …
const std::set<std::string_view> kReportingPragmas = {
    "application_id", "auto_vacuum",   "collation_list", "compile_options", "data_version",
    "database_list",  "encoding",      "foreign_keys",   "freelist_count",  "function_list",
    "journal_mode",   "module_list",   "page_count",     "page_size",       "pragma_list",
    "query_only",     "schema_version", "user_version"};
// … and those whose argument names what to report on.
const std::set<std::string_view> kInspectingPragmas = {
    "foreign_key_check", "foreign_key_list", "index_info", "index_list", "index_xinfo",
    "integrity_check",   "quick_check",      "table_info", "table_list", "table_xinfo"};

struct Guard {
  std::string denied;  // what the statement would have done, in words
};

std::string words_for(int action, const char* a, const char* b) {
  const std::string first = a ? a : "";
  const std::string second = b ? b : "";
  // CREATE and DROP show first as a write to the schema table.
  if (first.rfind("sqlite_", 0) == 0 &&
      (action == SQLITE_INSERT || action == SQLITE_DELETE || action == SQLITE_UPDATE)) {
    return "change the database schema";
  }
  switch (action) {
    case SQLITE_INSERT: return "insert into " + first;
    case SQLITE_UPDATE: return "update " + first;
    case SQLITE_DELETE: return "delete from " + first;
    case SQLITE_CREATE_INDEX:
    case SQLITE_CREATE_TEMP_INDEX: return "create the index " + first;
    case SQLITE_CREATE_TABLE:
    case SQLITE_CREATE_TEMP_TABLE: return "create the table " + first;
    case SQLITE_CREATE_TRIGGER:
    case SQLITE_CREATE_TEMP_TRIGGER: return "create the trigger " + first;
    case SQLITE_CREATE_VIEW:
    case SQLITE_CREATE_TEMP_VIEW: return "create the view " + first;
    case SQLITE_CREATE_VTABLE: return "create the virtual table " + first;
    case SQLITE_DROP_INDEX:
    case SQLITE_DROP_TEMP_INDEX: return "drop the index " + first;
    case SQLITE_DROP_TABLE:
    case SQLITE_DROP_TEMP_TABLE: return "drop the table " + first;
    case SQLITE_DROP_TRIGGER:
    case SQLITE_DROP_TEMP_TRIGGER: return "drop the trigger " + first;
    case SQLITE_DROP_VIEW:
    case SQLITE_DROP_TEMP_VIEW: return "drop the view " + first;
    case SQLITE_DROP_VTABLE: return "drop the virtual table " + first;
    case SQLITE_ALTER_TABLE: return "alter the table " + second;
    case SQLITE_ATTACH: return "attach another database";
    case SQLITE_DETACH: return "detach a database";
    case SQLITE_TRANSACTION: return "control a transaction";
    case SQLITE_SAVEPOINT: return "set a savepoint";
    case SQLITE_REINDEX: return "rebuild an index";
    case SQLITE_ANALYZE: return "analyze the database";
    case SQLITE_PRAGMA:
      return second.empty() ? "run PRAGMA " + first
                            : fmt::format("set PRAGMA {} = {}", first, second);
    default: return fmt::format("do something other than read (action {})", action);
  }
}

int authorize(void* data, int action, const char* a, const char* b, const char*, const char*) {
  switch (action) {
    case SQLITE_SELECT:
    case SQLITE_READ:
    case SQLITE_FUNCTION:
    case SQLITE_RECURSIVE:
      return SQLITE_OK;
    case SQLITE_UPDATE:
      // A table-valued function (json_each, pragma_table_info) is checked as an update of
      // sqlite_master when it is set up; a real update is refused by sqlite3_stmt_readonly.
      if (a && std::string_view(a) == "sqlite_master") return SQLITE_OK;
      break;
    case SQLITE_PRAGMA: {
      const std::string_view name = a ? a : "";
      if (kInspectingPragmas.count(name) || (kReportingPragmas.count(name) && !b)) {
        return SQLITE_OK;
      }
      break;
    }
    default:
      break;
  }
  auto* guard = static_cast<Guard*>(data);
  if (guard->denied.empty()) guard->denied = words_for(action, a, b);
  return SQLITE_DENY;
}

// Removes the authorizer and finalizes the statement however the run ends.
class Run {
 public:
  explicit Run(sqlite3* db) : db_(db) { sqlite3_set_authorizer(db_, authorize, &guard_); }
  ~Run() {
    sqlite3_finalize(statement_);
    sqlite3_set_authorizer(db_, nullptr, nullptr);
  }
  Run(const Run&) = delete;
  Run& operator=(const Run&) = delete;
  Guard& guard() { return guard_; }
  sqlite3_stmt*& statement() { return statement_; }

 private:
  sqlite3* db_;
  Guard guard_;
  sqlite3_stmt* statement_ = nullptr;
};

bool only_blanks(const char* text) {
  // What follows the first statement may only be white space, semicolons and comments.
  for (const char* p = text; *p;) {
    if (*p == ';' || *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
      ++p;
    } else if (p[0] == '-' && p[1] == '-') {
      while (*p && *p != '\n') ++p;
    } else if (p[0] == '/' && p[1] == '*') {
      const char* end = std::strstr(p + 2, "*/");
      if (!end) return true;
      p = end + 2;
    } else {
      return false;
    }
  }
  return true;
}

SqlResult::Value read_value(sqlite3_stmt* statement, int column) {
  SqlResult::Value value;
  switch (sqlite3_column_type(statement, column)) {
    case SQLITE_NULL:
      return value;
    case SQLITE_INTEGER:
      value.type = SqlResult::Type::integer;
      break;
    case SQLITE_FLOAT:
      value.type = SqlResult::Type::real;
      break;
    case SQLITE_BLOB: {
      value.type = SqlResult::Type::blob;
      const auto* bytes = static_cast<const unsigned char*>(sqlite3_column_blob(statement, column));
      const int size = sqlite3_column_bytes(statement, column);
      value.text = "x'";
      for (int i = 0; i < size; ++i) value.text += fmt::format("{:02x}", bytes[i]);
      value.text += "'";
      return value;
    }
    default:
      value.type = SqlResult::Type::text;
      break;
  }
  const auto* text = sqlite3_column_text(statement, column);
  value.text.assign(reinterpret_cast<const char*>(text),
                    static_cast<std::size_t>(sqlite3_column_bytes(statement, column)));
  return value;
}

}  // namespace

SqlResult Database::sql(std::string_view statement) const {
  sqlite3* db = impl_->db().getHandle();
  const std::string text(statement);
  Run run(db);
  const char* tail = nullptr;
  const int prepared = sqlite3_prepare_v2(db, text.c_str(), static_cast<int>(text.size() + 1),
                                          &run.statement(), &tail);
  if (prepared != SQLITE_OK) {
    if (!run.guard().denied.empty()) {
      throw Error(ErrorCode::write_in_read_only_query,
                  fmt::format("{}; this one would {}; nothing was changed", kOnlyReading,
                              run.guard().denied),
                  impl_->path());
    }
    throw Error(ErrorCode::invalid_argument, fmt::format("SQL: {}", sqlite3_errmsg(db)),
                impl_->path());
  }
  if (!run.statement()) {
    throw Error(ErrorCode::invalid_argument, "SQL: no statement given", impl_->path());
  }
  if (tail && !only_blanks(tail)) {
    throw Error(ErrorCode::invalid_argument,
                "SQL: one statement at a time; nothing after the first was run", impl_->path());
  }
  if (!sqlite3_stmt_readonly(run.statement())) {
    throw Error(ErrorCode::write_in_read_only_query,
                fmt::format("{}; this one would write; nothing was changed", kOnlyReading),
                impl_->path());
  }
  SqlResult result;
  const int columns = sqlite3_column_count(run.statement());
  for (int c = 0; c < columns; ++c) {
    const char* name = sqlite3_column_name(run.statement(), c);
    result.columns.emplace_back(name ? name : "");
  }
  for (;;) {
    const int step = sqlite3_step(run.statement());
    if (step == SQLITE_DONE) break;
    if (step != SQLITE_ROW) {
      const int primary = step & 0xff;
      if (primary == SQLITE_READONLY || primary == SQLITE_AUTH) {
        throw Error(ErrorCode::write_in_read_only_query,
                    fmt::format("{}; nothing was changed", kOnlyReading), impl_->path());
      }
      if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
        throw Error(ErrorCode::database_locked,
                    "the database is locked by another process; try again when it has finished",
                    impl_->path());
      }
      throw Error(ErrorCode::invalid_argument, fmt::format("SQL: {}", sqlite3_errmsg(db)),
                  impl_->path());
    }
    std::vector<SqlResult::Value> row;
    row.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) row.push_back(read_value(run.statement(), c));
    result.rows.push_back(std::move(row));
  }
  return result;
}

}  // namespace iprdb
