#pragma once
// Per-thread scratch space on the heap: allocated on a thread's first use and reused for the
// rest of the run. The batch kernels' work arrays are too large for thread_local storage
// itself (it is carved out of every thread's stack) and would cost an allocation per call on
// the heap; this keeps only a pointer in thread_local storage.
#include <memory>

namespace moatsim {

template <class T>
T& thread_scratch() {
    static thread_local std::unique_ptr<T> scratch;
    if (!scratch) scratch = std::make_unique<T>();
    return *scratch;
}

}  // namespace moatsim
