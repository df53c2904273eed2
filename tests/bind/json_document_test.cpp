// The data reader: exact numbers, strings with escapes, navigation, and clear refusals.
#include <catch2/catch.hpp>

#include "runtime/json_document.hpp"

using kaohe::JsonDocument;
using kaohe::JsonValue;
using Kind = JsonValue::Kind;

namespace {

JsonDocument read(const std::string& text) {
    std::string error;
    auto document = JsonDocument::parse(text, error);
    INFO(error);
    REQUIRE(document);
    return std::move(*document);
}

std::string refusal(const std::string& text) {
    std::string error;
    auto document = JsonDocument::parse(text, error);
    return document ? "<accepted>" : error;
}

}  // namespace

TEST_CASE("numbers keep their exact digits") {
    auto doc = read(R"({"a": 89.995, "b": 1e2, "c": -0.1, "d": 123456789012345678901.5, "e": 0})");
    JsonValue root = doc.root();
    CHECK(root.find("a").number() == *kaohe::Rational::parse("89.995"));
    CHECK(root.find("a").text() == "89.995");
    CHECK(root.find("b").number() == kaohe::Rational(100));
    CHECK(root.find("c").number() == *kaohe::Rational::parse("-0.1"));
    CHECK(root.find("d").number() == *kaohe::Rational::parse("123456789012345678901.5"));
    CHECK(root.find("e").number() == kaohe::Rational(0));
}

TEST_CASE("numbers beyond the exponent range are refused, never read as 0") {
    auto doc = read(R"({"big": 1e5000, "small": -1e-5000, "edge": 1e4000, "long": 1.5e-0004000})");
    JsonValue root = doc.root();
    CHECK(!root.find("big").number());
    CHECK(!root.find("small").number());
    REQUIRE(root.find("edge").number());
    CHECK(root.find("edge").number()->to_decimal(0) == "1" + std::string(4000, '0'));
    CHECK(root.find("long").number());
}

TEST_CASE("strings: plain, escaped, and beyond the basic plane") {
    auto doc = read(R"(["民主测评", "a\"b\\c\n", "\u6c11\u4e3b", "\ud83d\ude00", ""])");
    JsonValue item = doc.root().first();
    CHECK(item.text() == "民主测评");
    item = item.next();
    CHECK(item.text() == "a\"b\\c\n");
    item = item.next();
    CHECK(item.text() == "民主");
    item = item.next();
    CHECK(item.text() == "\xF0\x9F\x98\x80");
    item = item.next();
    CHECK(item.kind() == Kind::string);
    CHECK(item.text().empty());
    CHECK_FALSE(item.next().exists());
}

TEST_CASE("navigation over nested arrays and objects") {
    auto doc = read(R"({"counties": [{"id": "A", "members": [{"id": 1}, {"id": 2}]}, {"id": "B", "members": []}],
                        "flag": true, "none": null})");
    JsonValue root = doc.root();
    CHECK(root.size() == 3);
    JsonValue counties = root.find("counties");
    REQUIRE(counties.kind() == Kind::array);
    CHECK(counties.size() == 2);
    JsonValue a = counties.first();
    CHECK(a.find("id").text() == "A");
    CHECK(a.find("members").size() == 2);
    CHECK(a.find("members").first().next().find("id").text() == "2");
    JsonValue b = a.next();
    CHECK(b.find("id").text() == "B");
    CHECK_FALSE(b.find("members").first().exists());
    CHECK_FALSE(b.next().exists());
    CHECK(root.find("flag").boolean());
    CHECK(root.find("none").kind() == Kind::null);
    CHECK_FALSE(root.find("absent").exists());
    // Walking an object's members visits values, never keys.
    JsonValue member = root.first();
    CHECK(member.kind() == Kind::array);
    member = member.next();
    CHECK(member.kind() == Kind::boolean);
    member = member.next();
    CHECK(member.kind() == Kind::null);
    CHECK_FALSE(member.next().exists());
}

TEST_CASE("malformed JSON is refused with its line and column") {
    CHECK(refusal("{\"a\": }") == "第 1 行第 7 列: 这里应为 JSON 值, 而不是 '}'");
    CHECK(refusal("{\"a\": 1,}") == "第 1 行第 9 列: 这里应为带引号的字段名");
    CHECK(refusal("{\n  \"a\" 1}") == "第 2 行第 7 列: 字段名后应为冒号 :");
    CHECK(refusal("[1 2]") == "第 1 行第 4 列: 这里应为逗号 , 或右方括号 ]");
    // ended inside a value: most likely cut off
    CHECK(refusal("\"abc") == "第 1 行第 5 列: JSON 意外结束 (文件可能不完整): 字符串缺少结尾的引号");
    // a generated data file is one long line: the JSON path says where
    CHECK(refusal("{\"a\": [1, {\"b\": ]}") == "第 1 行第 17 列 ($.a[1] 中): 这里应为 JSON 值, 而不是 ']'");
    CHECK(refusal(std::string("[\0]", 3)) == "第 1 行第 2 列: 这里应为 JSON 值, 而不是控制字符 U+0000");
    CHECK(refusal("[01]").find("这里应为逗号") != std::string::npos);
    CHECK(refusal("[1.]").find("小数点后应有数字") != std::string::npos);
    CHECK(refusal("[-]").find("数字格式错误") != std::string::npos);
    CHECK(refusal("[\"a\tb\"]").find("控制字符") != std::string::npos);
    CHECK(refusal("[\"\\x\"]").find("未知的转义") != std::string::npos);
    CHECK(refusal("[\"\\ud83d\"]").find("代理对不完整") != std::string::npos);
    CHECK(refusal("[\"\xff\"]").find("UTF-8") != std::string::npos);
    CHECK(refusal("{} x").find("多余的内容") != std::string::npos);
    CHECK(refusal("").find("意外结束") != std::string::npos);
    CHECK(refusal("nul").find("这里应为 JSON 值") != std::string::npos);
}

TEST_CASE("absurdly deep JSON is refused, not a crash") {
    CHECK(refusal(std::string(100000, '[') + std::string(100000, ']')).find("嵌套超过 256 层") != std::string::npos);
}

TEST_CASE("a key twice in one object is refused, naming the object and both places") {
    CHECK(refusal(R"({"a": [{"x": 1}, {"x": 1, "y": 2,
 "x": 3}]})") == "第 2 行第 2 列: $.a[1] 中字段 \"x\" 出现了两次 (第一次在第 1 行第 19 列, 同一对象中字段名应唯一, 否则不知该用哪一个)");
    // The same name spelled with an escape is the same name.
    CHECK(refusal(R"({"name": 1, "n\u0061me": 2})").find("字段 \"name\" 出现了两次") != std::string::npos);
    CHECK(refusal(R"({"a": {"x": 1}, "b": {"x": 1}})") == "<accepted>");
}
