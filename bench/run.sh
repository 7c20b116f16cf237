#!/usr/bin/env bash
# The benchmark in one command (docs/performance.md): Release build, then every profile, or the demo alone with --quick.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/LedelsesInfo.Bench -c Release -v quiet -nologo
mkdir -p bench/results
dotnet bench/LedelsesInfo.Bench/bin/Release/net10.0/LedelsesInfo.Bench.dll run "$@" --out bench/results/latest.md
