#include "runtime/json_document.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "base/json_string.hpp"
#include "base/utf8.hpp"

namespace kaohe {

using Kind = JsonValue::Kind;

// ---------------------------------------------------------------- reading

class TapeReader {
public:
    TapeReader(JsonDocument& document) : doc_(document), s_(document.source_) {}

    bool read(std::string& error) {
        skip_space();
        bool ok = value(0);
        if (ok) {
            skip_space();
            if (i_ != s_.size()) ok = fail("JSON 值之后还有多余的内容");
        }
        if (!ok) error = error_;
        return ok;
    }

private:
    // Deeper documents are not assessment data; refusing them keeps recursion bounded.
    static constexpr int max_depth = 256;
    JsonDocument& doc_;
    const std::string& s_;
    std::size_t i_ = 0;
    std::string error_;
    // The containers open at i_, for the JSON path of an error: an object's last key node, or
    // an array's element count.
    struct Open {
        bool object;
        std::uint32_t at;
    };
    std::vector<Open> open_;

    std::string position(std::size_t offset) const {
        std::size_t line = 1, column = 1;
        for (std::size_t k = 0; k < offset && k < s_.size(); ++k) {
            if (s_[k] == '\n') {
                ++line;
                column = 1;
            } else if ((static_cast<unsigned char>(s_[k]) & 0xC0) != 0x80) {
                ++column;
            }
        }
        return fmt::format("第 {} 行第 {} 列", line, column);
    }

    // Where, as line and column and (a data file is often one long line) as the JSON path of what
    // was being read; a file that ends inside a value was most likely cut off.
    bool fail(const std::string& message) {
        std::string inside = open_.size() > 1 ? " (" + path() + " 中)" : "";
        bool cut = i_ >= s_.size() && !message.starts_with("JSON 意外结束");
        error_ = position(i_) + inside + ": " + (cut ? "JSON 意外结束 (文件可能不完整): " : "") + message;
        return false;
    }

    std::string_view key_text(std::uint32_t node) const {
        const auto& n = doc_.nodes_[node];
        return std::string_view(n.escaped ? doc_.arena_ : s_).substr(n.text_offset(), n.length);
    }

    // $.counties[0].members[3]: where the innermost open container is.
    std::string path() const {
        std::string out = "$";
        for (std::size_t k = 0; k + 1 < open_.size(); ++k)
            out += open_[k].object ? "." + std::string(key_text(open_[k].at)) : fmt::format("[{}]", open_[k].at);
        return out;
    }

    // The RFC leaves duplicate names to the reader; taking either would be a silent guess. Objects
    // in assessment data are small, so comparing with each earlier key costs little.
    bool duplicate_key(std::uint32_t first_key, std::uint32_t key) {
        std::string_view name = key_text(key);
        for (std::uint32_t k = first_key; k < key; k = doc_.nodes_[k + 1].next) {
            if (key_text(k) != name) continue;
            // A key's node holds the offset of its text, one past the quote, unless it had escapes.
            auto start = [&](std::uint32_t node) {
                const auto& n = doc_.nodes_[node];
                return n.escaped ? std::string() : position(n.text_offset() - 1);
            };
            std::string first = start(k), second = start(key);
            error_ = fmt::format("{}{} 中字段 \"{}\" 出现了两次 ({}同一对象中字段名应唯一, 否则不知该用哪一个)",
                                 second.empty() ? "" : second + ": ", path(), name,
                                 first.empty() ? "" : "第一次在" + first + ", ");
            return false;
        }
        return true;
    }

    void skip_space() {
        while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) ++i_;
    }

    // false (with the message) past what a tape holds: 4 billion values, a text of 4 GiB.
    bool push(Kind kind, std::size_t offset = 0, std::size_t length = 0, bool escaped = false) {
        if (doc_.nodes_.size() >= UINT32_MAX - 1) return fail("数据中的值超过 40 亿个, 无法读取");
        if (length > UINT32_MAX || offset > JsonDocument::largest_offset) return fail("单个字符串超过 4 GiB, 无法读取");
        auto index = static_cast<std::uint32_t>(doc_.nodes_.size());
        doc_.nodes_.push_back({kind, escaped, static_cast<std::uint16_t>(offset >> 32), index + 1,
                               static_cast<std::uint32_t>(offset), static_cast<std::uint32_t>(length)});
        return true;
    }

