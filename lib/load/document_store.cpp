#include "load/document_store.hpp"

#include <type_traits>

#include <SQLiteCpp/Transaction.h>

#include <fmt/format.h>

#include <iprdb/error.hpp>

namespace iprdb::detail {
namespace {

void bind_text_or_null(SQLite::Statement& statement, int index, const std::string& text) {
  if (text.empty()) {
    statement.bind(index);
  } else {
    statement.bind(index, text);
  }
}

template <typename T>
void bind_optional(SQLite::Statement& statement, int index, const std::optional<T>& value) {
  if (!value) {
    statement.bind(index);
  } else if constexpr (std::is_same_v<T, RegionCode>) {
    statement.bind(index, value->to_int());
  } else {
    statement.bind(index, *value);
  }
}

std::string_view to_string(FactOrigin origin) {
  return origin == FactOrigin::curated ? "curated" : "extracted";
}

}  // namespace

std::optional<std::string> storable_date(const std::optional<std::string>& date) {
  if (!date || date->size() != 10 || (*date)[4] != '-' || (*date)[7] != '-') return std::nullopt;
  return date;
}

DocumentStore::DocumentStore(SQLite::Database& db)
    : db_(db),
      find_sha_(db, "SELECT 1 FROM document WHERE sha256 = ?"),
      insert_document_(db, R"sql(
          INSERT INTO document(sha256, origin, format, title, published_on, subject_region_id,
                               reporting_year, encoding, text, extractor_version)
          VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10))sql"),
      insert_observation_(db, R"sql(
          INSERT INTO observation(region_id, indicator_id, year, month_start, month_end,
                                  period_start, cumulative, measure, base_year, rank_scope,
                                  rank_of, share_of, status, value, unit, value_text, qualifier,
                                  document_id, span_start, span_end, quote, origin, note)
          VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                  ?18, ?19, ?20, ?21, ?22, ?23))sql") {
  SQLite::Statement indicators(db, "SELECT code, id FROM indicator");
  while (indicators.executeStep()) {
    indicator_ids_.emplace(indicators.getColumn(0).getString(), indicators.getColumn(1).getInt64());
  }
}

bool DocumentStore::contains(const std::string& sha256) {
  find_sha_.reset();
  find_sha_.bind(1, sha256);
  const bool found = find_sha_.executeStep();
  find_sha_.reset();  // a statement left stepping would hold its read snapshot open
  return found;
}

std::int64_t DocumentStore::indicator_id(const std::string& code) {
  auto it = indicator_ids_.find(code);
  if (it == indicator_ids_.end()) {
    throw Error(ErrorCode::unknown_indicator,
                fmt::format("indicator \"{}\" is not in this database's catalog", code));
  }
  return it->second;
}

std::optional<std::int64_t> DocumentStore::insert(const DocumentRow& document,
                                                  const std::vector<Fact>& facts,
                                                  FactOrigin origin) {
  SQLite::Transaction transaction(db_, SQLite::TransactionBehavior::IMMEDIATE);
  if (contains(document.sha256)) return std::nullopt;
  auto& s = insert_document_;
  s.reset();
  s.clearBindings();
  s.bind(1, document.sha256);
  s.bind(2, document.origin);
  s.bind(3, document.format);
  bind_text_or_null(s, 4, document.title);
  bind_optional(s, 5, storable_date(document.published_on));
  bind_optional(s, 6, document.subject_region);
  bind_optional(s, 7, document.reporting_year);
  s.bind(8, document.encoding);
  s.bind(9, document.text);
  bind_optional(s, 10, document.extractor_version);
  s.exec();
  const std::int64_t stored = insert_facts(db_.getLastInsertRowid(), facts, origin);
  transaction.commit();
  return stored;
}

