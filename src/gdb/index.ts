/** The GDB remote serial protocol server: what the CLI and scripts use. */
export { serveGdb, DEFAULT_GDB_PORT, type ServeGdbOptions, type ServeGdbResult, type GdbService } from './serve.js';
export { startGdbServer, type GdbServer, type GdbServerOptions } from './server.js';
export type { GdbTarget } from './commands.js';
export { targetXml } from './target-xml.js';
