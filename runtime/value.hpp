// What one slot of an entity's table can hold while a scheme is evaluated.
//
// Design decision: a variant of 24 bytes. Text is a view — into the data tape, or into the
// program (constants, grade labels) — so the JsonDocument a run was bound from must outlive
// its tables; lists and records are shared and immutable, so copying a value never copies one.
// The cost is that lifetime rule; the gain is a table cell a third the size of a boxed one.
// A grade's value is a text that also carries its band index, so comparing two grades (or a
// grade with a label the checker resolved) compares indices, and the label is there for output.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <variant>
#include <vector>

#include "base/rational.hpp"
#include "lang/ids.hpp"

namespace kaohe {

class Value {
public:
    enum class Kind : unsigned char { none, number, boolean, text, list, record };

    Value() = default;
    static Value of_number(Rational n) { return Value(std::move(n)); }
    static Value of_bool(bool b) { return Value(b); }
    // band: for a grade's value, the band whose label t is.
    static Value of_text(std::string_view t, BandIndex band = {}) {
        return Value(Text{t.data(), static_cast<std::uint32_t>(t.size()), band});
    }
    static Value of_items(Kind kind, std::vector<Value> items) {
        auto shared = std::make_shared<const std::vector<Value>>(std::move(items));
        return kind == Kind::record ? Value(Record{std::move(shared)}) : Value(List{std::move(shared)});
    }

    Kind kind() const { return static_cast<Kind>(data_.index()); }
    // Each accessor answers a neutral value (0, false, "", no elements) for another kind, so a
    // slot left empty by a data error cannot crash what reads it before the run stops.
    const Rational& number() const {
        static const Rational zero{};
        const auto* n = std::get_if<Rational>(&data_);
        return n ? *n : zero;
    }
    bool boolean() const {
        const auto* b = std::get_if<bool>(&data_);
        return b && *b;
    }
    std::string_view text() const {
        const auto* t = std::get_if<Text>(&data_);
        return t ? std::string_view(t->data, t->size) : std::string_view();
    }
    // A grade's band; none for any other text and any other kind.
    BandIndex band() const {
        const auto* t = std::get_if<Text>(&data_);
        return t ? t->band : BandIndex();
    }
    const std::vector<Value>& elements() const {
        static const std::vector<Value> none;
        if (const auto* l = std::get_if<List>(&data_)) return *l->items;
        if (const auto* r = std::get_if<Record>(&data_)) return *r->items;
        return none;
    }

private:
    using Items = std::shared_ptr<const std::vector<Value>>;
    // A string_view and a band index would take a cell past 24 bytes; a text's length fits 32 bits.
    struct Text {
        const char* data;
        std::uint32_t size;
        BandIndex band;
    };
    struct List {
        Items items;
    };
    struct Record {
        Items items;
    };
    // Alternatives in the order of Kind.
    std::variant<std::monostate, Rational, bool, Text, List, Record> data_;

    explicit Value(Rational n) : data_(std::move(n)) {}
    explicit Value(bool b) : data_(b) {}
    explicit Value(Text t) : data_(t) {}
    explicit Value(List l) : data_(std::move(l)) {}
    explicit Value(Record r) : data_(std::move(r)) {}
};

static_assert(sizeof(Value) <= 24, "a table cell should stay three words");

}  // namespace kaohe
