// The floor's memory: big blocks on 2 MiB pages (see longnan_simdjson_floor.cpp).
#include <cstdint>
#include <cstdlib>
#include <new>

#include <sys/mman.h>

// ---------------------------------------------------------------- memory

// Big blocks (the file, simdjson's index, the arrays, the output) go on 2 MiB pages. On this
// kind of virtual machine the first touch of a 4 KiB page costs ~6 µs: 11,000 of them were 70 ms
// of a 180 ms run on longnan-national. FLOOR_4K_PAGES=1 in the environment turns this off, to
// compare with kaohe (which uses plain malloc) on equal terms.
namespace {
constexpr std::size_t big_block = 1 << 20, huge_page = 2 << 20;
struct BigBlock {
    char *start, *mapping;  // start: aligned to a huge page, inside a mapping one page longer
    std::size_t length;
} big_blocks[64];  // a run has a handful
const bool small_pages = std::getenv("FLOOR_4K_PAGES") != nullptr;
}  // namespace

void* operator new(std::size_t size) {
    if (size >= big_block && !small_pages)
        for (BigBlock& block : big_blocks)
            if (block.start == nullptr) {
                std::size_t length = (size + 2 * huge_page - 1) / huge_page * huge_page;
                void* mapping = mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
                if (mapping == MAP_FAILED) throw std::bad_alloc();
                auto skip = (huge_page - reinterpret_cast<std::uintptr_t>(mapping) % huge_page) % huge_page;
                block = {static_cast<char*>(mapping) + skip, static_cast<char*>(mapping), length};
                madvise(block.start, length - huge_page, MADV_HUGEPAGE);
                return block.start;
            }
    if (void* start = std::malloc(size)) return start;
    throw std::bad_alloc();
}

// Out of line: inlined, GCC sees free() meet operator new and warns (-Wmismatched-new-delete).
[[gnu::noinline]] void operator delete(void* start) noexcept {
    for (BigBlock& block : big_blocks)
        if (start != nullptr && block.start == start) {
            munmap(block.mapping, block.length);
            block = {};
            return;
        }
    std::free(start);
}
void operator delete(void* start, std::size_t) noexcept { operator delete(start); }
