#include "lang/unparsed.hpp"

#include <array>

#include <tao/pegtl.hpp>

#include "base/utf8.hpp"
#include "lang/grammar.hpp"

namespace kaohe {
namespace {

constexpr std::array<std::string_view, 15> declaring_keywords{
    "entity", "input", "value", "rank", "grade", "param", "enum", "fn", "record", "flag", "section", "variant",
    "veto", "output", "quota"};

bool word_character(char32_t c) {
    return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

// The words of one line, split at anything that cannot be in a name.
std::vector<std::string> words(std::string_view line) {
    std::vector<std::string> out;
    std::string word;
    for (std::size_t i = 0; i < line.size();) {
        char32_t c = decode_utf8(line, i);
        if (c == '#') break;
        if (word_character(c) && c != 0x3000) {
            append_utf8(word, c);
            continue;
        }
        if (!word.empty()) out.push_back(std::move(word));
        word.clear();
    }
    if (!word.empty()) out.push_back(std::move(word));
    return out;
}

bool is_keyword(const std::string& word) {
    tao::pegtl::memory_input in(word, "");
    return tao::pegtl::parse<tao::pegtl::seq<grammar::keyword, tao::pegtl::eof>>(in);
}

// Whether text names `name` as a whole word: 甲 is not mentioned by 甲分 or 乙甲.
bool mentions(std::string_view text, std::string_view name) {
    for (std::size_t at = text.find(name); at != std::string_view::npos; at = text.find(name, at + 1)) {
        std::size_t before = at, after = at + name.size();
        while (before > 0 && (static_cast<unsigned char>(text[before - 1]) & 0xC0) == 0x80) --before;
        bool starts = at == 0 || (before > 0 && !word_character(decode_utf8(text, --before)));
        bool ends = after >= text.size() || !word_character(decode_utf8(text, after));
        if (starts && ends) return true;
    }
    return false;
}

}  // namespace

std::set<std::string> names_declared_in(std::string_view declaration) {
    std::set<std::string> names;
    std::size_t start = 0;
    while (start < declaration.size()) {
        std::size_t end = declaration.find('\n', start);
        if (end == std::string_view::npos) end = declaration.size();
        std::string_view line = declaration.substr(start, end - start);
        auto found = words(line);
        auto add = [&](const std::string& word) {
            if (!is_keyword(word)) names.insert(word);
        };
        if (!found.empty() && !line.empty() && (line.front() == ' ' || line.front() == '\t')) add(found.front());
        for (std::size_t i = 0; i + 1 < found.size(); ++i)
            for (std::string_view keyword : declaring_keywords)
                if (found[i] == keyword) add(found[i + 1]);
        start = end + 1;
    }
    return names;
}

bool follows_from_unparsed(const Diagnostic& diagnostic, const std::set<std::string>& unparsed_names) {
    if (diagnostic.severity != Severity::error || diagnostic.code == DiagnosticCode::missing_output) return true;
    for (const std::string& name : unparsed_names)
        if (mentions(diagnostic.message, name)) return true;
    return false;
}

}  // namespace kaohe
