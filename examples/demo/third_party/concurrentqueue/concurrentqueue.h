// Provides a C++11 implementation of a multi-producer, multi-consumer lock-free queue.
#pragma once
namespace moodycamel { template <typename T> class ConcurrentQueue {}; }
