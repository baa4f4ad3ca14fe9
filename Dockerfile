# syntax=docker/dockerfile:1
#
# compute-advisor container image.
#
#   docker build -t compute-advisor .
#   docker run --rm -p 8080:8080 -v compute-advisor-data:/var/lib/compute-advisor compute-advisor
#
# Two stages: the official Swift 6.3 image builds a release binary with the Swift runtime
# linked in statically; debian:bookworm-slim runs it with only the C libraries it needs.
# scripts/check-runtime-image builds the binary the same way and proves, without a Docker
# engine, that the runtime stage's packages provide every library `ldd` reports and that the
# binary serves /healthz from a directory holding only what this image holds.

ARG SWIFT_IMAGE=swift:6.3-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

# ---------------------------------------------------------------------------- build stage
FROM ${SWIFT_IMAGE} AS build

RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libnghttp2-dev \
      libpq-dev \
      libsqlite3-dev \
      libssl-dev \
      pkg-config \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /src
# SwiftPM validates every target of the manifest, tests included, so both trees are copied.
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests

# The build cache survives between image builds; the staging directory holds exactly what the
# runtime stage copies: the binary and the resource bundles SwiftPM puts next to it.
RUN --mount=type=cache,target=/src/.build \
    swift build -c release --static-swift-stdlib --product compute-advisor \
 && bin_path="$(swift build -c release --static-swift-stdlib --show-bin-path)" \
 && mkdir -p /staging \
 && cp "${bin_path}/compute-advisor" /staging/ \
 && cp -R "${bin_path}"/*.resources /staging/

# -------------------------------------------------------------------------- runtime stage
FROM ${RUNTIME_IMAGE} AS runtime

# Runtime libraries only (no -dev packages, no curl): the check script reads this list.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates \
      libnghttp2-14 \
      libpq5 \
      libsqlite3-0 \
      libssl3 \
      libstdc++6 \
      tzdata \
 && rm -rf /var/lib/apt/lists/*

# A fixed non-root identity, so volumes and Kubernetes' runAsUser/fsGroup can match it.
RUN groupadd --system --gid 10001 compute-advisor \
 && useradd --system --uid 10001 --gid 10001 --no-create-home \
      --home-dir /var/lib/compute-advisor --shell /usr/sbin/nologin compute-advisor \
 && install -d -o 10001 -g 10001 -m 0750 /var/lib/compute-advisor

# The binary finds its resource bundles in its own directory.
COPY --from=build /staging/ /opt/compute-advisor/

# Configuration is environment variables (README, "Configuration"); these are the image's
# defaults, everything else keeps the binary's own default.
ENV PATH=/opt/compute-advisor:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    COMPUTE_ADVISOR_HOST=0.0.0.0 \
    COMPUTE_ADVISOR_PORT=8080 \
    COMPUTE_ADVISOR_DATA_DIR=/var/lib/compute-advisor \
    COMPUTE_ADVISOR_LOG_LEVEL=info \
    COMPUTE_ADVISOR_DRAIN_TIMEOUT_SECONDS=20

USER 10001:10001
WORKDIR /var/lib/compute-advisor
EXPOSE 8080
VOLUME ["/var/lib/compute-advisor"]

# SIGTERM starts the graceful drain (stop accepting, finish in-flight requests, exit 0);
# give `docker stop -t` more than COMPUTE_ADVISOR_DRAIN_TIMEOUT_SECONDS.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["compute-advisor", "healthcheck", "--timeout", "2"]

ENTRYPOINT ["compute-advisor"]
CMD ["serve"]
