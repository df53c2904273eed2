// The data file as a tape: one 16-byte node per JSON value, in document order, with strings
// and numbers kept as slices of the source text.
//
// Design decision: we read the bulk data ourselves instead of through nlohmann/json. Its DOM
// turns 89.995 into the nearest double before we could see it, and its SAX interface plus a
// tree of our own cost seconds and gigabytes on a province of household records. A tape
// allocates nothing per value and keeps every number's exact digits; the cost is this file.
// nlohmann/json stays the library for everything that is not the data path.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/rational.hpp"

namespace kaohe {

class JsonDocument;

// A handle to one value of a JsonDocument; cheap to copy. A default handle is "missing".
class JsonValue {
public:
    enum class Kind : std::uint8_t { missing, null, boolean, number, string, array, object };

    JsonValue() = default;
    JsonValue(const JsonDocument* document, std::uint32_t index) : document_(document), index_(index) {}

    Kind kind() const;
    bool exists() const { return document_ != nullptr; }
    bool is(Kind k) const { return kind() == k; }
    bool boolean() const;
    std::string_view text() const;  // a string's content, or a number's digits as written
    // Numbers only: exact; nullopt for one beyond what Rational reads (1e5000), which the
    // reader accepts as JSON but no binding may take as a value.
    std::optional<Rational> number() const;
    std::uint32_t size() const;     // elements of an array, members of an object

    // Arrays and objects: the first element (or member value); next() walks siblings.
    JsonValue first() const;
    JsonValue next() const;  // the following element, or missing after the last
    JsonValue find(std::string_view key) const;  // an object's member, or missing
    std::string_view key() const;  // a member reached by first()/next()/find(): its name
    std::string describe() const;   // for messages: 字符串 "abc", 数组 …
    std::string json() const;       // the value written out as JSON (numbers keep their digits)

private:
    const JsonDocument* document_ = nullptr;
    std::uint32_t index_ = 0;
    std::uint32_t end_ = 0;  // when walking siblings: where the parent's children end
    bool member_ = false;    // a member of an object (its siblings come after keys)
    friend class JsonDocument;
};

// The value at a dotted path below an object (实施方案.优秀线), or missing.
JsonValue find_path(JsonValue object, std::string_view dotted);

// One change to a document: in `container`, the member `key` of an object (added when it is
// absent) or the element `index` of an array, becomes the JSON text `json`.
struct JsonEdit {
    JsonValue container;
    std::string key;
    std::uint32_t index = 0;
    std::string json;
};

class JsonDocument {
public:
    // nullopt with a message naming line and column when the text is not valid JSON.
    static std::optional<JsonDocument> parse(std::string text, std::string& error);

    JsonValue root() const { return JsonValue(this, 0); }

    // The document written out anew with the edits made (a later edit of one place wins): numbers
    // keep their digits as written, so the result reads back exactly. For a what-if on the data,
    // which then binds and is checked like any data file.
    std::string text_with(const std::vector<JsonEdit>& edits) const;

    // 16 bytes: a text's offset has 48 bits (its high 16 in what would be padding), so a data
    // file past 4 GiB reads as any other.
    struct Node {
        JsonValue::Kind kind;
        bool escaped;               // strings with escapes live decoded in arena_
        std::uint16_t offset_high;  // text: bits 32–47 of its offset
        std::uint32_t next;         // index just past this value and everything inside it
        std::uint32_t offset;       // text: bits 0–31 of its offset into source_ (or arena_); containers: element count
        std::uint32_t length;
        std::size_t text_offset() const { return (static_cast<std::size_t>(offset_high) << 32) | offset; }
    };
    // The largest text offset a node holds, and so the largest data file.
    static constexpr std::size_t largest_offset = (std::size_t{1} << 48) - 1;

private:
    std::string source_;
    std::string arena_;
    std::vector<Node> nodes_;
    std::uint32_t write(std::uint32_t index, const std::vector<JsonEdit>& edits, std::string& out) const;
    friend class JsonValue;
    friend class TapeReader;
};

}  // namespace kaohe
