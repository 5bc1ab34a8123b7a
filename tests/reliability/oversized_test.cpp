// Pathological and oversized inputs: each finishes (ctest's timeout bounds it) in memory that
// does not grow past a few times the input, or is refused with one clear line. Times and peak
// memory are printed, not asserted: they are figures for docs/reliability.md.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

#include <fmt/format.h>

#include <iprdb/database.hpp>
#include <iprdb/error.hpp>
#include <iprdb/extract.hpp>

#include "testing.hpp"

namespace fs = std::filesystem;
using iprdb::testing::TempDir;

namespace {

constexpr std::size_t kTenMiB = std::size_t{10} << 20;

std::string repeat_to(std::string_view unit, std::size_t size) {
  std::string out;
  out.reserve(size + unit.size());
  while (out.size() < size) out += unit;
  return out;
}

long peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

// Extracts `bytes`, printing how long it took; returns the number of facts, or -1 when refused.
long extract_timed(const std::string& label, const std::string& bytes, std::string* error = nullptr) {
  const auto start = std::chrono::steady_clock::now();
  long facts = -1;
  try {
    facts = static_cast<long>(iprdb::extract_bytes(bytes, label).facts.size());
  } catch (const iprdb::Error& e) {
    if (error) *error = e.what();
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%s: %.1f MiB in %.2f s, %ld facts, peak RSS %ld MiB\n", label.c_str(),
              static_cast<double>(bytes.size()) / (1 << 20), seconds, facts, peak_rss_mib());
  return facts;
}

}  // namespace

TEST_CASE("10 MB on one line without punctuation finishes", "[reliability][slow]") {
  CHECK(extract_timed("one_line_words", repeat_to("知识产权工作稳步推进全省专利授权量持续增长", kTenMiB)) >= 0);
  CHECK(extract_timed("one_line_figures", repeat_to("全省专利授权量18790件同比增长12.5%", kTenMiB)) >= 0);
}

TEST_CASE("10 MB of lines of 100000 digits finishes", "[reliability][slow]") {
  CHECK(extract_timed("digits", repeat_to(std::string(100000, '7') + "件\n", kTenMiB)) >= 0);
}

TEST_CASE("10 MB of deeply nested HTML is refused before parsing", "[reliability][slow]") {
  std::string error;
  CHECK(extract_timed("nested.html", "<html><body>" + repeat_to("<div>", kTenMiB), &error) == -1);
  CHECK(error == "nested.html: HTML nested deeper than 1000 levels; refusing to parse it");
  // As deep as allowed, over and over: parsed, in linear time.
  std::string unit;
  for (int i = 0; i < 990; ++i) unit += "<div>";
  unit += "专利授权量1万件";
  for (int i = 0; i < 990; ++i) unit += "</div>";
  CHECK(extract_timed("deep_but_allowed.html", "<html><body>" + repeat_to(unit, kTenMiB)) >= 0);
}

TEST_CASE("a 10 MB table of 10000 columns finishes", "[reliability][slow]") {
  std::string header = "地区";
  for (int i = 0; i < 10000; ++i) header += fmt::format("\t专利授权量{}", i);
  std::string row = "贵阳市";
  for (int i = 0; i < 10000; ++i) row += fmt::format("\t{}", 1000 + i);
  CHECK(extract_timed("wide_table", header + "\n" + repeat_to(row + "\n", kTenMiB)) >= 0);
  std::string html = "<table><tr><th>地区</th>";
  for (int i = 0; i < 10000; ++i) html += "<th>专利授权量</th>";
  html += "</tr>";
  std::string cells = "<tr><td>贵阳市</td>";
  for (int i = 0; i < 10000; ++i) cells += fmt::format("<td>{}</td>", i);
  cells += "</tr>";
  CHECK(extract_timed("wide_table.html", "<html><body>" + html + repeat_to(cells, kTenMiB)) >= 0);
}

TEST_CASE("a 200 MB file is refused before it is read", "[reliability]") {
  TempDir dir;
  const auto path = dir / "huge.txt";
  { std::ofstream(path, std::ios::binary) << "x"; }
  fs::resize_file(path, std::uintmax_t{200} << 20);  // sparse: no 200 MB written
  try {
    iprdb::extract_file(path);
    FAIL("read a 200 MB file");
  } catch (const iprdb::Error& e) {
    CHECK(e.code() == iprdb::ErrorCode::invalid_argument);
    CHECK(e.what() == path.string() + ": too large: 200 MiB; the limit is 64 MiB");
  }
  auto db = iprdb::Database::open(dir / "db.sqlite", iprdb::OpenMode::create_if_missing);
  const auto report = db.ingest({path});
  REQUIRE(report.files.size() == 1);
  CHECK(report.files[0].error == iprdb::ErrorCode::invalid_argument);
  CHECK(report.files[0].message == path.string() + ": too large: 200 MiB; the limit is 64 MiB");
  std::printf("200 MB file refused; peak RSS %ld MiB\n", peak_rss_mib());
}

TEST_CASE("a 50 MB line is read and stored whole", "[reliability][slow]") {
  TempDir dir;
  const auto path = dir / "long_line.txt";
  {
    std::ofstream out(path, std::ios::binary);
    out << "2023年贵州省知识产权简报\n";
    out << repeat_to("全省知识产权工作稳步推进，", std::size_t{50} << 20) << "\n";
    out << "2023年，全省专利授权量18790件。\n";
  }
  auto db = iprdb::Database::open(dir / "db.sqlite", iprdb::OpenMode::create_if_missing);
  const auto start = std::chrono::steady_clock::now();
  const auto report = db.ingest({path});
  std::printf("50 MB line: loaded in %.2f s, peak RSS %ld MiB\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
              peak_rss_mib());
  REQUIRE(report.files.size() == 1);
  CHECK(report.files[0].message.empty());
  CHECK(report.loaded == 1);
  CHECK(report.facts >= 1);
}

TEST_CASE("a JSON Lines file of 100000 records loads in one transaction", "[reliability][slow]") {
  TempDir dir;
  const auto path = dir / "many.jsonl";
  {
    std::ofstream out(path, std::ios::binary);
    for (int i = 0; i < 100000; ++i) {
      out << fmt::format(
          R"({{"region": "520000", "year": {}, "month_start": 1, "month_end": {}, "indicator": "patent.grant", "measure": "level", "value": {}, "unit": "件", "status": "actual", "qualifier": "exact"}})",
          1949 + i % 150, 1 + i % 12, i)
          << "\n";
    }
  }
  auto db = iprdb::Database::open(dir / "db.sqlite", iprdb::OpenMode::create_if_missing);
  const auto start = std::chrono::steady_clock::now();
  const auto report = db.ingest({path});
  std::printf("100000-line JSONL: loaded in %.2f s, peak RSS %ld MiB\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
              peak_rss_mib());
  CHECK(report.loaded == 1);
  CHECK(report.facts == 100000);
}
