#!/usr/bin/env bash
# Compiles every kernel file (*.cu) of one source folder with nvcc into a fatbin beside the class files, so that
#   - a CUDA syntax error fails the build on any machine that has nvcc, GPU or not, and
#   - Forge can load ready machine code instead of compiling with NVRTC at run time.
# Where nvcc is missing the build goes on: NVRTC compiles the same sources at run time.
#
#   build/compile-kernels.sh SOURCE_DIR OUTPUT_DIR
#
# FORGE_SKIP_NVCC=1 skips it; FORGE_CUDA_ARCHS (default "80 90") chooses the machine-code targets; PTX for the
# newest one is embedded too, so newer GPUs can run it.
set -euo pipefail
source_dir=$1
output_dir=$2
shopt -s nullglob
kernels=("$source_dir"/*.cu)
((${#kernels[@]})) || exit 0
if [[ ${FORGE_SKIP_NVCC:-0} == 1 ]]; then
  echo "compile-kernels: FORGE_SKIP_NVCC=1, not compiling ${#kernels[@]} kernel file(s) in $source_dir"
  exit 0
fi
nvcc=$(command -v nvcc || true)
for home in "${CUDA_HOME:-}" /usr/local/cuda; do
  [[ -z $nvcc && -n $home && -x $home/bin/nvcc ]] && nvcc=$home/bin/nvcc
done
if [[ -z $nvcc ]]; then
  echo "compile-kernels: no nvcc here; the ${#kernels[@]} kernel file(s) in $source_dir will be compiled at run time by NVRTC"
  exit 0
fi

read -r -a archs <<< "${FORGE_CUDA_ARCHS:-80 90}"
targets=()
for arch in "${archs[@]}"; do targets+=("--generate-code=arch=compute_$arch,code=sm_$arch"); done
newest=${archs[${#archs[@]}-1]}
targets+=("--generate-code=arch=compute_$newest,code=compute_$newest")

mkdir -p "$output_dir"
headers=("$source_dir"/*.cuh "$source_dir"/*.h)
for kernel in "${kernels[@]}"; do
  name=$(basename "$kernel" .cu)
  fatbin=$output_dir/$name.fatbin
  stale=0
  [[ -f $fatbin && $fatbin -nt $kernel ]] || stale=1
  for header in "${headers[@]}"; do [[ $header -nt $fatbin ]] && stale=1; done
  ((stale)) || continue
  echo "compile-kernels: nvcc $name.cu (sm ${archs[*]})"
  # Compressed: a file of many per-width kernels (columnar's decode.cu) is 1.6 MB instead of 9 MB, which matters for
  # the .device pack's 64 MiB; the driver expands it when the module loads.
  "$nvcc" -fatbin -std=c++17 -Werror all-warnings -Xfatbin -compress-all "${targets[@]}" -I"$source_dir" \
    -o "$fatbin.partial" "$kernel"
  mv "$fatbin.partial" "$fatbin"
done