    bool value(int depth) {
        if (i_ >= s_.size()) return fail("JSON 意外结束, 这里应为一个值");
        char c = s_[i_];
        if (c == '{' || c == '[') return container(depth);
        if (c == '"') return string();
        if (c == '-' || (c >= '0' && c <= '9')) return number();
        if (s_.compare(i_, 4, "true") == 0) return literal(Kind::boolean, 4, true);
        if (s_.compare(i_, 5, "false") == 0) return literal(Kind::boolean, 5, false);
        if (s_.compare(i_, 4, "null") == 0) return literal(Kind::null, 4, false);
        // a control character (a NUL in a broken file) by its code, not as itself
        if (static_cast<unsigned char>(c) < 0x20) return fail(fmt::format("这里应为 JSON 值, 而不是控制字符 U+{:04X}", int(c)));
        return fail(fmt::format("这里应为 JSON 值, 而不是 '{}'", c));
    }

    bool literal(Kind kind, std::size_t length, bool truth) {
        if (!push(kind, i_, truth ? 1 : 0)) return false;
        i_ += length;
        return true;
    }

    bool container(int depth) {
        if (depth >= max_depth) return fail(fmt::format("JSON 嵌套超过 {} 层", max_depth));
        bool is_object = s_[i_] == '{';
        char close = is_object ? '}' : ']';
        auto index = static_cast<std::uint32_t>(doc_.nodes_.size());
        if (!push(is_object ? Kind::object : Kind::array)) return false;
        ++i_;
        skip_space();
        std::uint32_t count = 0;
        open_.push_back({is_object, 0});
        if (i_ < s_.size() && s_[i_] == close) {
            ++i_;
        } else {
            for (;;) {
                if (is_object) {
                    if (i_ >= s_.size() || s_[i_] != '"') return fail("这里应为带引号的字段名");
                    auto key = static_cast<std::uint32_t>(doc_.nodes_.size());
                    if (!string()) return false;
                    open_.back().at = key;
                    if (!duplicate_key(index + 1, key)) return false;
                    skip_space();
                    if (i_ >= s_.size() || s_[i_] != ':') return fail("字段名后应为冒号 :");
                    ++i_;
                    skip_space();
                }
                if (!is_object) open_.back().at = count;
                if (!value(depth + 1)) return false;
                ++count;
                skip_space();
                if (i_ < s_.size() && s_[i_] == ',') {
                    ++i_;
                    skip_space();
                    continue;
                }
                if (i_ < s_.size() && s_[i_] == close) {
                    ++i_;
                    break;
                }
                return fail(is_object ? "这里应为逗号 , 或右花括号 }" : "这里应为逗号 , 或右方括号 ]");
            }
        }
        open_.pop_back();
        auto& node = doc_.nodes_[index];
        node.next = static_cast<std::uint32_t>(doc_.nodes_.size());
        node.offset = count;
        return true;
    }

