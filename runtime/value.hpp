// What one slot of an entity's table can hold while a scheme is evaluated.
//
// Kept deliberately plain: a tag, the scalar payloads, and a shared, immutable list for
// lists and records, so copying a value never copies a list.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "runtime/rational.hpp"

namespace kaohe {

struct Value {
    enum class Kind : unsigned char { none, number, boolean, text, list, record };

    Kind kind = Kind::none;
    bool boolean = false;
    Rational number;
    std::string text;
    std::shared_ptr<const std::vector<Value>> items;  // list elements or record fields

    static Value of_number(Rational n) {
        Value v;
        v.kind = Kind::number;
        v.number = std::move(n);
        return v;
    }
    static Value of_bool(bool b) {
        Value v;
        v.kind = Kind::boolean;
        v.boolean = b;
        return v;
    }
    static Value of_text(std::string t) {
        Value v;
        v.kind = Kind::text;
        v.text = std::move(t);
        return v;
    }
    static Value of_items(Kind kind, std::vector<Value> items) {
        Value v;
        v.kind = kind;
        v.items = std::make_shared<const std::vector<Value>>(std::move(items));
        return v;
    }
    const std::vector<Value>& elements() const {
        static const std::vector<Value> none;
        return items ? *items : none;
    }
};

}  // namespace kaohe
