// jemalloc's settings, read by the allocator itself from this symbol before main() runs.
//
// Why an allocator of its own: a national run fills about 120 MB of small objects, and on the
// virtual machines the province runs this on a page fault costs microseconds; with glibc's
// malloc a quarter of a run was the kernel faulting in 4 KiB pages (bench/README figures).
// jemalloc asks for transparent huge pages (2 MiB) where the kernel offers them on request
// (`madvise` mode, Debian's default), which takes the national run from ~0.6 s to ~0.2 s.
// Where the kernel gives none, it is an ordinary fast allocator.
extern "C" {
// NOLINTNEXTLINE: the name is jemalloc's contract
// One arena: the threads of base/parallel.hpp allocate little, and every arena costs huge pages.
const char* malloc_conf = "thp:always,metadata_thp:disabled,narenas:1";
}
