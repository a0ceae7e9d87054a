#!/usr/bin/env bash
# Boot the guest system on QEMU, type every MenuOS command at it and check
# what comes back.  Needs qemu-system-riscv64 and node; uses qemu-riscv64
# (qemu-user) too, if installed, to run the same programs on Linux.
#
#   guest/test-qemu.sh            run the checks against guest/images
#   guest/test-qemu.sh --update   rewrite guest/tests/qemu-session.expected
#   guest/test-qemu.sh --build    rebuild the images first (and check that
#                                 the build reproduces them byte for byte)
set -uo pipefail

GUEST="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$GUEST")"
OUT="$GUEST/build/test-qemu"
EXPECTED="$GUEST/tests/qemu-session.expected"
UPDATE=0
BUILD=0
for arg in "$@"; do
	case "$arg" in
	--update) UPDATE=1 ;;
	--build) BUILD=1 ;;
	*) echo "usage: $0 [--update] [--build]" >&2; exit 2 ;;
	esac
done
mkdir -p "$OUT"

pass=0 fail=0 skip=0
ok()   { pass=$((pass + 1)); echo "ok - $*"; }
nok()  { fail=$((fail + 1)); echo "not ok - $*"; }
skip() { skip=$((skip + 1)); echo "skip - $*"; }
check() {	# check "description" command...
	local what="$1"; shift
	if "$@"; then ok "$what"; else nok "$what"; fi
}

for tool in qemu-system-riscv64 node; do
	command -v "$tool" >/dev/null || { echo "test-qemu: $tool is required" >&2; exit 1; }
done

if [ "$BUILD" = 1 ]; then
	check "build-guest.sh builds the images" bash "$ROOT/scripts/build-guest.sh" --linux
	check "a second build is byte-identical" bash "$ROOT/scripts/build-guest.sh" --check
fi

session() {	# session OUTFILE [qemu-session options] CMD...
	local out="$1"; shift
	node "$GUEST/tools/qemu-session.mjs" "$@" > "$out"
}

# Output of command number N (1-based) in a transcript: the lines after
# its "MenuOS>>CMD" up to the next prompt.
block() {	# block FILE N
	awk -v n="$2" '
		/^MenuOS>>/ { k++; if (k == n) { on = 1; next } else if (on) exit }
		on { print }' "$1"
}

# --- 1. Boot cost, counted by the hart itself (QEMU -icount: 1 insn = 1 tick) ---
session "$OUT/boot.txt" --icount 0 --append rvlab.instret quit
instret=$(sed -n 's/.*first console read after \([0-9]*\) instructions.*/\1/p' "$OUT/boot.txt")
if [ -n "$instret" ] && [ "$instret" -lt 15000000 ]; then
	ok "MenuOS prompt after $instret instructions (budget 15000000)"
else
	nok "MenuOS prompt after '${instret:-?}' instructions (budget 15000000)"
fi

# --- 2. One session running every command; ps and meminfo after each ---
COMMANDS=(fork-new fork-puzzle vfork-demo thread-demo preempt-demo clone-check
	  fork-limit cow-demo exec crash-null crash-illegal crash-kernel no-such-command)
SEQ=(meminfo)
for c in "${COMMANDS[@]}"; do SEQ+=("$c" ps meminfo); done
SEQ+=(help version quit)
T="$OUT/session.txt"
session "$T" --icount 3 --timeout 120 "${SEQ[@]}"
status=$?
check "quit powers the board off (QEMU exit status 0)" [ "$status" = 0 ]
check "quit prints the kernel's power-down line" grep -qx 'reboot: Power down' "$T"

# Memory figures depend on the image sizes: the golden file has <N> there.
normalize() {
	sed -E 's/^(Memory: )[0-9]+K/\1<N>K/; s/^(MemTotal: +|MemFree: +|FreePages: +)[0-9]+/\1<N>/' "$1"
}
if [ "$UPDATE" = 1 ]; then
	normalize "$T" > "$EXPECTED"
	echo "test-qemu: wrote $EXPECTED"
