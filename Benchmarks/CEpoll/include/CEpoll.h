// Linux's epoll and accept4, which Glibc's Swift module does not export; for
// Benchmarks/DispatchFloor only.
#ifndef C_EPOLL_H
#define C_EPOLL_H
#define _GNU_SOURCE
#include <sys/epoll.h>
#include <sys/socket.h>
#endif
