// Local modules and the warnings about what a policy declares and never uses: the cases that
// need files of their own (a module that is not UTF-8, a stdlib folder with inputs and values),
// and the prelude's warnings that the other checker tests leave out.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "tests/checker/prelude.hpp"
#include "cli/formats/diagnostics_text.hpp"
#include "lang/loader.hpp"

namespace {

namespace fs = std::filesystem;

// A fresh folder for one test's files, removed at the end of the test.
struct Folder {
    fs::path path;
    explicit Folder(const char* name) : path(fs::temp_directory_path() / name) {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~Folder() { fs::remove_all(path); }
    std::string write(const std::string& name, const std::string& text) const {
        std::ofstream(path / name, std::ios::binary) << text;
        return (path / name).string();
    }
};

std::string diagnostics_of(const kaohe::LoadedProgram& loaded) {
    return kaohe::cli::diagnostics_text(loaded.diagnostics, loaded.sources);
}

}  // namespace

TEST_CASE("what a policy declares and never uses is a warning, and the program still checks") {
    auto loaded = kaohe::load_program_text("t.kh", std::string(prelude) + "value 甲 of 成员 = 民主测评 * 2\n");
    CHECK(diagnostics_of(loaded) ==
          "t.kh:2:9: 警告: 输入 实绩得分 已声明, 但没有任何规则使用它\n"
          "    2 |   input 实绩得分: score at performance_score\n"
          "      |         ^^^^^^^^\n"
          "      = 提示: 数据中仍须有这个字段; 不需要它就删去这一行, 需要就在 value、flag、output 等处使用它\n"
          "t.kh:3:9: 警告: 输入 评分 已声明, 但没有任何规则使用它\n"
          "    3 |   input 评分: list of score at scores\n"
          "      |         ^^^^\n"
          "      = 提示: 数据中仍须有这个字段; 不需要它就删去这一行, 需要就在 value、flag、output 等处使用它\n"
          "t.kh:6:11: 警告: 输入 否决事项 已声明, 但没有任何规则使用它\n"
          "    6 |     input 否决事项: list of text at vetoes\n"
          "      |           ^^^^^^^^\n"
          "      = 提示: 数据中仍须有这个字段; 不需要它就删去这一行, 需要就在 value、flag、output 等处使用它\n"
          "t.kh:10:7: 警告: 甲 计算了, 但既没有输出, 也没有被其他规则使用\n"
          "   10 | value 甲 of 成员 = 民主测评 * 2\n"
          "      |       ^^\n"
          "      = 提示: 在 output 中输出它 (例如列入 components), 或删去这个 value\n");
    CHECK(loaded.program.has_value());
}

TEST_CASE("no unused warnings when a policy has errors: they would only repeat them") {
    auto loaded = kaohe::load_program_text("t.kh", std::string(prelude) + "value 甲 of 成员 = 民主测平\n");
    REQUIRE(loaded.diagnostics.all().size() == 1);
    CHECK(loaded.diagnostics.all().front().code == kaohe::DiagnosticCode::unknown_name);
}

TEST_CASE("a local module that is not UTF-8 is one error pointing into that file") {
    Folder folder("kaohe-module-not-utf8");
    folder.write("公共.kh", "value \xBC\xD7 of 县区 = 1\n");  // 甲 saved as GBK
    std::string policy = folder.write("方案.kh", "use \"./公共.kh\"\nentity 县区 at counties key id {\n"
                                                 "  input 分: score at s\n}\noutput 县区 as county { score: 分 }\n");
    auto loaded = kaohe::load_program_file(policy);
    REQUIRE(loaded.diagnostics.all().size() == 1);
    const auto& d = loaded.diagnostics.all().front();
    CHECK(d.code == kaohe::DiagnosticCode::not_utf8);
    CHECK(loaded.sources.file(d.span.file).name() == (folder.path / "公共.kh").string());
    CHECK(!loaded.program);
}

TEST_CASE("a module reached by two paths is read once, so its definitions are no duplicates") {
    Folder folder("kaohe-module-twice");
    fs::create_directories(folder.path / "共用");
    folder.write("共用/函数.kh", "fn 加倍(x: number) = x * 2\n");
    folder.write("共用/指标.kh", "use \"./函数.kh\"\nvalue 倍分 of 县区 = 加倍(分)\n");
    std::string policy = folder.write("方案.kh", "use \"./共用/指标.kh\"\nuse \"./共用/函数.kh\"\n"
                                                 "entity 县区 at counties key id {\n  input 分: score at s\n}\n"
                                                 "output 县区 as county { score: 加倍(倍分) }\n");
    auto loaded = kaohe::load_program_file(policy);
    CHECK(diagnostics_of(loaded) == "");
    CHECK(loaded.sources.size() == 3);
}

TEST_CASE("inputs and values a stdlib module declares never warn in the policy that uses it") {
    Folder stdlib("kaohe-stdlib-with-inputs");
    stdlib.write("年度.kh", "input 考核年度: count at year\nvalue 第三年 = 考核年度 = 3\n");
    const char* before = std::getenv("KAOHE_STDLIB");
    std::string saved = before ? before : "";
    setenv("KAOHE_STDLIB", stdlib.path.c_str(), 1);
    auto loaded = kaohe::load_program_text("t.kh", "use 年度\nentity 县区 at counties key id {\n  input 分: score at s\n}\n"
                                                   "output 县区 as county { score: 分 }\n");
    if (before) setenv("KAOHE_STDLIB", saved.c_str(), 1);
    else unsetenv("KAOHE_STDLIB");
    CHECK(diagnostics_of(loaded) == "");
    CHECK(loaded.program.has_value());
}

TEST_CASE("a module's own scheme line does not rename the policy that uses it") {
    Folder folder("kaohe-module-scheme");
    folder.write("公共.kh", "scheme 公共指标\nfn 加倍(x: number) = x * 2\n");
    std::string policy = folder.write("方案.kh", "scheme 县区考核 2024\nuse \"./公共.kh\"\n"
                                                 "entity 县区 at counties key id {\n  input 分: score at s\n}\n"
                                                 "output 县区 as county { score: 加倍(分) }\n");
    auto loaded = kaohe::load_program_file(policy);
    REQUIRE(loaded.program);
    CHECK(loaded.program->scheme_name == "县区考核");
}
