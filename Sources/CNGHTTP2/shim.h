// Thin shim over the system libnghttp2 (Debian 12: 1.52 with the security backports
// nghttp2_option_set_stream_reset_rate_limit and nghttp2_option_set_max_continuations).
#ifndef COMPUTE_ADVISOR_CNGHTTP2_SHIM_H
#define COMPUTE_ADVISOR_CNGHTTP2_SHIM_H

#include <nghttp2/nghttp2.h>

#endif
