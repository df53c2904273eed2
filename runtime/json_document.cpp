#include "runtime/json_document.hpp"

#include <nlohmann/json.hpp>

namespace kaohe {
namespace {

class TreeBuilder : public nlohmann::json_sax<nlohmann::json> {
public:
    JsonNode root;
    std::string error;

    bool null() override { return add(JsonNode{}); }
    bool boolean(bool value) override {
        JsonNode n;
        n.kind = JsonNode::Kind::boolean;
        n.boolean = value;
        return add(std::move(n));
    }
    bool number_integer(number_integer_t value) override { return add_number(Rational(value), std::to_string(value)); }
    bool number_unsigned(number_unsigned_t value) override {
        auto text = std::to_string(value);
        return add_number(*Rational::parse(text), text);
    }
    bool number_float(number_float_t, const string_t& text) override {
        auto exact = Rational::parse(text);
        if (!exact) {
            error = "无法读取的数字 " + text;
            return false;
        }
        return add_number(std::move(*exact), text);
    }
    bool string(string_t& value) override {
        JsonNode n;
        n.kind = JsonNode::Kind::string;
        n.text = std::move(value);
        return add(std::move(n));
    }
    bool binary(binary_t&) override { return false; }
    bool start_object(std::size_t) override { return open(JsonNode::Kind::object); }
    bool key(string_t& value) override {
        keys_.back() = std::move(value);
        return true;
    }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override { return open(JsonNode::Kind::array); }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
        std::string what = e.what();
        auto at = what.find("] ");
        error = at == std::string::npos ? what : what.substr(at + 2);
        return false;
    }

private:
    // Deeper documents are not assessment data, and would overflow the stack when freed.
    static constexpr std::size_t max_depth = 256;
    std::vector<JsonNode> stack_;
    std::vector<std::string> keys_;

    bool add_number(Rational value, std::string text) {
        JsonNode n;
        n.kind = JsonNode::Kind::number;
        n.number = std::move(value);
        n.text = std::move(text);
        return add(std::move(n));
    }
    bool add(JsonNode node) {
        if (stack_.empty()) {
            root = std::move(node);
        } else if (stack_.back().kind == JsonNode::Kind::array) {
            stack_.back().elements.push_back(std::move(node));
        } else {
            stack_.back().members.emplace_back(std::move(keys_.back()), std::move(node));
        }
        return true;
    }
    bool open(JsonNode::Kind kind) {
        if (stack_.size() >= max_depth) {
            error = "JSON 嵌套超过 " + std::to_string(max_depth) + " 层";
            return false;
        }
        JsonNode n;
        n.kind = kind;
        stack_.push_back(std::move(n));
        keys_.emplace_back();
        return true;
    }
    bool close() {
        JsonNode done = std::move(stack_.back());
        stack_.pop_back();
        keys_.pop_back();
        return add(std::move(done));
    }
};

}  // namespace

const JsonNode* JsonNode::find(std::string_view key) const {
    for (const auto& [name, value] : members)
        if (name == key) return &value;
    return nullptr;
}

std::string JsonNode::describe() const {
    switch (kind) {
    case Kind::null: return "null";
    case Kind::boolean: return boolean ? "true" : "false";
    case Kind::number: return "数字 " + text;
    case Kind::string: return "字符串 \"" + text + "\"";
    case Kind::array: return "数组";
    case Kind::object: return "对象";
    }
    return "?";
}

std::optional<JsonNode> parse_json(const std::string& text, std::string& error) {
    TreeBuilder builder;
    bool ok = nlohmann::json::sax_parse(text, &builder, nlohmann::json::input_format_t::json, true);
    if (!ok) {
        error = builder.error.empty() ? "JSON 格式错误" : builder.error;
        return std::nullopt;
    }
    return std::move(builder.root);
}

}  // namespace kaohe
