// --format csv: CRLF line ends and quoted fields (a field holding a comma, quote or newline is
// quoted, its quotes doubled), led by a UTF-8 byte order mark because spreadsheets otherwise
// guess a legacy code page and garble the Chinese. Each kind of row has its own header line,
// and an "entity" column says which kind a row is.
#include "cli/formats/formats.hpp"
#include "cli/formats/rows.hpp"

namespace kaohe::cli {

namespace {

std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\n") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

}  // namespace

std::string render_csv(const std::vector<ResultRow>& rows) {
    std::string out = "\xEF\xBB\xBF";
    for_each_group(rows, [&](std::size_t begin, std::size_t end) {
        std::vector<std::string> header{"entity"};
        for (const auto& c : column_names(rows[begin])) header.push_back(c);
        for (auto& h : header) h = csv_field(h);
        out += join(header, ",") + "\r\n";
        for (std::size_t i = begin; i < end; ++i) {
            std::vector<std::string> values{rows[i].kind};
            for (const auto& v : column_texts(rows[i])) values.push_back(v);
            for (auto& v : values) v = csv_field(v);
            out += join(values, ",") + "\r\n";
        }
    });
    return out;
}

}  // namespace kaohe::cli