std::int64_t DocumentStore::insert_facts(std::int64_t document_id, const std::vector<Fact>& facts,
                                         FactOrigin origin) {
  auto& s = insert_observation_;
  for (const auto& fact : facts) {
    s.reset();
    s.clearBindings();
    s.bind(1, fact.region.to_int());
    s.bind(2, indicator_id(fact.indicator));
    s.bind(3, fact.period.year.value);
    bind_optional(s, 4, fact.period.month_start);
    bind_optional(s, 5, fact.period.month_end);
    bind_optional(s, 6, fact.period.period_start);
    s.bind(7, fact.period.cumulative ? 1 : 0);
    s.bind(8, std::string(to_string(fact.measure)));
    bind_optional(s, 9, fact.base_year);
    bind_optional(s, 10, fact.rank_scope);
    bind_optional(s, 11, fact.rank_of);
    bind_optional(s, 12, fact.share_of);
    s.bind(13, std::string(to_string(fact.status)));
    s.bind(14, fact.value);
    s.bind(15, fact.unit);
    bind_text_or_null(s, 16, fact.value_text);
    s.bind(17, std::string(to_string(fact.qualifier)));
    s.bind(18, document_id);
    // Spans point into this document's text only for extracted facts; a record's quote comes
    // from a bulletin that is not this document.
    if (origin == FactOrigin::extracted) {
      s.bind(19, static_cast<std::int64_t>(fact.span_start));
      s.bind(20, static_cast<std::int64_t>(fact.span_end));
    }
    bind_text_or_null(s, 21, fact.quote);
    s.bind(22, std::string(to_string(origin)));
    bind_text_or_null(s, 23, fact.note);
    s.exec();
  }
  s.reset();
  return static_cast<std::int64_t>(facts.size());
}

std::vector<StaleDocument> DocumentStore::stale_documents(std::string_view version) {
  SQLite::Statement query(db_, R"sql(
      SELECT id, origin, format, coalesce(title, ''), published_on FROM document
      WHERE format <> 'jsonl' AND extractor_version IS NOT ?1 ORDER BY id)sql");
  query.bind(1, std::string(version));
  std::vector<StaleDocument> out;
  while (query.executeStep()) {
    StaleDocument document;
    document.id = query.getColumn(0).getInt64();
    document.origin = query.getColumn(1).getString();
    document.format = query.getColumn(2).getString();
    document.title = query.getColumn(3).getString();
    if (!query.getColumn(4).isNull()) document.published_on = query.getColumn(4).getString();
    out.push_back(std::move(document));
  }
  return out;
}

std::string DocumentStore::text_of(std::int64_t id) {
  SQLite::Statement query(db_, "SELECT text FROM document WHERE id = ?");
  query.bind(1, id);
  return query.executeStep() ? query.getColumn(0).getString() : std::string();
}

std::optional<std::int64_t> DocumentStore::replace_extracted(std::int64_t id,
                                                             const Bulletin& bulletin,
                                                             std::string_view version) {
  SQLite::Transaction transaction(db_, SQLite::TransactionBehavior::IMMEDIATE);
  {
    SQLite::Statement still_stale(
        db_, "SELECT 1 FROM document WHERE id = ?1 AND extractor_version IS NOT ?2");
    still_stale.bind(1, id);
    still_stale.bind(2, std::string(version));
    if (!still_stale.executeStep()) return std::nullopt;
  }
  SQLite::Statement forget(db_,
                           "DELETE FROM observation WHERE document_id = ? AND origin = 'extracted'");
  forget.bind(1, id);
  forget.exec();
  SQLite::Statement update(db_, R"sql(
      UPDATE document SET title = ?2, published_on = ?3, subject_region_id = ?4,
                          reporting_year = ?5, extractor_version = ?6
      WHERE id = ?1)sql");
  update.bind(1, id);
  bind_text_or_null(update, 2, bulletin.title);
  bind_optional(update, 3, storable_date(bulletin.published_on));
  bind_optional(update, 4, bulletin.subject_region);
  bind_optional(update, 5, bulletin.reporting_year);
  update.bind(6, std::string(version));
  update.exec();
  const std::int64_t stored = insert_facts(id, bulletin.facts, FactOrigin::extracted);
  transaction.commit();
  return stored;
}

}  // namespace iprdb::detail
