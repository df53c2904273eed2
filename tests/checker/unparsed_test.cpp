// After a syntax error: which names the dropped declaration would have declared, and which of
// the checker's messages its loss explains (and so are left out until it is fixed).
#include <catch2/catch.hpp>

#include "lang/unparsed.hpp"

using kaohe::Diagnostic;
using kaohe::DiagnosticCode;
using kaohe::Severity;

TEST_CASE("a dropped declaration's names: after declaring keywords and first on indented lines") {
    auto names = kaohe::names_declared_in("entity 县区 at counties key id {\n  input 实绩得分: score at a\n"
                                          "  require 实绩得分 > 0 else \"x\"\n}\n");
    CHECK(names == std::set<std::string>{"县区", "实绩得分"});  // keywords (input, require) are no names
    CHECK(kaohe::names_declared_in("grade 等次 of 成员 by 综合得分 {\n  优秀 >= 90\n  合格 otherwise\n}\n") ==
          std::set<std::string>{"等次", "优秀", "合格"});
    CHECK(kaohe::names_declared_in("veto of 成员 when x {\n  cap 合格\n}\n") == std::set<std::string>{});
}

TEST_CASE("what a dropped declaration explains: its names as whole words, warnings, no output") {
    std::set<std::string> names{"甲"};
    auto error = [](std::string message, DiagnosticCode code = DiagnosticCode::unknown_name) {
        return Diagnostic{code, Severity::error, {}, std::move(message), {}, {}};
    };
    CHECK(kaohe::follows_from_unparsed(error("未定义的名称 甲"), names));
    CHECK_FALSE(kaohe::follows_from_unparsed(error("未定义的名称 甲分"), names));  // another name
    CHECK_FALSE(kaohe::follows_from_unparsed(error("未定义的名称 乙"), names));
    CHECK(kaohe::follows_from_unparsed(error("方案没有 output 声明", DiagnosticCode::missing_output), names));
    CHECK(kaohe::follows_from_unparsed(Diagnostic{DiagnosticCode::unused_input, Severity::warning, {}, "x", {}, {}}, names));
}