fi
if diff -u "$EXPECTED" <(normalize "$T") > "$OUT/session.diff"; then
	ok "the session transcript matches tests/qemu-session.expected"
else
	nok "the session transcript differs from tests/qemu-session.expected (see $OUT/session.diff)"
	head -40 "$OUT/session.diff"
fi

# Number of command N in SEQ, for block()
idx() { local i; for i in "${!SEQ[@]}"; do [ "${SEQ[$i]}" = "$1" ] && { echo $((i + 1)); return; }; done; }

baseline=$(block "$T" 1 | sed -n 's/^FreePages: *//p')
check "meminfo reports free pages ($baseline)" [ -n "$baseline" ]
for c in "${COMMANDS[@]}"; do
	n=$(idx "$c")
	ps_out=$(block "$T" $((n + 1)))
	mem=$(block "$T" $((n + 2)) | sed -n 's/^FreePages: *//p')
	check "after $c: ps shows only init and kthreadd, no zombie" \
		[ "$(printf '%s\n' "$ps_out" | tail -n +2)" = "$(printf '  PID  PPID  TGID S COMMAND\n    1     0     1 R init\n    2     0     2 S kthreadd')" ]
	check "after $c: free pages back at $baseline (got $mem)" [ "$mem" = "$baseline" ]
done

expect_block() {	# expect_block CMD "expected output"
	check "$1 prints exactly what guest/README.md says" [ "$(block "$T" "$(idx "$1")")" = "$2" ]
}
expect_block fork-new "fork-new - Fork a new process
This is Parent Process!
This is Child Process!
Child Complete!"
puzzle=$(block "$T" "$(idx fork-puzzle)" | sed -n 2p)
check "fork-puzzle: 8 '+' ($(tr -cd + <<<"$puzzle" | wc -c))" [ "$(tr -cd + <<<"$puzzle" | wc -c)" = 8 ]
check "fork-puzzle: 6 '-' ($(tr -cd - <<<"$puzzle" | wc -c))" [ "$(tr -cd - <<<"$puzzle" | wc -c)" = 6 ]
expect_block vfork-demo 'vfork-demo - vfork shares the parent'"'"'s memory, fork copies it
before:              "hello, world"
vfork child changed it to "HELLO, WORLD"
after vfork, parent: "HELLO, WORLD" (shared memory)
fork child changed it to "HELLO, WORLD"
after fork, parent:  "hello, world" (its own copy)'
thread=$(block "$T" "$(idx thread-demo)")
check "thread-demo: same getpid, different gettid" grep -qx 'same getpid(): yes, different gettid(): yes' <<<"$thread"
check "thread-demo: the thread's write is seen by main" grep -q '^main:   joined thread [0-9]*, shared = 2$' <<<"$thread"
check "preempt-demo: the timer preempted a spinning thread" \
	grep -qx 'preempt-demo: the spinning thread was preempted, the other one set the flag' <<<"$(block "$T" "$(idx preempt-demo)")"
check "clone-check: every invalid combination is -EINVAL" \
	[ "$(block "$T" "$(idx clone-check)" | grep -c '= -22 (EINVAL)')" = 6 ]
check "fork-limit: forks until -EAGAIN, reaps them all" \
	grep -qx 'fork-limit: 62 children reaped' <<<"$(block "$T" "$(idx fork-limit)")"
