/** rvlab's public API for scripts and tests. */
export { Machine, runToEnd, RAM_BASE, REG_NAMES, type StopReason, type SliceResult } from './machine.js';
export { programMachine, systemMachine, IMAGES_DIR } from './boot.js';
export { runConsole, type ConsoleOptions, type ConsoleResult } from './console.js';
export { ConsoleSession, type WaitOptions, type WaitResult } from './session.js';
export { parseElf, findSymbol, type ElfImage, type ElfSymbol } from './elf.js';
export { buildDtb, parseDtb, type BoardConfig, type DtNode } from './dtb.js';
export { type Result } from './result.js';
