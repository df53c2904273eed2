// The yardstick for a whole run: nlohmann/json parsing the input and serialising an output
// of the same size (kaohe's own JSON result, read back). Prints the two times in ms.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

static std::string read_file(const char* path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: nlohmann_baseline INPUT.json OUTPUT.json\n";
        return 64;
    }
    std::string input = read_file(argv[1]), output = read_file(argv[2]);
    auto results = nlohmann::json::parse(output);  // not timed: only its serialisation is
    auto start = std::chrono::steady_clock::now();
    auto document = nlohmann::json::parse(input);
    auto parsed = std::chrono::steady_clock::now();
    std::string written = results.dump(1);
    auto done = std::chrono::steady_clock::now();
    std::printf("%.1f %.1f %zu\n", std::chrono::duration<double, std::milli>(parsed - start).count(),
                std::chrono::duration<double, std::milli>(done - parsed).count(), written.size() + document.size());
    return 0;
}
