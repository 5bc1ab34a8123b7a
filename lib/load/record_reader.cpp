#include "load/record_reader.hpp"

#include <cmath>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iprdb/error.hpp>
#include <iprdb/reference.hpp>

#include "text/decode.hpp"

namespace iprdb::detail {
namespace {

using Json = nlohmann::json;

constexpr int kFirstYear = 1949;
constexpr int kLastYear = 2100;

// Every field of the gold format and of `iprdb-load --dry-run` output. Anything else is most
// likely a misspelt field whose value would otherwise be lost without a word.
constexpr std::string_view kKnownFields[] = {
    "region",     "region_name", "year",       "month_start", "month_end", "period_start",
    "cumulative", "indicator",   "measure",    "value",       "unit",      "status",
    "qualifier",  "base_year",   "rank_scope", "rank_of",     "share_of",  "value_text",
    "quote",      "span_start",  "span_end",   "note",        "document"};

constexpr std::string_view kRequiredFields[] = {"region",  "year", "indicator", "measure",
                                                "value",   "unit", "status",    "qualifier"};

// A problem with one line; becomes an Error naming the file and the line.
struct LineError {
  ErrorCode code;
  std::string message;
};

[[noreturn]] void bad(std::string message, ErrorCode code = ErrorCode::malformed_record) {
  throw LineError{code, std::move(message)};
}

// A string from the file, in quotes and escaped as JSON writes it: a name holding a newline
// must not break the one-line error that repeats it.
std::string json_quoted(std::string_view text) {
  return Json(std::string(text)).dump(-1, ' ', false, Json::error_handler_t::replace);
}

bool is_null(const Json& object, std::string_view field) {
  auto it = object.find(field);
  return it == object.end() || it->is_null();
}

std::string string_field(const Json& object, std::string_view field) {
  const Json& value = object.at(std::string(field));
  if (!value.is_string()) bad(fmt::format("\"{}\" must be a string", field));
  return value.get<std::string>();
}

std::optional<std::string> optional_string(const Json& object, std::string_view field) {
  if (is_null(object, field)) return std::nullopt;
  return string_field(object, field);
}

int whole_number(const Json& object, std::string_view field, int low, int high) {
  const Json& value = object.at(std::string(field));
  // 2022.0 is a whole number as JSON writers see it; "2022" is not a number.
  if (!value.is_number() ||
      (value.is_number_float() && value.get<double>() != std::floor(value.get<double>()))) {
    bad(fmt::format("bad {} {}: a whole number from {} to {}", field, value.dump(), low, high));
  }
  const double number = value.get<double>();
  if (number < low || number > high) {
    bad(fmt::format("bad {} {}: a whole number from {} to {}", field, value.dump(), low, high));
  }
  return static_cast<int>(number);
}

std::optional<int> optional_whole_number(const Json& object, std::string_view field, int low,
                                         int high) {
  if (is_null(object, field)) return std::nullopt;
  return whole_number(object, field, low, high);
}

// The unit a figure of `measure` must carry for `indicator` (see gold/README.md).
std::string expected_unit(Measure measure, const Indicator& indicator) {
  switch (measure) {
    case Measure::level:
    case Measure::change_abs: return indicator.unit;
    case Measure::growth_pct:
    case Measure::share_pct: return "%";
    case Measure::rank: return "位";
    case Measure::change_pp: return "百分点";
  }
  return indicator.unit;
}

Fact read_fact(const Json& record) {
  if (!record.is_object()) bad("not a JSON object");
  for (const auto& item : record.items()) {
    bool known = false;
    for (auto field : kKnownFields) known = known || item.key() == field;
    if (!known) bad(fmt::format("unknown field {}", json_quoted(item.key())));
  }
  for (auto field : kRequiredFields) {
    if (is_null(record, field)) bad(fmt::format("missing field \"{}\"", field));
  }

  Fact fact;
  const std::string code = string_field(record, "region");
  const auto& gazetteer = Gazetteer::builtin();
  std::optional<Region> region;
  if (code.size() == 6 && code.find_first_not_of("0123456789") == std::string::npos) {
    region = gazetteer.by_code(code);
  }
  if (!region) bad(fmt::format("unknown region {}", json_quoted(code)), ErrorCode::unknown_region);
  if (auto name = optional_string(record, "region_name"); name && !name->empty()) {
    // A code and a name that disagree mean one of them is a typo; guessing which is not ours.
    bool fits = false;
    for (const auto& candidate : gazetteer.find(*name))
      fits = fits || candidate.code == region->code;
    if (!fits) {
      bad(fmt::format("region {} is {}, not {}", json_quoted(code), region->name,
                      json_quoted(*name)),
          ErrorCode::unknown_region);
    }
  }
  fact.region = region->code;
  fact.region_name = region->name;

  fact.indicator = string_field(record, "indicator");
  const auto indicator = Catalog::builtin().by_code(fact.indicator);
  if (!indicator) {
    bad(fmt::format("unknown indicator {}", json_quoted(fact.indicator)),
        ErrorCode::unknown_indicator);
  }

  fact.period.year = Year(whole_number(record, "year", kFirstYear, kLastYear));
  fact.period.month_start = optional_whole_number(record, "month_start", 1, 12);
  fact.period.month_end = optional_whole_number(record, "month_end", 1, 12);
  if (fact.period.month_start &&
      (!fact.period.month_end || *fact.period.month_start > *fact.period.month_end)) {
    bad("month_start needs a month_end that is not before it");
  }
  fact.period.period_start =
      optional_whole_number(record, "period_start", kFirstYear, fact.period.year.value);
  if (!is_null(record, "cumulative")) {
    if (!record.at("cumulative").is_boolean()) bad("\"cumulative\" must be true or false");
    fact.period.cumulative = record.at("cumulative").get<bool>();
  }

  const std::string measure = string_field(record, "measure");
  const auto parsed_measure = parse_measure(measure);
  if (!parsed_measure) bad(fmt::format("unknown measure {}", json_quoted(measure)));
  fact.measure = *parsed_measure;
  const std::string status = string_field(record, "status");
  const auto parsed_status = parse_status(status);
  if (!parsed_status) bad(fmt::format("unknown status {}", json_quoted(status)));
  fact.status = *parsed_status;
  const std::string qualifier = string_field(record, "qualifier");
  const auto parsed_qualifier = parse_qualifier(qualifier);
  if (!parsed_qualifier) bad(fmt::format("unknown qualifier {}", json_quoted(qualifier)));
  fact.qualifier = *parsed_qualifier;

  const Json& value = record.at("value");
  if (!value.is_number() || !std::isfinite(value.get<double>())) {
    bad(fmt::format("bad value {}: a number", value.dump()));
  }
  fact.value = value.get<double>();
  fact.unit = string_field(record, "unit");
  const std::string unit = expected_unit(fact.measure, *indicator);
  if (fact.unit != unit) {
    bad(fmt::format("wrong unit {} for {} {}: expected \"{}\"", json_quoted(fact.unit),
                    fact.indicator, measure, unit));
  }

  fact.base_year = optional_whole_number(record, "base_year", kFirstYear, kLastYear);
  fact.rank_scope = optional_string(record, "rank_scope");
  fact.rank_of = optional_string(record, "rank_of");
  fact.share_of = optional_string(record, "share_of");
  if ((fact.measure == Measure::rank) != fact.rank_scope.has_value()) {
    bad(fact.rank_scope ? "rank_scope is only for measure \"rank\"" : "a rank needs rank_scope");
  }
  if (fact.rank_of && (fact.measure != Measure::rank || !parse_measure(*fact.rank_of))) {
    bad(fmt::format("bad rank_of {}: a measure, and only for a rank", json_quoted(*fact.rank_of)));
  }
  if ((fact.measure == Measure::share_pct) != fact.share_of.has_value()) {
    bad(fact.share_of ? "share_of is only for measure \"share_pct\""
                      : "a share_pct needs share_of (province or country)");
  }
  if (fact.share_of && *fact.share_of != "province" && *fact.share_of != "country") {
    bad(fmt::format("bad share_of {}: province or country", json_quoted(*fact.share_of)));
  }

  fact.value_text = optional_string(record, "value_text").value_or("");
  fact.quote = optional_string(record, "quote").value_or("");
  fact.note = optional_string(record, "note").value_or("");
  optional_string(record, "document");  // for people; the type is still checked
  // span_start/span_end, when present, point into the bulletin the record was read from, not
  // into this file, so they are not kept.
  return fact;
}

}  // namespace

RecordFile read_records(std::string_view bytes, const std::filesystem::path& origin) {
  DecodedBytes decoded = decode_bytes(bytes, origin);
  RecordFile file;
  file.encoding = std::move(decoded.encoding);
  file.text = std::move(decoded.utf8);

  std::optional<Error> first;
  int bad_lines = 0;
  int line_number = 0;
  std::string_view rest = file.text;
  while (!rest.empty()) {
    ++line_number;
    const auto end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    try {
      Json record;
      try {
        record = Json::parse(line);
      } catch (const Json::parse_error& e) {
        bad(fmt::format("malformed JSON at column {}", e.byte));
      } catch (const Json::exception& e) {
        // Not a syntax error but JSON all the same, such as 1e400 (out of a double's range).
        std::string_view what = e.what();
        const auto tag_end = what.find("] ");
        if (tag_end != std::string_view::npos) what.remove_prefix(tag_end + 2);
        bad(fmt::format("malformed JSON: {}", what));
      }
      Fact fact = read_fact(record);
      if (!first) file.facts.push_back(std::move(fact));
    } catch (const LineError& e) {
      if (!first) first.emplace(e.code, e.message, origin, line_number);
      ++bad_lines;
    }
  }
  if (first) {
    if (bad_lines == 1) throw *first;
    throw Error(first->code(),
                fmt::format("{} (and {} more bad line{})", first->message(), bad_lines - 1,
                            bad_lines == 2 ? "" : "s"),
                origin, first->line());
  }
  if (file.facts.empty()) throw Error(ErrorCode::empty_input, "empty: no records", origin);
  return file;
}

}  // namespace iprdb::detail
