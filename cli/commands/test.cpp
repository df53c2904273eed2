// kaohe test [PATH...]: runs the tests staff keep next to a scheme (NAME.khtest, see
// lang/test_file.hpp and docs/testing.md) and prints each failed expectation with its line, the
// value expected and the value the run gave, then `N passed, M failed`.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "base/read_file.hpp"
#include "base/utf8.hpp"
#include "cli/command_table.hpp"
#include "cli/formats/diagnostics_text.hpp"
#include "lang/test_file.hpp"
#include "runtime/expectations.hpp"

namespace kaohe::cli {

namespace {

namespace fs = std::filesystem;

struct TestOptions {
    std::vector<std::string> paths;
    std::string policy;  // instead of each file's `policy`: next year's scheme against this year's tests
    bool verbose = false;
};

struct Tally {
    std::size_t passed = 0, failed = 0;
    bool file_error = false;
};

// A policy or data file named in a test file is relative to the test file's folder.
std::string beside(const std::string& test_file, const std::string& path) {
    if (fs::path(path).is_absolute()) return path;
    return (fs::path(test_file).parent_path() / path).lexically_normal().string();
}

class TestFileRunner {
public:
    TestFileRunner(const TestOptions& options, Tally& tally) : options_(options), tally_(tally) {}

    void run_file(const std::string& path) {
        if (path.ends_with(".kh")) {  // the scheme itself, given by mistake: 290 lines of "无法识别" would bury it
            std::cout << fmt::format("{}: 失败: 这是方案文件, 不是测试文件; 测试写在 .khtest 文件中 (如 {}test), 见 docs/testing.md\n",
                                     path, path);
            ++tally_.failed;
            return;
        }
        FileText text = read_file(path);
        if (!text) {
            std::cerr << "kaohe: 无法读取测试文件 " << path << ": " << describe(text.error) << "\n";
            tally_.file_error = true;
            return;
        }
        drop_byte_order_mark(text.text);  // as a policy's: Notepad writes one
        SourceSet sources;
        std::uint32_t file = sources.add(path, std::move(text.text));
        Diagnostics diagnostics;
        TestFile tests = parse_test_file(sources, file, diagnostics);
        if (diagnostics.has_errors()) {
            // its tests are not run: each of its expectations counts as failed, so a test file
            // that cannot be read never passes silently
            std::cerr << diagnostics_text(diagnostics, sources);
            std::size_t expectations = 0;
            for (const TestCase& test : tests.tests) expectations += test.expectations.size();
            expectations = std::max<std::size_t>(expectations, 1);
            std::cout << fmt::format("{}: 失败: 测试文件有错 (见上), 没有运行 ({} 项期望都未检查)\n", path, expectations);
            tally_.failed += expectations;
            return;
        }
        if (tests.tests.empty()) std::cerr << "kaohe: " << path << " 中没有测试 (test \"名称\")\n";
        for (const TestCase& test : tests.tests) run_test(path, sources.file(file), tests, test);
    }

private:
    // The policy a test names, read once however many tests use it; null after printing its errors.
    std::shared_ptr<const CompiledPolicy> policy(const std::string& path) {
        auto known = policies_.find(path);
        if (known != policies_.end()) return known->second;
        LoadedProgram loaded;
        Exit exit = load_policy(path, loaded, false);
        if (exit == file_error) tally_.file_error = true;
        return policies_[path] = exit == success ? compile(std::move(loaded)) : nullptr;
    }

    // A test's data or params: its file, or the JSON written in the test file. Null, with the
    // reason in errors, when it cannot be read or is not JSON.
    std::shared_ptr<const JsonDocument> document(const std::string& test_file, const SourceFile& source,
                                                 const TestInput& input, std::vector<DataError>& errors) {
        if (input.file.empty()) {
            std::string where = fmt::format("{}:{}", test_file, source.position(input.span.begin).line);
            return parse_data(input.json, where, errors);
        }
        std::string path = beside(test_file, input.file);
        FileText text = read_file(path);
        if (!text) {
            std::cerr << "kaohe: 无法读取 " << path << ": " << describe(text.error) << "\n";
            tally_.file_error = true;
            return nullptr;
        }
        return parse_data(std::move(text.text), path, errors);
    }