check "cow-demo: the child's 4 writes copied 4 pages, the parent's data stayed" \
	[ "$(block "$T" "$(idx cow-demo)" | tail -n +2)" = "child:  wrote 4 shared pages, 4 pages were copied
parent: its 4 pages still hold its own data: yes
parent: free pages after reaping the child: as before the fork" ]
check "exec: /bin/hello ran with its argv" \
	grep -q '^hello: pid [0-9]*, ppid 1, argv: "hello" "from" "MenuOS"$' <<<"$(block "$T" "$(idx exec)")"
check "crash-null: killed with SIGSEGV, one line from the kernel" \
	grep -q '^crash\[[0-9]*\]: unhandled signal 11 code 0x1 at 0x0000000000000000 (store page fault)$' <<<"$(block "$T" "$(idx crash-null)")"
check "crash-illegal: killed with SIGILL" \
	grep -q '^crash\[[0-9]*\]: unhandled signal 4 code 0x1 at 0x[0-9a-f]* (illegal instruction)$' <<<"$(block "$T" "$(idx crash-illegal)")"
check "crash-kernel: killed with SIGSEGV at the kernel address" \
	grep -q '^crash\[[0-9]*\]: unhandled signal 11 code 0x1 at 0xffffffff80000000 (instruction page fault)$' <<<"$(block "$T" "$(idx crash-kernel)")"
check "an unknown command just brings the prompt back" \
	[ -z "$(block "$T" "$(idx no-such-command)")" ]
check "help lists the commands as '    * cmd - desc'" \
	[ "$(block "$T" "$(idx help)" | grep -c '^    \* [a-z-]* - ')" = 18 ]

# --- 3. The same programs on Linux (qemu-user), where available ---
if command -v qemu-riscv64 >/dev/null && command -v script >/dev/null; then
	linux_run() {	# linux_run BINARY CMD: through a pty, so stdout is a terminal
		timeout 20 script -qec "qemu-riscv64 $1 $2" /dev/null < /dev/null | tr -d '\r'
	}
	builds=("$GUEST/build/user/init:the rvlab build")
	[ -x "$GUEST/build/user-linux/init" ] && builds+=("$GUEST/build/user-linux/init:the riscv64-linux-gnu build")
	[ -x "$GUEST/build/user/init" ] || builds=()
	[ ${#builds[@]} = 0 ] && skip "qemu-user: no user programs in guest/build (run scripts/build-guest.sh --linux)"
	for b in "${builds[@]}"; do
		bin="${b%%:*}" what="${b#*:}"
		ours() { block "$T" "$(idx "$1")"; }
		digits() { sed -E 's/[0-9]+/N/g'; }
		# Linux may run the child first on another CPU: compare as sets of lines.
		check "qemu-user ($what): fork-new prints the same lines" \
			[ "$(linux_run "$bin" fork-new | sort)" = "$(ours fork-new | sort)" ]
		lp=$(linux_run "$bin" fork-puzzle | sed -n 2p)
		check "qemu-user ($what): fork-puzzle gives 8 '+' and 6 '-'" \
			[ "$(tr -cd + <<<"$lp" | wc -c):$(tr -cd - <<<"$lp" | wc -c)" = "8:6" ]
		for c in thread-demo preempt-demo clone-check version; do
			check "qemu-user ($what): $c prints the same (numbers aside)" \
				[ "$(linux_run "$bin" "$c" | digits)" = "$(ours "$c" | digits)" ]
		done
		# qemu-user implements vfork as fork: only the fork half can agree.
		check "qemu-user ($what): vfork-demo's fork half is the same" \
			[ "$(linux_run "$bin" vfork-demo | tail -2)" = "$(ours vfork-demo | tail -2)" ]
		dir=$(dirname "$bin")
		for c in null:139 illegal:132 kernel:139; do
			rc=$(bash -c 'timeout 20 qemu-riscv64 "$0" "$1" >/dev/null 2>&1; echo $?' \
				"$dir/bin/crash" "${c%%:*}" 2>/dev/null)
			check "qemu-user ($what): crash ${c%%:*} dies of signal $(( ${c#*:} - 128 ))" [ "$rc" = "${c#*:}" ]
		done
	done
else
	skip "qemu-user (qemu-riscv64) or script(1) not installed: no Linux comparison"
fi

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
