#ifndef COMPUTE_ADVISOR_CLIBPQ_SHIM_H
#define COMPUTE_ADVISOR_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
