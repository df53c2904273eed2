#include "base/parallel.hpp"

#include <atomic>
#include <cstdlib>
#include <string>

namespace kaohe {
namespace {

unsigned from_environment() {
    if (const char* text = std::getenv("KAOHE_THREADS")) {
        char* end = nullptr;
        unsigned long threads = std::strtoul(text, &end, 10);
        if (end != text && *end == '\0' && threads >= 1 && threads <= 1024) return static_cast<unsigned>(threads);
    }
    return std::max(1u, std::thread::hardware_concurrency());
}

std::atomic<unsigned> chosen{0};  // 0: not chosen yet

}  // namespace

unsigned thread_count() {
    unsigned threads = chosen.load(std::memory_order_relaxed);
    if (threads == 0) chosen.store(threads = from_environment(), std::memory_order_relaxed);
    return threads;
}

void set_thread_count(unsigned threads) { chosen.store(std::max(1u, threads), std::memory_order_relaxed); }

}  // namespace kaohe
