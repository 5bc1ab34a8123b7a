#include <unicode/ucnv.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <iprdb/error.hpp>

#include "testing.hpp"
#include "text/decode.hpp"
#include "text/source_text.hpp"

using iprdb::ErrorCode;
using iprdb::detail::decode_bytes;
using iprdb::detail::read_source;
using iprdb::detail::read_source_file;

namespace {

const std::filesystem::path kOrigin = "bulletins/2023.txt";
const std::string kText = "2023年全省发明专利授权量达到1.2万件，同比增长16.4%。\n";
const std::string kTraditional =
    "二零二三年全省發明專利授權量達到一萬兩千件，同比增長百分之十六點四，"
    "有效發明專利擁有量達到五萬件，每萬人口高價值發明專利擁有量穩步提高。\n";

// `utf8` in another charset, made by ICU so the test does not depend on hand-typed bytes.
std::string encode(const std::string& utf8, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  auto length = ucnv_convert(charset, "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                             utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  REQUIRE(U_SUCCESS(status));
  out.resize(static_cast<std::size_t>(length));
  return out;
}

template <typename Call>
std::optional<iprdb::Error> error_of(Call call) {
  try {
    call();
  } catch (const iprdb::Error& e) {
    return e;
  }
  return std::nullopt;
}

std::optional<iprdb::Error> decode_error(const std::string& bytes) {
  return error_of([&] { decode_bytes(bytes, kOrigin); });
}

}  // namespace

TEST_CASE("the same text in UTF-8 UTF-8 with BOM GB18030 and UTF-16 decodes the same", "[text]") {
  struct Case {
    std::string bytes;
    std::string encoding;
  };
  const std::vector<Case> cases = {
      {kText, "UTF-8"},
      {"\xEF\xBB\xBF" + kText, "UTF-8 with BOM"},
      {encode(kText, "GB18030"), "GB18030"},
      {encode(kText, "GBK"), "GB18030"},
      {"\xFF\xFE" + encode(kText, "UTF-16LE"), "UTF-16LE"},
      {"\xFE\xFF" + encode(kText, "UTF-16BE"), "UTF-16BE"},
  };
  for (const auto& c : cases) {
    INFO(c.encoding);
    auto decoded = decode_bytes(c.bytes, kOrigin);
    CHECK(decoded.utf8 == kText);
    CHECK(decoded.encoding == c.encoding);
  }
}

TEST_CASE("GB18030 characters outside GBK survive decoding", "[text]") {
  const std::string text = "专利𠀀权€\n";  // a four-byte GB18030 character and the euro sign
  auto decoded = decode_bytes(encode(text, "GB18030"), kOrigin);
  CHECK(decoded.utf8 == text);
  CHECK(decoded.encoding == "GB18030");
}

TEST_CASE("Big5 text is told from GB18030 by ICU's detector", "[text]") {
  auto decoded = decode_bytes(encode(kTraditional, "Big5"), kOrigin);
  CHECK(decoded.encoding == "Big5");
  CHECK(decoded.utf8 == kTraditional);
}

TEST_CASE("a charset declared in an HTML meta tag is honoured", "[text]") {
  // Characters that both GBK and Big5 have.
  const std::string body = "<p>杭州市發明專利授權量</p><p>同比增長</p></body></html>";
  struct Case {
    std::string head;
    const char* charset;
    std::string encoding;
  };
  const std::vector<Case> cases = {
      {"<html><head><meta charset=\"gbk\"></head><body>", "GBK", "GB18030"},
      {"<html><head><META CHARSET=GB2312></head><body>", "GBK", "GB18030"},
      {"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
       "</head><body>",
       "GBK", "GB18030"},
      {"<html><head><meta charset='big5'></head><body>", "Big5", "Big5"},
  };
  for (const auto& c : cases) {
    INFO(c.head);
    auto decoded = decode_bytes(encode(c.head + body, c.charset), kOrigin);
    CHECK(decoded.utf8 == c.head + body);
    CHECK(decoded.encoding == c.encoding);
  }
  // Valid UTF-8 wins over a wrong declaration.
  CHECK(decode_bytes("<meta charset=\"gbk\">" + body, kOrigin).encoding == "UTF-8");
}

TEST_CASE("bytes that cannot be text are reported with the offset and the file", "[text]") {
  struct Case {
    std::string bytes;
    ErrorCode code;
    std::string message;
  };
  const std::string truncated = "发明专利授权量\xE5\x88";  // the last character cut short
  const std::string controls(200, '\x01');
  const std::vector<Case> cases = {
      {std::string("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16), ErrorCode::binary_input,
       "binary file, not text (NUL byte at offset 8)"},
      {"ab" + controls, ErrorCode::binary_input,
       "binary file, not text (200 of the first 202 bytes are control bytes)"},
      {truncated, ErrorCode::encoding,
       "neither UTF-8 nor GB18030 (invalid byte 0xe5 at offset 21)"},
      {"abc\x9f", ErrorCode::encoding, "neither UTF-8 nor GB18030 (invalid byte 0x9f at offset 3)"},
      {"\xEF\xBB\xBF"
       "abc\xC3",
       ErrorCode::encoding,
       "not valid UTF-8 after its byte order mark (invalid byte 0xc3 at offset 6)"},
      {"<meta charset=gbk>\x80", ErrorCode::encoding,
       "declared as gbk in a <meta> tag but not valid GB18030 (invalid byte 0x80 at offset 18)"},
      {"", ErrorCode::empty_input, "empty: no text"},
      {"\xEF\xBB\xBF", ErrorCode::empty_input, "empty: no text"},
      {" \r\n\t\n  ", ErrorCode::empty_input, "empty: no text"},
      {"\xE3\x80\x80\xE2\x80\x8B\n", ErrorCode::empty_input, "empty: no text"},  // U+3000 U+200B
  };
  for (const auto& c : cases) {
    INFO(c.message);
    auto error = decode_error(c.bytes);
    REQUIRE(error);
    CHECK(error->code() == c.code);
    CHECK(error->message() == c.message);
    CHECK(error->path() == kOrigin);
    CHECK(std::string(error->what()) == kOrigin.string() + ": " + c.message);
  }
}

TEST_CASE("read_source turns an HTML file into normalized text with its title", "[text]") {
  iprdb::testing::TempDir dir;
  auto path = dir / "bulletin.html";
  iprdb::testing::write_file(
      path,
      "<!DOCTYPE html><html><head><title> 2023年杭州市知识产权发展状况 </title>"
      "<script>var x = 1;</script></head><body>"
      "<nav><a href=\"/\">首页</a></nav>"
      "<p>全市发明专利授权量达到１．２万件，同比增长１６．４％。</p>"
      "<table><tr><th>地区</th><th>专利授权量</th></tr><tr><td>杭州市</td><td>1234</td></tr>"
      "</table></body></html>");
  auto source = read_source_file(path);
  CHECK(source.format == "html");
  CHECK(source.encoding == "UTF-8");
  CHECK(source.title == "2023年杭州市知识产权发展状况");
  CHECK(source.text ==
        "全市发明专利授权量达到1.2万件,同比增长16.4%。\n"
        "地区\t专利授权量\n"
        "杭州市\t1234\n");
}

TEST_CASE("read_source reads a GB18030 text file in Traditional characters", "[text]") {
  iprdb::testing::TempDir dir;
  auto path = dir / "bulletin.txt";
  iprdb::testing::write_file(path,
                             encode("２０２３年發明專利授權量\r\n達到１．２萬件。\r\n", "GB18030"));
  auto source = read_source_file(path);
  CHECK(source.format == "text");
  CHECK(source.encoding == "GB18030");
  CHECK(source.title.empty());
  CHECK(source.text == "2023年发明专利授权量\n达到1.2万件。\n");
}

TEST_CASE("read_source refuses a page with nothing outside its markup", "[text]") {
  auto error = error_of([] {
    read_source(
        "<html><head><title>公报</title></head><body><nav>首页</nav>"
        "<script>x()</script></body></html>",
        kOrigin);
  });
  REQUIRE(error);
  CHECK(error->code() == ErrorCode::empty_input);
  CHECK(error->message() == "empty: no text outside the HTML markup");
}

TEST_CASE("read_source_file names the file in every error", "[text]") {
  iprdb::testing::TempDir dir;
  auto missing = dir / "missing.txt";
  auto large = dir / "large.txt";
  iprdb::testing::write_file(large, "");
  std::filesystem::resize_file(large, (std::uintmax_t{64} << 20) + 1);  // sparse: never read
  struct Case {
    std::filesystem::path path;
    ErrorCode code;
    std::string message;
  };
  const std::vector<Case> cases = {
      {missing, ErrorCode::file_not_found, "no such file"},
      {dir.path(), ErrorCode::io, "a directory, not a file"},
      {large, ErrorCode::invalid_argument, "too large: 65 MiB; the limit is 64 MiB"},
  };
  for (const auto& c : cases) {
    INFO(c.message);
    auto error = error_of([&] { read_source_file(c.path); });
    REQUIRE(error);
    CHECK(error->code() == c.code);
    CHECK(error->message() == c.message);
    CHECK(error->path() == c.path);
  }
}

TEST_CASE("control bytes are counted exactly wherever they stand in the head", "[text]") {
  // The count reads eight bytes at a time; every byte value at every offset of a word, and
  // random heads around the one-in-ten limit, against a count byte by byte.
  auto is_control = [](unsigned char u) {
    return (u < 0x20 && u != '\t' && u != '\n' && u != '\v' && u != '\f' && u != '\r') || u == 0x7F;
  };
  const std::string filler = "发明专利授权量";
  std::mt19937 random(99);
  for (int round = 0; round < 600; ++round) {
    std::string bytes;
    while (bytes.size() < 100 + random() % 9000) bytes += filler;
    const std::size_t count = round < 256 ? bytes.size() / 9 : 1 + random() % (bytes.size() / 8);
    for (std::size_t k = 0; k < count; ++k) {
      const auto value = static_cast<unsigned char>(round < 256 ? round : random() % 0x80);
      bytes[random() % bytes.size()] = static_cast<char>(value == 0 ? 1 : value);
    }
    const std::string head = bytes.substr(0, 8192);
    std::size_t controls = 0;
    for (char c : head) controls += is_control(static_cast<unsigned char>(c));
    auto error = decode_error(bytes);
    INFO(controls);
    if (controls * 10 > head.size()) {
      REQUIRE(error);
      CHECK(error->message() == "binary file, not text (" + std::to_string(controls) +
                                    " of the first " + std::to_string(head.size()) +
                                    " bytes are control bytes)");
    } else if (error) {
      CHECK(error->code() != ErrorCode::binary_input);
    }
  }
}