    bool number() {
        std::size_t start = i_;
        if (s_[i_] == '-') ++i_;
        auto digits = [&] {
            std::size_t from = i_;
            while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
            return i_ - from;
        };
        if (i_ < s_.size() && s_[i_] == '0') ++i_;
        else if (digits() == 0) return fail("数字格式错误");
        if (i_ < s_.size() && s_[i_] == '.') {
            ++i_;
            if (digits() == 0) return fail("数字格式错误: 小数点后应有数字");
        }
        if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
            ++i_;
            if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
            if (digits() == 0) return fail("数字格式错误: 指数应有数字");
        }
        return push(Kind::number, start, i_ - start);
    }

    // Four hex digits of a \u escape at s_[i_..]; -1 when malformed.
    long hex4() {
        if (i_ + 4 > s_.size()) return -1;
        long v = 0;
        for (int k = 0; k < 4; ++k) {
            char c = s_[i_ + k];
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) return -1;
            v = v * 16 + d;
        }
        i_ += 4;
        return v;
    }

    bool string() {
        std::size_t start = ++i_;
        bool escaped = false;
        for (;; ++i_) {
            if (i_ >= s_.size()) return fail("字符串缺少结尾的引号");
            auto c = static_cast<unsigned char>(s_[i_]);
            if (c == '"') break;
            if (c == '\\') {
                escaped = true;
                ++i_;
            } else if (c < 0x20) {
                return fail("字符串中不能有未转义的控制字符");
            } else if (c >= 0x80) {
                std::size_t at = i_;
                if (decode_utf8(s_, at) == 0xFFFD && s_.compare(i_, 3, "\xEF\xBF\xBD") != 0)
                    return fail("字符串不是有效的 UTF-8");
                i_ = at - 1;
            }
        }
        std::size_t end = i_++;
        if (!escaped) return push(Kind::string, start, end - start);
        // Decode into the arena; offsets there are what the node keeps.
        std::string& arena = doc_.arena_;
        std::size_t arena_start = arena.size();
        std::size_t resume = i_;
        for (i_ = start; i_ < end;) {
            char c = s_[i_++];
            if (c != '\\') {
                arena += c;
                continue;
            }
            char e = s_[i_++];
            switch (e) {
            case '"': arena += '"'; break;
            case '\\': arena += '\\'; break;
            case '/': arena += '/'; break;
            case 'b': arena += '\b'; break;
            case 'f': arena += '\f'; break;
            case 'n': arena += '\n'; break;
            case 'r': arena += '\r'; break;
            case 't': arena += '\t'; break;
            case 'u': {
                long code = hex4();
                if (code < 0) return fail("\\u 后应为四位十六进制数");
                if (code >= 0xD800 && code <= 0xDBFF) {  // a surrogate pair
                    if (s_.compare(i_, 2, "\\u") != 0) return fail("\\u 代理对不完整");
                    i_ += 2;
                    long low = hex4();
                    if (low < 0xDC00 || low > 0xDFFF) return fail("\\u 代理对不完整");
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                } else if (code >= 0xDC00 && code <= 0xDFFF) {
                    return fail("\\u 代理对不完整");
                }
                append_utf8(arena, static_cast<char32_t>(code));
                break;
            }
            default: return fail(fmt::format("未知的转义 \\{}", e));
            }
        }
        i_ = resume;
        return push(Kind::string, arena_start, arena.size() - arena_start, true);
    }
};

namespace {

// An upper bound on the nodes a valid document needs, from one pass over its bytes: every
// value but the root follows a ',', a ':' or a '[', and every key a ',' or a '{' — counted
// outside strings. Reserving exactly this avoids both regrowing and shrinking the tape,
// each of which briefly holds two copies of it.
std::size_t node_bound(const std::string& text) {
    std::size_t bound = 1;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
            continue;
        }
        switch (c) {
        case '"': in_string = true; break;
        case ',': bound += 2; break;  // the next element, or the next member's key and value
        case ':': break;              // counted with its key
        case '[': bound += 1; break;
        case '{': bound += 2; break;  // the first member's key and value
        default: break;
        }
    }
    return bound;
}

}  // namespace

std::optional<JsonDocument> JsonDocument::parse(std::string text, std::string& error) {
    if (text.size() > largest_offset) {  // 256 TiB: no machine holds it in memory, but say so
        error = "数据超过 256 TiB, 无法读取";
        return std::nullopt;
    }
    JsonDocument document;
    document.source_ = std::move(text);
    document.nodes_.reserve(node_bound(document.source_));
    TapeReader reader(document);
    if (!reader.read(error)) return std::nullopt;
    return document;
}

// ---------------------------------------------------------------- navigating

Kind JsonValue::kind() const { return document_ ? document_->nodes_[index_].kind : Kind::missing; }

bool JsonValue::boolean() const { return document_->nodes_[index_].length != 0; }

std::string_view JsonValue::text() const {
    const auto& node = document_->nodes_[index_];
    if (node.kind != Kind::string && node.kind != Kind::number) return {};
    const std::string& store = node.escaped ? document_->arena_ : document_->source_;
    return std::string_view(store).substr(node.text_offset(), node.length);
}

std::optional<Rational> JsonValue::number() const { return Rational::parse(text()); }

std::uint32_t JsonValue::size() const {
    const auto& node = document_->nodes_[index_];
    return node.kind == Kind::array || node.kind == Kind::object ? node.offset : 0;
}

JsonValue JsonValue::first() const {
    const auto& node = document_->nodes_[index_];
    if (node.next == index_ + 1) return {};  // empty
    bool object = node.kind == Kind::object;
    JsonValue child(document_, object ? index_ + 2 : index_ + 1);  // a member's value follows its key
    child.end_ = node.next;
    child.member_ = object;
    return child;
}