    void run_test(const std::string& test_file, const SourceFile& source, const TestFile& file, const TestCase& test) {
        const std::optional<TestInput>& policy_input = test.policy ? test.policy : file.policy;
        const std::optional<TestInput>& data_input = test.data ? test.data : file.data;
        const std::optional<TestInput>& params_input = test.params ? test.params : file.params;
        std::string header = fmt::format("{}:{}", test_file, source.position(test.span.begin).line);
        std::string missing = !options_.policy.empty() || policy_input ? "" : "没有给出方案 (policy \"文件\")";
        if (missing.empty() && !data_input) missing = "没有给出数据 (data \"文件\" 或 data { … })";
        if (!missing.empty()) return fail_all(header, test, missing);
        auto compiled = policy(options_.policy.empty() ? beside(test_file, policy_input->file) : options_.policy);
        if (!compiled) return fail_all(header, test, "方案有错, 无法运行");

        std::vector<DataError> errors;
        auto data = document(test_file, source, *data_input, errors);
        std::vector<ParameterFile> parameters;
        if (params_input) {
            auto params = document(test_file, source, *params_input, errors);
            std::string name = params_input->file.empty() ? fmt::format("{}:{}", test_file, source.position(params_input->span.begin).line)
                                                          : params_input->file;
            if (params) parameters.push_back({params, name});
        }
        if ((!data || (params_input && parameters.empty())) && errors.empty()) return fail_all(header, test, "数据文件无法读取");
        std::optional<Run> run;
        std::vector<ResultRow> rows;
        if (errors.empty()) {
            run.emplace(compiled, data, parameters);
            if (run->evaluate()) rows = run->results();
            errors = run->errors();
            if (!errors.empty()) rows.clear();
        }
        report(header, source, test, check_expectations(test, run ? &*run : nullptr, rows, errors));
    }

    void report(const std::string& header, const SourceFile& source, const TestCase& test,
                const std::vector<ExpectationOutcome>& outcomes) {
        std::size_t failed = 0;
        for (const ExpectationOutcome& outcome : outcomes) {
            if (outcome.passed) continue;
            ++failed;
            std::string where = header, statement = "test \"" + test.name + "\"";
            if (outcome.expectation) {
                where = fmt::format("{}:{}", source.name(), source.position(outcome.expectation->span.begin).line);
                statement = std::string(source.slice(outcome.expectation->span));
            }
            std::cout << fmt::format("{}: 失败: {} — {}\n    期望: {}\n    实际: {}\n", where, test.name, statement,
                                     outcome.expected, outcome.actual);
        }
        tally_.failed += failed;
        tally_.passed += outcomes.size() - failed;
        if (options_.verbose && failed == 0)
            std::cout << fmt::format("{}: 通过: {} ({} 项)\n", header, test.name, outcomes.size());
    }

    void fail_all(const std::string& header, const TestCase& test, const std::string& why) {
        std::size_t count = std::max<std::size_t>(test.expectations.size(), 1);
        std::cout << fmt::format("{}: 失败: {} — {} ({} 项期望都未检查)\n", header, test.name, why, count);
        tally_.failed += count;
    }

    const TestOptions& options_;
    Tally& tally_;
    std::map<std::string, std::shared_ptr<const CompiledPolicy>> policies_;
};

Exit run_tests(const TestOptions& options) {
    Tally tally;
    std::vector<std::string> files = files_under(options.paths.empty() ? std::vector<std::string>{"."} : options.paths, ".khtest");
    TestFileRunner runner(options, tally);
    for (const std::string& file : files) runner.run_file(file);
    std::cout << fmt::format("{} passed, {} failed\n", tally.passed, tally.failed);
    if (tally.file_error) return file_error;
    return tally.failed == 0 && !files.empty() ? success : policy_error;
}

Action define(CLI::App& command) {
    auto options = std::make_shared<TestOptions>();
    command.add_option("PATH", options->paths, "测试文件 (.khtest), 或其中有测试文件的文件夹");
    command.add_option("--policy", options->policy, "用这个方案代替测试文件中 policy 所指的方案");
    command.add_flag("-v,--verbose", options->verbose, "也列出通过的测试");
    return [options] { return run_tests(*options); };
}

}  // namespace

Command test_command() {
    return {
        .name = "test",
        .synopsis = "[PATH...] [--policy POLICY] [--verbose]",
        .summary = "运行方案的测试 (.khtest 文件), 列出未通过的期望",
        .example = "test policies/",
        .details = "运行 PATH (文件, 或文件夹中所有 .khtest 文件; 默认为当前文件夹) 中的测试: 每个测试按给出的方案和样例数据\n"
                   "计算一次, 逐条检查 expect 期望。每条未通过的期望列出所在行、期望值与实际值; 最后一行为\n"
                   "\"N passed, M failed\"。写法见 docs/testing.md。\n" +
                   option_lines({{"--policy POLICY", "用 POLICY 代替测试文件中的 policy: 看明年的方案是否仍满足今年的测试"},
                                 {"-v, --verbose", "也列出通过的测试"}}) +
                   "\n全部通过时以 0 退出; 有期望未通过、测试文件或方案有错时以 1 退出; 文件无法读取时以 3 退出。\n",
        .define = define,
    };
}

}  // namespace kaohe::cli
