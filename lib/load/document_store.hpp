#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <iprdb/extract.hpp>
#include <iprdb/fact.hpp>

namespace iprdb::detail {

/// The `document` row of one loaded file.
struct DocumentRow {
  std::string sha256;
  std::string origin;
  /// text, html or jsonl
  std::string format;
  std::string encoding;
  std::string text;
  /// Empty is stored as NULL.
  std::string title;
  /// Stored only when it is a whole date (YYYY-MM-DD), as the schema requires.
  std::optional<std::string> published_on;
  std::optional<RegionCode> subject_region;
  std::optional<int> reporting_year;
  /// Set for extracted documents; NULL for records files.
  std::optional<std::string> extractor_version;
};

/// A stored bulletin that a newer extractor should read again.
struct StaleDocument {
  std::int64_t id = 0;
  std::string origin;
  std::string format;
  std::string title;
  std::optional<std::string> published_on;
};

/// Where observations come from (observation.origin).
enum class FactOrigin { extracted, curated };

/// Writes documents and their observations, each in one transaction, with statements
/// prepared once. SQLite errors propagate as SQLite::Exception for the caller to translate.
class DocumentStore {
 public:
  explicit DocumentStore(SQLite::Database& db);

  /// Whether a document with this SHA-256 is stored.
  bool contains(const std::string& sha256);

  /// Stores the document row and all `facts` in one transaction (BEGIN IMMEDIATE, so that
  /// two loaders never both decide to store the same file). Returns the number of
  /// observations stored, or nullopt when the SHA-256 is already there (nothing written).
  std::optional<std::int64_t> insert(const DocumentRow& document, const std::vector<Fact>& facts,
                                     FactOrigin origin);

  /// The stored bulletins whose extractor_version is not `version`, by id.
  std::vector<StaleDocument> stale_documents(std::string_view version);
  /// The normalized text of document `id`.
  std::string text_of(std::int64_t id);

  /// In one transaction: replaces the extracted observations of document `id` by those of
  /// `bulletin` (curated ones stay), and its title, date, subject region, reporting year and
  /// extractor version by the bulletin's. Returns the number stored, or nullopt when the
  /// document is already at `version` (another loader got there first) or gone.
  std::optional<std::int64_t> replace_extracted(std::int64_t id, const Bulletin& bulletin,
                                                std::string_view version);

 private:
  std::int64_t insert_facts(std::int64_t document_id, const std::vector<Fact>& facts,
                            FactOrigin origin);
  std::int64_t indicator_id(const std::string& code);

  SQLite::Database& db_;
  SQLite::Statement find_sha_;
  SQLite::Statement insert_document_;
  SQLite::Statement insert_observation_;
  std::unordered_map<std::string, std::int64_t> indicator_ids_;
};

/// The date as the document row keeps it: YYYY-MM-DD, or nothing.
std::optional<std::string> storable_date(const std::optional<std::string>& date);

}  // namespace iprdb::detail
