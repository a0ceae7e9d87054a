/** Linux clone(2) flags by name (include/uapi/linux/sched.h). */

const FLAGS: [number, string][] = [
  [0x00000100, 'CLONE_VM'], [0x00000200, 'CLONE_FS'], [0x00000400, 'CLONE_FILES'], [0x00000800, 'CLONE_SIGHAND'],
  [0x00001000, 'CLONE_PIDFD'], [0x00002000, 'CLONE_PTRACE'], [0x00004000, 'CLONE_VFORK'], [0x00008000, 'CLONE_PARENT'],
  [0x00010000, 'CLONE_THREAD'], [0x00020000, 'CLONE_NEWNS'], [0x00040000, 'CLONE_SYSVSEM'], [0x00080000, 'CLONE_SETTLS'],
  [0x00100000, 'CLONE_PARENT_SETTID'], [0x00200000, 'CLONE_CHILD_CLEARTID'], [0x00400000, 'CLONE_DETACHED'],
  [0x00800000, 'CLONE_UNTRACED'], [0x01000000, 'CLONE_CHILD_SETTID'], [0x02000000, 'CLONE_NEWCGROUP'],
  [0x04000000, 'CLONE_NEWUTS'], [0x08000000, 'CLONE_NEWIPC'], [0x10000000, 'CLONE_NEWUSER'], [0x20000000, 'CLONE_NEWPID'],
  [0x40000000, 'CLONE_NEWNET'], [0x80000000, 'CLONE_IO'],
];

const SIGNALS: Record<number, string> = { 17: 'SIGCHLD', 9: 'SIGKILL', 15: 'SIGTERM', 10: 'SIGUSR1', 12: 'SIGUSR2' };

/** "CLONE_VM|CLONE_VFORK|SIGCHLD" for 0x4111. */
export function cloneFlagNames(flags: bigint): string {
  const f = Number(flags & 0xffff_ffffn);
  const parts = FLAGS.filter(([bit]) => (f & bit) !== 0).map(([, n]) => n);
  const sig = f & 0xff;
  if (sig) parts.push(SIGNALS[sig] ?? `signal ${sig}`);
  const known = FLAGS.reduce((a, [b]) => a | b, 0xff);
  const rest = (f & ~known) >>> 0;
  if (rest) parts.push(`0x${rest.toString(16)}`);
  if (flags >> 32n) parts.push(`0x${(flags >> 32n).toString(16)}00000000`);
  return parts.length ? parts.join('|') : '0';
}
