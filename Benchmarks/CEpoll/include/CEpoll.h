// Linux's epoll, which Glibc's Swift module does not export; for Benchmarks/DispatchFloor.
#ifndef C_EPOLL_H
#define C_EPOLL_H
#include <sys/epoll.h>
#endif