JsonValue JsonValue::next() const {
    // Keys are single nodes, so the next member's value is one past the next member's key.
    std::uint32_t following = document_->nodes_[index_].next + (member_ ? 1 : 0);
    if (following >= end_) return {};
    JsonValue sibling(document_, following);
    sibling.end_ = end_;
    sibling.member_ = member_;
    return sibling;
}

std::string_view JsonValue::key() const {
    return member_ ? JsonValue(document_, index_ - 1).text() : std::string_view();  // the key node precedes its value
}

JsonValue JsonValue::find(std::string_view key) const {
    const auto& node = document_->nodes_[index_];
    if (node.kind != Kind::object) return {};
    for (std::uint32_t k = index_ + 1; k < node.next;) {
        JsonValue name(document_, k);
        std::uint32_t value = k + 1;
        if (name.text() == key) {
            JsonValue found(document_, value);
            found.end_ = node.next;
            found.member_ = true;
            return found;
        }
        k = document_->nodes_[value].next;
    }
    return {};
}

std::string JsonValue::describe() const {
    switch (kind()) {
    case Kind::missing: return "缺少";
    case Kind::null: return "空值 null";
    case Kind::boolean: return boolean() ? "布尔值 true" : "布尔值 false";
    case Kind::number: return "数字 " + std::string(text());
    case Kind::string: return "字符串 \"" + std::string(text()) + "\"";
    case Kind::array: return "数组";
    case Kind::object: return "对象";
    }
    return "?";
}

JsonValue find_path(JsonValue object, std::string_view dotted) {
    for (std::size_t start = 0;;) {
        std::size_t dot = dotted.find('.', start);
        object = object.find(dotted.substr(start, dot == std::string_view::npos ? dot : dot - start));
        if (dot == std::string_view::npos || !object.exists()) return object;
        start = dot + 1;
    }
}

// ---------------------------------------------------------------- rewriting

std::string JsonValue::json() const {
    std::string out;
    if (document_) document_->write(index_, {}, out);
    return out;
}

std::string JsonDocument::text_with(const std::vector<JsonEdit>& edits) const {
    std::string out;
    out.reserve(source_.size() + 64);
    write(0, edits, out);
    out += '\n';
    return out;
}

// Writes node `index` and everything inside it; answers the index just past it.
std::uint32_t JsonDocument::write(std::uint32_t index, const std::vector<JsonEdit>& edits, std::string& out) const {
    const Node& node = nodes_[index];
    auto text = [&](std::uint32_t i) { return JsonValue(this, i).text(); };
    switch (node.kind) {
    case Kind::missing: break;
    case Kind::null: out += "null"; break;
    case Kind::boolean: out += node.length ? "true" : "false"; break;
    case Kind::number: out += text(index); break;
    case Kind::string: append_json_string(out, text(index)); break;
    case Kind::array:
    case Kind::object: {
        bool object = node.kind == Kind::object;
        // The last edit of each place in this container wins.
        auto edit_of = [&](std::string_view key, std::uint32_t element) -> const JsonEdit* {
            const JsonEdit* found = nullptr;
            for (const JsonEdit& edit : edits)
                if (edit.container.index_ == index && edit.container.document_ == this &&
                    (object ? edit.key == key : edit.index == element))
                    found = &edit;
            return found;
        };
        out += object ? '{' : '[';
        std::vector<std::string_view> written;
        std::uint32_t element = 0;
        for (std::uint32_t child = index + 1; child < node.next; ++element) {
            if (element) out += ',';
            std::string_view key;
            if (object) {
                key = text(child);
                written.push_back(key);
                append_json_string(out, key);
                out += ':';
                ++child;
            }
            if (const JsonEdit* edit = edit_of(key, element)) {
                out += edit->json;
                child = nodes_[child].next;
            } else
                child = write(child, edits, out);
        }
        if (object)  // members the edits add
            for (const JsonEdit& edit : edits)
                if (edit.container.index_ == index && edit.container.document_ == this &&
                    std::find(written.begin(), written.end(), edit.key) == written.end() &&
                    edit_of(edit.key, 0) == &edit) {
                    if (!written.empty()) out += ',';
                    written.push_back(edit.key);
                    append_json_string(out, edit.key);
                    out += ':' + edit.json;
                }
        out += object ? '}' : ']';
        break;
    }
    }
    return node.next;
}

}  // namespace kaohe
