// What one slot of an entity's table can hold while a scheme is evaluated.
//
// Design decision: a variant of 32 bytes. Text is a view — into the data tape, or into the
// program (constants, grade labels) — so the JsonDocument a run was bound from must outlive
// its tables; lists and records are shared and immutable, so copying a value never copies one.
// The cost is that lifetime rule; the gain is a table cell a third the size of a boxed one.
#pragma once

#include <memory>
#include <string_view>
#include <variant>
#include <vector>

#include "base/rational.hpp"

namespace kaohe {

class Value {
public:
    enum class Kind : unsigned char { none, number, boolean, text, list, record };

    Value() = default;
    static Value of_number(Rational n) { return Value(std::move(n)); }
    static Value of_bool(bool b) { return Value(b); }
    static Value of_text(std::string_view t) { return Value(t); }
    static Value of_items(Kind kind, std::vector<Value> items) {
        auto shared = std::make_shared<const std::vector<Value>>(std::move(items));
        return kind == Kind::record ? Value(Record{std::move(shared)}) : Value(List{std::move(shared)});
    }

    Kind kind() const { return static_cast<Kind>(data_.index()); }
    // Each accessor answers a neutral value (0, false, "", no elements) for another kind, so a
    // slot left empty by a data error cannot crash what reads it before the run stops.
    const Rational& number() const {
        static const Rational zero;
        const auto* n = std::get_if<Rational>(&data_);
        return n ? *n : zero;
    }
    bool boolean() const {
        const auto* b = std::get_if<bool>(&data_);
        return b && *b;
    }
    std::string_view text() const {
        const auto* t = std::get_if<std::string_view>(&data_);
        return t ? *t : std::string_view();
    }
    const std::vector<Value>& elements() const {
        static const std::vector<Value> none;
        if (const auto* l = std::get_if<List>(&data_)) return *l->items;
        if (const auto* r = std::get_if<Record>(&data_)) return *r->items;
        return none;
    }

private:
    using Items = std::shared_ptr<const std::vector<Value>>;
    struct List {
        Items items;
    };
    struct Record {
        Items items;
    };
    // Alternatives in the order of Kind.
    std::variant<std::monostate, Rational, bool, std::string_view, List, Record> data_;

    explicit Value(Rational n) : data_(std::move(n)) {}
    explicit Value(bool b) : data_(b) {}
    explicit Value(std::string_view t) : data_(t) {}
    explicit Value(List l) : data_(std::move(l)) {}
    explicit Value(Record r) : data_(std::move(r)) {}
};

}  // namespace kaohe
