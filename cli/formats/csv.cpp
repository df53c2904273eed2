// --format csv: CRLF line ends and quoted fields (a field holding a comma, quote, CR or LF is
// quoted, its quotes doubled), text cells kept from running as formulas, led by a UTF-8 byte
// order mark because spreadsheets otherwise guess a legacy code page and garble the Chinese.
// Each kind of row has its own header line, and an "entity" column says which kind a row is.
#include "cli/formats/formats.hpp"
#include "cli/formats/rows.hpp"

namespace kaohe::cli {

namespace {

std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

// A text cell that a spreadsheet would run as a formula (=HYPERLINK(…), +cmd|…, @SUM, or after
// a tab or CR) is kept as text by a leading apostrophe, as OWASP advises; numbers are left alone.
std::string inert(std::string text) {
    if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos)
        text.insert(text.begin(), '\'');
    return text;
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
            std::vector<std::string> texts = column_texts(rows[i]);
            std::vector<bool> text = text_columns(rows[i]);
            for (std::size_t c = 0; c < texts.size(); ++c) values.push_back(text[c] ? inert(texts[c]) : texts[c]);
            for (auto& v : values) v = csv_field(v);
            out += join(values, ",") + "\r\n";
        }
    });
    return out;
}

}  // namespace kaohe::cli
