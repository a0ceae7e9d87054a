#!/usr/bin/env bash
# Build the bare-metal test programs and record their reference runs on QEMU.
#
#   test/asm/NAME.S  ->  test/bin/NAME.elf
#   (when qemu-system-riscv64 is available, for tests not in test/asm/no-qemu.txt)
#                    ->  test/bin/NAME.qemu.out  (UART output, byte for byte)
#                    ->  test/bin/NAME.qemu.rc   (exit code, one line)
#
# Usage: scripts/build-test-images.sh [--no-qemu] [NAME...]
#   NAME...    only these tests (default: every test/asm/*.S)
#   --no-qemu  only build the ELFs
# Environment: CROSS (toolchain prefix, default riscv64-unknown-elf-),
#              QEMU (default qemu-system-riscv64), QEMU_TIMEOUT (seconds, default 30).
#
# Exits non-zero if a build fails or a QEMU run's exit code differs from the
# one expected in test/asm/expected-rc.txt ("name code" lines, default 0).
# The outputs are reproducible: running the script twice gives identical files.
set -euo pipefail

cd "$(dirname "$0")/.."
ASM_DIR=test/asm
BIN_DIR=test/bin

# The QEMU 7.2 hart closest to rvlab's: RV64IMAC + Zicsr + Zifencei + Sstc,
# no F/D/V/H, no Zba/Zbb/Zbc/Zbs, no Zihintpause, no Svpbmt/Svnapot/Svinval,
# no debug triggers, no programmable HPM counters, zero vendor/arch/impl ids.
# (Also written to test/asm/qemu-cpu.txt for the test harness.)
QEMU_CPU="rv64,f=false,d=false,v=false,h=false,zba=false,zbb=false,zbc=false,zbs=false,Zihintpause=false,svpbmt=false,svnapot=false,svinval=false,sstc=true,mmu=true,pmp=true,debug=false,pmu-num=0,mvendorid=0,marchid=0,mimpid=0,priv_spec=v1.12.0"
QEMU_MACHINE=(-M virt -bios none -nographic -m 128M)

CROSS=${CROSS:-riscv64-unknown-elf-}
CC=${CROSS}gcc
QEMU=${QEMU:-qemu-system-riscv64}
QEMU_TIMEOUT=${QEMU_TIMEOUT:-30}

CFLAGS=(
  -nostdlib -nostartfiles -static
  -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany
  -I "$ASM_DIR" -ffile-prefix-map="$PWD"=.
)
LDFLAGS=(
  -nostdlib -nostartfiles -static
  -march=rv64imac_zicsr_zifencei -mabi=lp64
  -T "$PWD/$ASM_DIR/link.ld"
  -Wl,--build-id=none -Wl,--no-warn-rwx-segments
)

run_qemu=1
names=()
for arg in "$@"; do
  case "$arg" in
    --no-qemu) run_qemu=0 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    -*) echo "unknown option: $arg" >&2; exit 2 ;;
    *) names+=("${arg%.S}") ;;
  esac
done
if [ ${#names[@]} -eq 0 ]; then
  for src in "$ASM_DIR"/*.S; do
    n=$(basename "$src" .S)
    names+=("$n")
  done
fi

if ! command -v "$CC" >/dev/null 2>&1; then
  echo "build-test-images: $CC not found (apt-get install gcc-riscv64-unknown-elf)" >&2
  exit 1
fi

mkdir -p "$BIN_DIR"
printf '%s\n' "$QEMU_CPU" > "$ASM_DIR/qemu-cpu.txt"

# ---- build ----
# Assemble to NAME.o in a scratch directory and link there, so that the only
# file name the linker records (an STT_FILE symbol, for sources that have no
# .file directive) is "NAME.o": the ELF does not depend on where it was built.
objdir=$(mktemp -d)
errlog=$(mktemp)
trap 'rm -rf "$objdir" "$errlog"' EXIT
for n in "${names[@]}"; do
  src="$ASM_DIR/$n.S"
  [ -f "$src" ] || { echo "no such test: $src" >&2; exit 2; }
  "$CC" "${CFLAGS[@]}" -c -o "$objdir/$n.o" "$src"
  (cd "$objdir" && "$CC" "${LDFLAGS[@]}" -o "$n.elf" "$n.o")
  cp "$objdir/$n.elf" "$BIN_DIR/$n.elf"
  echo "built $BIN_DIR/$n.elf"
done

# ---- reference runs on QEMU ----
if [ "$run_qemu" = 0 ]; then
  exit 0
fi
if ! command -v "$QEMU" >/dev/null 2>&1; then
  echo "build-test-images: $QEMU not found, skipping the reference runs"
  exit 0
fi

in_list() { # name file
  [ -f "$2" ] && sed 's/#.*//' "$2" | awk '{print $1}' | grep -qx -- "$1"
}
expected_rc() { # name
  local rc
  rc=$( [ -f "$ASM_DIR/expected-rc.txt" ] && sed 's/#.*//' "$ASM_DIR/expected-rc.txt" | awk -v n="$1" '$1 == n {print $2}' | tail -n 1 )
  echo "${rc:-0}"
}

passed=0
failed=0
failures=()
for n in "${names[@]}"; do
  if in_list "$n" "$ASM_DIR/no-qemu.txt"; then
    echo "skip $n (emulator-only, listed in no-qemu.txt)"
    continue
  fi
  set +e
  timeout "$QEMU_TIMEOUT" "$QEMU" "${QEMU_MACHINE[@]}" -cpu "$QEMU_CPU" \
    -kernel "$BIN_DIR/$n.elf" < /dev/null > "$BIN_DIR/$n.qemu.out" 2> "$errlog"
  rc=$?
  set -e
  echo "$rc" > "$BIN_DIR/$n.qemu.rc"
  want=$(expected_rc "$n")
  if [ "$rc" = "$want" ]; then
    echo "ok   $n (exit $rc)"
    passed=$((passed + 1))
  else
    echo "FAIL $n: exit code $rc, expected $want" >&2
    tail -n 5 "$BIN_DIR/$n.qemu.out" | sed 's/^/    /' >&2
    sed 's/^/    qemu: /' "$errlog" >&2
    failed=$((failed + 1))
    failures+=("$n")
  fi
done
echo "qemu: $passed passed, $failed failed"
[ "$failed" = 0 ]
